import type { Command } from 'commander';
import { extname } from 'node:path';
import { bakeImage } from '../../core/bake/index.js';
import { parseJsonObject, payloadOf, specOfText } from '../../core/bake/payload.js';
import { pathExists, readInputFile, readInputText, writeFileAtomic } from '../../adapters/files.js';
import { BadgesmithError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { isImageError, withFileName } from '../input-error.js';
import { userPath } from '../user-path.js';

interface BakeFlags {
  image: string;
  output: string;
  force?: boolean;
  dryRun?: boolean;
  unsigned?: boolean;
}

/**
 * Refuses a JSON credential with no embedded proof: baked, it would only ever verify NOT VALID.
 * A VC-JWT is signed by its form; an OB 2.0 hosted assertion is verified by its URL, not a proof.
 */
function assertSigned(credential: string, unsigned: boolean): void {
  if (unsigned || payloadOf(credential).kind !== 'json') return;
  const object = parseJsonObject(credential.trim());
  if (object === undefined || specOfText(credential) === 'ob2' || 'proof' in object) return;
  throw new BadgesmithError(
    'ERR_CREDENTIAL_UNSIGNED',
    'the credential has no proof: sign it first (badgesmith issue)',
    { hint: 'pass --unsigned to bake it anyway, for tests: it will never verify as valid' },
  );
}

/** Refuses `-o x.svg` for PNG bytes (and the reverse): the name must say what the file is. */
function assertExtension(output: string, kind: string): void {
  const ext = extname(output);
  if (ext.toLowerCase() === `.${kind}`) return;
  const fixed = `${ext === '' ? output : output.slice(0, -ext.length)}.${kind}`;
  throw new BadgesmithError(
    'ERR_USAGE_BAD_OPTION',
    `-o '${output}' does not end in .${kind}, but the image is ${kind.toUpperCase()}`,
    { hint: `write -o '${fixed}', or give --image an .${kind === 'png' ? 'svg' : 'png'} artwork` },
  );
}

/** `badgesmith bake <credential> --image <png|svg> -o <out>`: bakes one credential into an image. */
export function registerBake(program: Command, getContext: () => CliContext): void {
  program
    .command('bake')
    .description('bake a signed credential (.jwt/.jws or .json) into a PNG or SVG badge image')
    .argument('<credential-file>', 'the credential: a VC-JWT text file or a credential JSON file')
    .requiredOption('--image <file>', 'the badge artwork to bake into (.png or .svg)')
    .requiredOption('-o, --output <file>', 'where to write the baked badge')
    .option('--force', 'replace the output file if it exists')
    .option('--dry-run', 'check everything and say what would be written, but write nothing')
    .option('--unsigned', 'bake a JSON credential that has no proof (for tests; never valid)')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith bake out/ada.jwt --image art/badge.png -o out/ada.png
  badgesmith bake out/ada.json --image art/badge.svg -o out/ada.svg --force

A PNG gets one iTXt chunk 'openbadgecredential' right after IHDR; the image data is copied
unchanged. An SVG gets <openbadges:credential> right after its <svg> tag; scripts, event
handlers, embedded HTML and external references are removed from the artwork, and each
removal is listed. A credential already in
the image is replaced, never duplicated, and stderr says so.`,
    )
    .action(async (credentialFile: string, flags: BakeFlags) => {
      const ctx = getContext();
      const output = userPath(ctx, flags.output);
      const force = flags.force === true;
      if (!force && flags.dryRun !== true && (await pathExists(output))) {
        throw new BadgesmithError('ERR_FILE_EXISTS', `'${flags.output}' already exists`, {
          hint: 'choose another output path, or pass --force to replace it',
        });
      }
      const credential = await readInputText(userPath(ctx, credentialFile), 'credential');
      try {
        assertSigned(credential, flags.unsigned === true);
      } catch (error) {
        throw withFileName(credentialFile, error);
      }
      const image = await readInputFile(userPath(ctx, flags.image), 'image');
      let baked;
      try {
        baked = bakeImage(image, credential);
      } catch (error) {
        throw withFileName(isImageError(error) ? flags.image : credentialFile, error);
      }
      assertExtension(flags.output, baked.kind);
      if (baked.replaced) {
        ctx.err(`warning: '${flags.image}' already held a credential; it was replaced`);
      }
      for (const warning of baked.warnings.filter((w) => !w.startsWith('replaced '))) {
        ctx.err(`warning: ${warning}`);
      }
      const what = `${baked.kind.toUpperCase()}, ${baked.bytes.length} bytes`;
      if (flags.dryRun === true) {
        ctx.out(`would bake '${credentialFile}' into '${flags.output}' (${what}); nothing written`);
        return;
      }
      await writeFileAtomic(output, baked.bytes, { overwrite: force });
      ctx.out(`baked '${credentialFile}' into '${flags.output}' (${what})`);
    });
}
