import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { BadgesmithError } from '../../core/errors.js';
import { SIGNING_ALGS, type SigningAlg } from '../../core/keys/generate.js';
import { isIssuerId } from '../../core/model/config.js';
import { isEmailAddress } from '../../core/model/identity.js';
import {
  blankNameProblem,
  isBlankName,
  unsafeNameProblem,
} from '../../core/model/roster-values.js';
import { FOLDER, initIssuerFolder, type InitOptions } from '../../adapters/issuer-folder.js';
import type { RetiredIssuer } from '../../adapters/retire-keys.js';
import type { CliContext } from '../context.js';
import { askChoice, askText } from '../prompts.js';

interface InitFlags {
  alg?: string;
  issuerId?: string;
  name?: string;
  url?: string;
  email?: string;
  proof?: string;
  force?: boolean;
}

const DEFAULT_NAME = 'Example Issuer';

function parseAlg(value: string | undefined): SigningAlg | undefined {
  if (value === undefined) return undefined;
  const alg = SIGNING_ALGS.find((known) => known.toLowerCase() === value.toLowerCase());
  if (alg === undefined) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `--alg '${value}' is not one of ${SIGNING_ALGS.join(', ')}`,
      {
        hint: 'use --alg ES256 (the default), EdDSA or RS256',
      },
    );
  }
  return alg;
}

function checkEmail(email: string | undefined): void {
  if (email !== undefined && !isEmailAddress(email)) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `--email '${email}' is not an e-mail address`,
      {
        hint: 'pass --email badges@your-organisation.org',
      },
    );
  }
}

// The issuer name is on every badge: one that shows nothing (only spaces or zero-width
// characters) would issue badges from no one, and one with a control character or a bidi
// override could show another issuer's name than the one it holds (as for earners' names).
function checkName(name: string | undefined): void {
  const blank =
    name === undefined
      ? undefined
      : (blankNameProblem('--name', name) ?? unsafeNameProblem('--name', name));
  if (blank !== undefined) {
    throw new BadgesmithError('ERR_USAGE_BAD_OPTION', blank, {
      hint: 'pass the name shown on every badge, e.g. --name "Data Carpentry Lab"',
    });
  }
}

// The issuer's web site: an absolute http(s) URL, as OB 3.0 Profile.url is a URI (section 3.3).
function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkUrl(url: string | undefined): void {
  if (url !== undefined && !isWebUrl(url)) {
    throw new BadgesmithError('ERR_USAGE_BAD_OPTION', `--url '${url}' is not a web address`, {
      hint: 'pass an absolute https url, e.g. --url https://lab.example.edu',
    });
  }
}

/** `--proof`: `di` (Data Integrity, eddsa-rdfc-2022) signs with Ed25519 only, so it sets the key. */
function parseProof(value: string | undefined, alg: SigningAlg | undefined): 'jwt' | 'di' {
  if (value === undefined) return 'jwt';
  const proof = value.toLowerCase();
  if (proof !== 'jwt' && proof !== 'di') {
    throw new BadgesmithError('ERR_USAGE_BAD_OPTION', `--proof '${value}' is not jwt or di`, {
      hint: 'use --proof jwt (a VC-JWT, the default) or --proof di (Data Integrity, Ed25519)',
    });
  }
  if (proof === 'di' && alg !== undefined && alg !== 'EdDSA') {
    throw new BadgesmithError(
      'ERR_USAGE_CONFLICT',
      `--proof di signs with an Ed25519 key, not --alg '${alg}'`,
      { hint: 'drop --alg (--proof di makes an EdDSA key), or pass --proof jwt' },
    );
  }
  return proof;
}

/**
 * The issuer-id prompt's check: empty (a did:key is made) or an id `init --issuer-id` takes, so a
 * wrong id is asked again rather than refused after the last question.
 *
 * @example issuerIdAnswer('foo') // "'foo' is not a did:web:…, did:key:… or https://… id (e.g. …)"
 */
export function issuerIdAnswer(value: string): true | string {
  if (value === '' || isIssuerId(value)) return true;
  return `'${value}' is not a did:web:…, did:key:… or https://… id (e.g. did:web:example.org)`;
}

async function gatherOptions(dir: string, flags: InitFlags, ctx: CliContext): Promise<InitOptions> {
  let alg = parseAlg(flags.alg);
  const proof = parseProof(flags.proof, alg);
  if (proof === 'di') alg = 'EdDSA';
  let { name, url, email } = flags;
  let issuerId = flags.issuerId;
  if (ctx.interactive) {
    name ??= await askText('Issuer name (shown on every badge):', {
      default: DEFAULT_NAME,
      validate: (value) =>
        isBlankName(value)
          ? 'the name cannot be empty or invisible'
          : (unsafeNameProblem('the name', value) ?? true),
    });
    alg ??= await askChoice('Signing algorithm:', SIGNING_ALGS, 'ES256');
    if (issuerId === undefined) {
      const answer = await askText('Issuer id (did:web:… or https://…; empty for a did:key):', {
        required: alg === 'RS256',
        validate: issuerIdAnswer,
      });
      issuerId = answer === '' ? undefined : answer;
    }
    url ??=
      (await askText('Issuer web site (optional):', {
        validate: (value) => value === '' || isWebUrl(value) || 'not an https:// address',
      })) || undefined;
    email ??=
      (await askText('Issuer contact e-mail (optional):', {
        validate: (value) => value === '' || isEmailAddress(value) || 'not an e-mail address',
      })) || undefined;
  }
  checkName(name);
  checkUrl(url);
  checkEmail(email);
  return {
    dir: resolve(ctx.cwd, dir),
    alg: alg ?? 'ES256',
    name: name ?? DEFAULT_NAME,
    force: flags.force === true,
    proof,
    ...(issuerId === undefined ? {} : { issuerId }),
    ...(url === undefined ? {} : { url }),
    ...(email === undefined ? {} : { email }),
  };
}

// Badges signed with the replaced key still name the old issuer and kid, and verify only
// against the old public keys: say where they were kept, on stderr, before the new files.
function warnRetired(
  retired: RetiredIssuer,
  shown: (path: string) => string,
  ctx: CliContext,
): void {
  for (const { from, to } of retired.moved) {
    ctx.err(`warning: kept the old ${shown(from)} as ${shown(to)}`);
  }
  const who = [
    retired.issuerId === undefined ? undefined : `issuer '${retired.issuerId}'`,
    retired.kid === undefined ? undefined : `kid '${retired.kid}'`,
  ].filter((part) => part !== undefined);
  ctx.err(
    `warning: badges signed with the old key still name the old ${who.length === 0 ? 'issuer id and kid' : who.join(' and ')}; keep publishing the old jwks.json / did.json so they still verify`,
  );
}

/** `badgesmith init [dir]`: makes an issuer folder with a new key and example files. */
export function registerInit(program: Command, getContext: () => CliContext): void {
  program
    .command('init')
    .description('make an issuer folder: config, signing key, published keys, an example badge')
    .argument('[dir]', 'folder to make the issuer in', '.')
    .option('--alg <alg>', `signing algorithm: ${SIGNING_ALGS.join(', ')} (default ES256)`)
    .option(
      '--issuer-id <id>',
      'issuer id: did:web:…, or https://… (default: a did:key of the new key)',
    )
    .option('--name <name>', `issuer name (default "${DEFAULT_NAME}")`)
    .option('--url <url>', 'issuer web site')
    .option('--email <email>', 'issuer contact e-mail')
    .option(
      '--proof <proof>',
      'default proof of `issue`: jwt (VC-JWT) or di (Data Integrity, Ed25519)',
    )
    .option(
      '--force',
      'start over with a new key: the old key, published keys and badgesmith.yaml move to keys/retired/',
    )
    .addHelpText(
      'after',
      `
Examples:
  badgesmith init my-issuer --name "Open Workshop" --email badges@example.org
  badgesmith init --alg EdDSA --issuer-id did:web:badges.example.org
  badgesmith init --alg RS256 --issuer-id https://example.org/issuer
  badgesmith init --proof di     (an Ed25519 key; issue writes Data Integrity proofs)

Writes ${FOLDER.config}, ${FOLDER.privateKey} (mode 0600, git-ignored),
${FOLDER.jwks}, ${FOLDER.didDocument} (DID issuers), an example achievement, template and roster.
--force keeps example files that are there, and moves the old key files to
keys/retired/<time>-<name>: badges signed with the old key still name the old issuer id and kid.`,
    )
    .action(async (dir: string, flags: InitFlags) => {
      const ctx = getContext();
      const options = await gatherOptions(dir, flags, ctx);
      const result = await initIssuerFolder({ ...options, now: ctx.now() });
      const shown = (path: string): string => relative(ctx.cwd, resolve(options.dir, path)) || path;
      if (result.retired !== undefined) warnRetired(result.retired, shown, ctx);
      if (ctx.verbosity === 0) return;
      const { alg: keyAlg, proof: made } = result.config.defaults;
      ctx.out(`issuer ${result.config.issuer.id} (${keyAlg}${made === 'di' ? ', proof di' : ''})`);
      for (const file of result.files) ctx.out(`  ${file.action.padEnd(7)} ${shown(file.path)}`);
      const config = shown(FOLDER.config);
      ctx.out(
        `next: badgesmith issue --config ${config} --achievement first-badge --roster ${shown(FOLDER.roster)}`,
      );
    });
}
