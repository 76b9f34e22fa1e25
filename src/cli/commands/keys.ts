import type { Command } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathExists, writeFileAtomic } from '../../adapters/files.js';
import { FOLDER, loadIssuer } from '../../adapters/issuer-folder.js';
import { readYamlText } from '../../adapters/yaml-document.js';
import { parseYamlFile } from '../../adapters/yaml-files.js';
import { BadgesmithError } from '../../core/errors.js';
import { didKeyFromPublicJwk, multibaseFromPublicJwk } from '../../core/keys/did-key.js';
import { generateKeyPair, SIGNING_ALGS, type SigningAlg } from '../../core/keys/generate.js';
import { jwkThumbprint, keyKindOf, publicJwkOf } from '../../core/keys/jwk.js';
import { buildPublication, didWebUrl } from '../../core/keys/publication.js';
import type { IssuerConfig } from '../../core/model/config.js';
import type { CliContext } from '../context.js';

interface GenerateFlags {
  alg?: string;
  out: string;
  force?: boolean;
}

interface ExportFlags {
  config: string;
  out?: string;
  force?: boolean;
}

function parseAlg(value: string): SigningAlg {
  const alg = SIGNING_ALGS.find((known) => known.toLowerCase() === value.toLowerCase());
  if (alg === undefined) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `--alg '${value}' is not one of ${SIGNING_ALGS.join(', ')}`,
      { hint: 'use --alg ES256 (the default, as init), EdDSA (Data Integrity needs it) or RS256' },
    );
  }
  return alg;
}

/**
 * The algorithm of `keys generate` without --alg: the `defaults.alg` of badgesmith.yaml in the
 * current folder (the key is for that issuer), else ES256, the default of `init`.
 */
async function defaultAlg(ctx: CliContext): Promise<{ alg: SigningAlg; why: string }> {
  const configPath = resolve(ctx.cwd, FOLDER.config);
  if (await pathExists(configPath)) {
    try {
      const text = await readYamlText(configPath, 'config');
      const config = parseYamlFile<IssuerConfig>(text, configPath, 'config');
      const alg = (config.defaults as Partial<IssuerConfig['defaults']> | undefined)?.alg;
      if (alg !== undefined) return { alg, why: `defaults.alg of ${FOLDER.config}` };
    } catch {
      // A broken badgesmith.yaml is reported by the commands that use it; a key can still be made.
      return { alg: 'ES256', why: `the default; ${FOLDER.config} here cannot be read` };
    }
  }
  return { alg: 'ES256', why: 'the default' };
}

/**
 * A path to print: an absolute path the user gave as it is; otherwise relative to the current
 * folder, or absolute when that is shorter (never `../../../../tmp/…`).
 */
function shownPath(ctx: CliContext, path: string, given = false): string {
  if (given && isAbsolute(path)) return path;
  const absolute = resolve(ctx.cwd, path);
  const fromHere = relative(ctx.cwd, absolute) || path;
  return absolute.length < fromHere.length ? absolute : fromHere;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** `badgesmith keys generate|export`: make a signing key; write the public files to publish. */
export function registerKeys(program: Command, getContext: () => CliContext): void {
  const keys = program
    .command('keys')
    .description("make a signing key, or export an issuer's public keys for publishing");

  keys
    .command('generate')
    .description("make a new private key (ES256, or the issuer folder's defaults.alg)")
    .option(
      '--alg <alg>',
      'ES256, EdDSA or RS256 (default: defaults.alg of badgesmith.yaml in this folder, else ES256)',
    )
    .option('--out <file>', 'where to write the private JWK (mode 0600)', 'issuer.private.jwk.json')
    .option('--force', 'replace the --out file if it exists')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith keys generate --out keys/issuer.private.jwk.json
  badgesmith keys generate --alg EdDSA --out ed25519.private.jwk.json

Without --alg the key has the algorithm of defaults.alg in ./badgesmith.yaml (an issuer
folder), else ES256 as \`init\` makes; Data Integrity proofs (--proof di) need EdDSA.

Prints the public key's did:key (Ed25519 and P-256) and Ed25519 Multikey. Point keys.private in
badgesmith.yaml at the file, then run \`badgesmith keys export\`.`,
    )
    .action(async (flags: GenerateFlags) => {
      const ctx = getContext();
      const chosen =
        flags.alg === undefined
          ? await defaultAlg(ctx)
          : { alg: parseAlg(flags.alg), why: undefined };
      const { alg } = chosen;
      const { privateJwk, publicJwk } = generateKeyPair(alg);
      const path = resolve(ctx.cwd, flags.out);
      await writeFileAtomic(path, json(privateJwk), {
        mode: 0o600,
        overwrite: flags.force === true,
      });
      if (chosen.why !== undefined) ctx.err(`note: --alg not given: ${alg}, ${chosen.why}`);
      ctx.out(`wrote ${shownPath(ctx, flags.out, true)} (${alg}, private: keep it secret)`);
      if (keyKindOf(publicJwk) !== 'RSA') ctx.out(`did:key     ${didKeyFromPublicJwk(publicJwk)}`);
      if (keyKindOf(publicJwk) === 'Ed25519') {
        ctx.out(`multikey    ${multibaseFromPublicJwk(publicJwk)}`);
      }
      ctx.out(`thumbprint  ${jwkThumbprint(publicJwk)}`);
    });

  keys
    .command('export')
    .description('write did.json (did issuers), jwks.json and the issuer profile: public keys only')
    .option('--config <file>', 'issuer config', 'badgesmith.yaml')
    .option('--out <dir>', 'folder to write to (default: public/ beside badgesmith.yaml)')
    .option('--force', 'replace files that exist')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith keys export
  badgesmith keys export --config my-issuer/badgesmith.yaml --out site/ --force

Writes jwks.json, issuer-profile.json and, for a DID issuer, did.json. Each holds the public key
only (a test checks that no private member is ever written). Publish did.json where did:web
resolves (did:web:example.org -> https://example.org/.well-known/did.json) and the profile at
the issuer id when it is an https URL; verifiers can also \`badgesmith trust add\` any of them.`,
    )
    .action(async (flags: ExportFlags) => {
      const ctx = getContext();
      const issuer = await loadIssuer(resolve(ctx.cwd, flags.config), ctx.err);
      const { signingKey, config } = issuer;
      const publication = buildPublication(config, {
        publicJwk: publicJwkOf(signingKey.publicJwk),
        kid: signingKey.kid,
        alg: signingKey.alg,
      });
      const outDir =
        flags.out === undefined ? resolve(issuer.dir, 'public') : resolve(ctx.cwd, flags.out);
      const files: [string, unknown][] = [
        ['jwks.json', publication.jwks],
        ['issuer-profile.json', publication.profile],
      ];
      if (publication.didDocument !== undefined) files.push(['did.json', publication.didDocument]);
      for (const [name, value] of files) {
        const path = resolve(outDir, name);
        await writeFileAtomic(path, json(value), { overwrite: flags.force === true });
        ctx.out(`wrote ${shownPath(ctx, path)}`);
      }
      const where = didWebUrl(config.issuer.id);
      if (where !== undefined) ctx.out(`publish did.json at ${where}`);
      else if (config.issuer.id.startsWith('https://')) {
        ctx.out(`publish issuer-profile.json at ${config.issuer.id}`);
      }
    });
}
