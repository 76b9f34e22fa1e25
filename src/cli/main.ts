import { Command, CommanderError } from 'commander';
import { BadgesmithError, EXIT } from '../core/errors.js';
import { createProcessContext, type CliContext } from './context.js';
import { registerCommands } from './commands/index.js';
import { readOwnVersion } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0    success; for verify, every file valid
  1    verify found a file not valid; issue had rows that failed (all reported)
  2    verify could not decide offline (unknown key, missing status list, hosted OB 2.0)
  64   usage error
  65   input unusable: not a badge, malformed file, bad YAML or CSV
  66   an input file is missing
  70   internal error (a bug: please report it with the command you ran)
  73   an output could not be written (it exists, another run holds the folder, no permission,
       a full disk, a file size limit)
  130  interrupted; nothing half-written is left behind
  143  issue stopped by SIGTERM; the rows done are kept (rerun to finish)`;

// One line per verb: the codes it gives; the whole table is on `badgesmith --help` only.
const VERB_EXIT_CODES: Record<string, string> = {
  init: '0 written, 64 a bad flag, 73 a file exists (pass --force) or cannot be written',
  issue:
    '0 all issued, 1 some rows failed (reported), 130 Ctrl-C (SIGINT), 143 SIGTERM; 64/65/66/73 see badgesmith --help',
  bake: '0 baked, 64 a bad flag, 65 not an image or unsigned; 66/73 see badgesmith --help',
  extract: '0 found, 1 no badge in the file, 65 not an image; 64/66 see badgesmith --help',
  verify:
    '0 every file valid, 1 a file not valid, 2 cannot tell offline; 64/65/66 see badgesmith --help',
  roster: '0 written; 64/65/66/73 see badgesmith --help',
  trust: '0 done; 64/65/66/73 see badgesmith --help',
  keys: '0 written; 64/65/66/73 see badgesmith --help',
};

/** Builds the commander program; `getContext` is called once the global flags are parsed. */
export function buildProgram(getContext: () => CliContext): Command {
  const program = new Command('badgesmith')
    .description('Issue, bake and verify Open Badges 3.0 micro-credentials, offline.')
    .version(readOwnVersion(), '-V, --version')
    .option('--no-color', 'no colour in the output (also NO_COLOR)')
    .option('-q, --quiet', 'say only what went wrong')
    .option('-v, --verbose', 'say more about what was done')
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  program.configureOutput({
    writeOut: (s) => process.stdout.write(s),
    writeErr: (s) => process.stderr.write(s),
  });
  registerCommands(program, getContext);
  for (const command of program.commands) {
    command.exitOverride();
    const codes = VERB_EXIT_CODES[command.name()];
    if (codes !== undefined) command.addHelpText('after', `\nExit codes: ${codes}`);
  }
  return program;
}

/** Formats an error for stderr: one line, then the fix when there is one. */
export function formatError(error: BadgesmithError): string {
  const lines = [`badgesmith: error: ${error.message}`];
  if (error.hint !== undefined) lines.push(`hint: ${error.hint}`);
  return lines.join('\n');
}

/**
 * A reader that closed our stdout early (`badgesmith verify *.png | head`) is not an error:
 * stop writing quietly instead of crashing with EPIPE.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
      throw error;
    });
  }
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  let context: CliContext | undefined;
  // The context is made on first use, once commander has parsed the global flags.
  const getContext = (): CliContext => {
    context ??= createProcessContext(
      program.opts<{ color?: boolean; quiet?: boolean; verbose?: boolean }>(),
    );
    return context;
  };
  const program = buildProgram(getContext);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return reportFailure(error);
  }
}

/**
 * Whether `error` is @inquirer/prompts giving up on a prompt: Ctrl-C or Ctrl-D (EOF) at the
 * terminal. Matched by name, as the package documents, not by class: its class is not exported
 * by @inquirer/prompts itself.
 */
export function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

/**
 * Writes what went wrong to stderr (through `write`) and returns the exit code: a usage error
 * 64, a BadgesmithError its catalog code, a prompt left with Ctrl-C or Ctrl-D 130 (prompts come
 * before anything is written), anything else a bug, 70.
 */
export function reportFailure(
  error: unknown,
  write: (text: string) => void = (text) => process.stderr.write(text),
): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return EXIT.ok;
    }
    // `badgesmith help` exits 0; no command given, commander printed the help on stderr
    // with a non-zero code: that is a usage error.
    if (error.code === 'commander.help' && error.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof BadgesmithError) {
    write(`${formatError(error)}\n`);
    return error.exitCode;
  }
  if (isPromptCancelled(error)) {
    write('badgesmith: cancelled\n');
    return EXIT.interrupted;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  write(
    `badgesmith: internal error: this is a bug; please report it with the command you ran\n${detail}\n`,
  );
  return EXIT.software;
}
