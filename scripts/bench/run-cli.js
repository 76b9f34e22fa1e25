// Runs the built CLI in this process, then prints its peak memory (worker threads included) as
// the last stderr line, for scripts/bench.js.
import { main } from '../../dist/cli/main.js';

const code = await main(process.argv.slice(2));
process.stderr.write(`\nBENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
process.exit(code);
