import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { extractBadge } from '../../core/bake/index.js';
import { readInputFile, writeFileAtomic } from '../../adapters/files.js';
import { BadgesmithError, EXIT } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { withFileName } from '../input-error.js';
import { userPath } from '../user-path.js';

interface ExtractFlags {
  json?: boolean;
  output?: string;
  force?: boolean;
}

// -o names the file to write; a folder there is said at once (--force cannot replace a folder).
async function assertNotFolder(output: string): Promise<void> {
  const info = await stat(output).catch(() => undefined);
  if (info?.isDirectory() === true) {
    throw new BadgesmithError('ERR_USAGE_BAD_OPTION', `-o '${output}' is a folder`, {
      hint: `give a file name for the payload, e.g. -o ${join(output, 'credential.jwt')}`,
    });
  }
}

/** `badgesmith extract <file>`: prints the credential baked into a badge image. */
export function registerExtract(program: Command, getContext: () => CliContext): void {
  program
    .command('extract')
    .description(
      'print the credential baked into a PNG or SVG badge (or held in a credential file)',
    )
    .argument('<file>', 'a baked badge (.png, .svg), or a .json / .jwt credential file')
    .option(
      '--json',
      'print one JSON document: where the credential was, its kind, and the payload',
    )
    .option('-o, --output <file>', 'write the payload to this file instead of stdout')
    .option('--force', 'replace the -o file if it exists')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith extract out/ada.png
  badgesmith extract downloaded.svg --json
  badgesmith extract out/ada.png -o ada.jwt

The payload is printed exactly as stored: a VC-JWT, credential JSON, or (OB 2.0 hosted
badges) a URL. Readings that needed leniency (a compressed chunk, a legacy tEXt chunk, a
wrong SVG namespace) are warned about on stderr. An image with no badge exits with 1.`,
    )
    .action(async (file: string, flags: ExtractFlags) => {
      const ctx = getContext();
      if (flags.output !== undefined) await assertNotFolder(userPath(ctx, flags.output));
      const bytes = await readInputFile(userPath(ctx, file), 'badge file');
      let result;
      try {
        result = extractBadge(bytes);
      } catch (error) {
        throw withFileName(file, error);
      }
      if (!result.found) {
        if (flags.json === true) {
          ctx.out(
            JSON.stringify(
              { file, found: false, reason: result.reason, hints: result.hints },
              null,
              2,
            ),
          );
        }
        ctx.err(`badgesmith: no badge found in '${file}': ${result.reason}`);
        const hint = result.hints[0] ?? 'bake a credential into it with `badgesmith bake`';
        ctx.err(`hint: ${hint}`);
        process.exitCode = EXIT.notValid;
        return;
      }
      const { badge } = result;
      for (const warning of badge.warnings) ctx.err(`warning: ${warning}`);
      if (flags.output !== undefined) {
        await writeFileAtomic(userPath(ctx, flags.output), badge.payload, {
          overwrite: flags.force === true,
        });
        ctx.err(`wrote the ${badge.payloadKind} payload to '${flags.output}'`);
      }
      if (flags.json === true) {
        const { container, location, spec, payloadKind, payload, warnings } = badge;
        const document = { file, container, location, spec, payloadKind, payload, warnings };
        ctx.out(JSON.stringify(document, null, 2));
      } else if (flags.output === undefined) {
        ctx.out(badge.payload);
      }
    });
}
