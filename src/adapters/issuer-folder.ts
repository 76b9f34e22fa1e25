import type { JsonWebKey } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { BadgesmithError } from '../core/errors.js';
import { didKeyFromPublicJwk, isDidKey } from '../core/keys/did-key.js';
import { generateKeyPair, type SigningAlg } from '../core/keys/generate.js';
import { buildDidDocument, buildJwks } from '../core/keys/publish.js';
import { kidFor, loadSigningKey, type SigningKey } from '../core/keys/signing-key.js';
import { CONFIG_DEFAULTS, isIssuerId, type IssuerConfig } from '../core/model/config.js';
import { keyOwnershipProblem, privateKeyFileProblem } from '../core/model/issuer-key.js';
import { ensureFolder, pathExists, readInputText, writeFileAtomic } from './files.js';
import { retireIssuerFiles, type RetiredIssuer } from './retire-keys.js';
import { readYamlText } from './yaml-document.js';
import { parseYamlFile, yamlFieldPosition } from './yaml-files.js';
import {
  EXAMPLE_ACHIEVEMENT,
  EXAMPLE_ROSTER,
  EXAMPLE_TEMPLATE,
  GITIGNORE_LINES,
} from './issuer-folder-examples.js';

/** The file names inside an issuer folder. */
export const FOLDER = {
  config: 'badgesmith.yaml',
  privateKey: 'keys/issuer.private.jwk.json',
  jwks: 'keys/jwks.json',
  didDocument: 'keys/did.json',
  achievement: 'achievements/first-badge.yaml',
  template: 'templates/badge.svg',
  roster: 'rosters/example.csv',
  gitignore: '.gitignore',
} as const;

/** What `init` is told; missing values have been asked for or defaulted by the caller. */
export interface InitOptions {
  dir: string;
  alg: SigningAlg;
  issuerId?: string;
  name: string;
  url?: string;
  email?: string;
  /** The proof format `issue` writes by default (`di` needs an EdDSA key). */
  proof?: 'jwt' | 'di';
  force: boolean;
  /** The time of the run, for the names of retired files (`init --force`). */
  now?: Date;
}

/** What `init` did: the config it wrote, and each file with whether it was written or kept. */
export interface InitResult {
  config: IssuerConfig;
  files: { path: string; action: 'wrote' | 'kept' | 'updated' }[];
  /** The old issuer's files that `force` moved to `keys/retired/`, if there were any. */
  retired?: RetiredIssuer;
}

function issuerIdFor(options: InitOptions, publicJwk: JsonWebKey): string {
  if (options.issuerId !== undefined) {
    if (!isIssuerId(options.issuerId)) {
      throw new BadgesmithError(
        'ERR_USAGE_BAD_OPTION',
        `issuer id '${options.issuerId}' is not a did:web, did:key or https url`,
        {
          hint: 'pass --issuer-id did:web:example.org or --issuer-id https://example.org/issuer',
        },
      );
    }
    return options.issuerId;
  }
  if (options.alg === 'RS256') {
    throw new BadgesmithError(
      'ERR_USAGE_MISSING_OPTION',
      'an RS256 issuer needs --issuer-id: rsa keys have no did:key',
      {
        hint: 'pass --issuer-id did:web:<your domain> or https://<your site>/issuer, or use --alg ES256',
      },
    );
  }
  return didKeyFromPublicJwk(publicJwk);
}

// An example that is there is kept, even with --force: it may be the issuer's own edited file.
async function writeExample(dir: string, path: string, text: string): Promise<'wrote' | 'kept'> {
  const full = join(dir, path);
  if (await pathExists(full)) return 'kept';
  await writeFileAtomic(full, text);
  return 'wrote';
}

async function mergeGitignore(dir: string): Promise<'wrote' | 'updated' | 'kept'> {
  const full = join(dir, FOLDER.gitignore);
  if (!(await pathExists(full))) {
    await writeFileAtomic(full, `${GITIGNORE_LINES.join('\n')}\n`);
    return 'wrote';
  }
  const current = await readInputText(full, '.gitignore');
  const have = new Set(current.split(/\r?\n/u).map((line) => line.trim()));
  const missing = GITIGNORE_LINES.filter((line) => !have.has(line));
  if (missing.length === 0) return 'kept';
  const glue = current.endsWith('\n') || current === '' ? '' : '\n';
  await writeFileAtomic(full, `${current}${glue}${missing.join('\n')}\n`, { overwrite: true });
  return 'updated';
}

function configYaml(config: IssuerConfig): string {
  const header = [
    '# badgesmith issuer folder: see schemas/config.schema.json.',
    '# Paths are relative to this file. The private key stays out of version control.',
  ];
  return `${header.join('\n')}\n${stringify(config, { lineWidth: 100 })}`;
}

/**
 * Makes an issuer folder: a new key pair, `badgesmith.yaml`, the published keys (JWKS, and a DID
 * document when the issuer is a DID), an example achievement, template and roster, and a
 * `.gitignore`. An existing `badgesmith.yaml` is an ERR_FILE_EXISTS unless `force`; with `force`
 * the old key, published keys and config are moved to `keys/retired/` (never overwritten), and
 * example files that exist are kept.
 */
export async function initIssuerFolder(options: InitOptions): Promise<InitResult> {
  const dir = resolve(options.dir);
  const configPath = join(dir, FOLDER.config);
  // Made first, so a file in the way or a read-only parent is named before a key is made.
  await ensureFolder(dir);
  if (!options.force && (await pathExists(configPath))) {
    throw new BadgesmithError('ERR_FILE_EXISTS', `'${configPath}' already exists`, {
      hint: 'this folder is already an issuer folder; pass --force to start over with a new key',
    });
  }
  const { privateJwk, publicJwk } = generateKeyPair(options.alg);
  const issuerId = issuerIdFor(options, publicJwk);
  const kid = kidFor(issuerId, publicJwk);
  const config: IssuerConfig = {
    issuer: { id: issuerId, name: options.name },
    keys: { private: FOLDER.privateKey, kid },
    defaults: { ...CONFIG_DEFAULTS, alg: options.alg, proof: options.proof ?? 'jwt' },
  };
  if (options.url !== undefined) config.issuer.url = options.url;
  if (options.email !== undefined) config.issuer.email = options.email;

  // A key that signed badges is never overwritten: its badges verify only against it.
  const retired = options.force
    ? await retireIssuerFiles(
        dir,
        [FOLDER.privateKey, FOLDER.jwks, FOLDER.didDocument, FOLDER.config],
        configPath,
        options.now ?? new Date(),
      )
    : undefined;
  const files: InitResult['files'] = [];
  const write = async (path: string, text: string, mode?: number): Promise<void> => {
    await writeFileAtomic(join(dir, path), text, {
      overwrite: options.force,
      ...(mode === undefined ? {} : { mode }),
    });
    files.push({ path, action: 'wrote' });
  };
  await write(FOLDER.privateKey, `${JSON.stringify(privateJwk, null, 2)}\n`, 0o600);
  const jwks = buildJwks(issuerId, [{ publicJwk, kid, alg: options.alg }]);
  await write(FOLDER.jwks, `${JSON.stringify(jwks, null, 2)}\n`);
  if (issuerId.startsWith('did:')) {
    const didDocument = buildDidDocument(issuerId, [{ publicJwk, kid }]);
    await write(FOLDER.didDocument, `${JSON.stringify(didDocument, null, 2)}\n`);
  }
  const examples: [string, string][] = [
    [FOLDER.achievement, EXAMPLE_ACHIEVEMENT],
    [FOLDER.template, EXAMPLE_TEMPLATE],
    [FOLDER.roster, EXAMPLE_ROSTER],
  ];
  for (const [path, text] of examples) {
    files.push({ path, action: await writeExample(dir, path, text) });
  }
  files.push({ path: FOLDER.gitignore, action: await mergeGitignore(dir) });
  await write(FOLDER.config, configYaml(config));
  return {
    config,
    files,
    ...(retired === undefined || retired.moved.length === 0 ? {} : { retired }),
  };
}

/** An issuer folder loaded for a run: its config, and its key parsed once. */
export interface LoadedIssuer {
  config: IssuerConfig;
  configPath: string;
  dir: string;
  signingKey: SigningKey;
}

function withDefaults(config: IssuerConfig): IssuerConfig {
  return { ...config, defaults: { ...CONFIG_DEFAULTS, ...config.defaults } };
}

function parsePrivateKeyFile(text: string, keyPath: string): JsonWebKey {
  const hint = `point keys.private at the private key file '${FOLDER.privateKey}' that \`badgesmith init\` or \`badgesmith keys generate\` wrote`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BadgesmithError('ERR_KEY_INVALID', `private key '${keyPath}' is not json`, {
      hint,
      cause: error,
    });
  }
  const problem = privateKeyFileProblem(value);
  if (problem !== undefined) {
    throw new BadgesmithError('ERR_KEY_INVALID', `private key '${keyPath}' ${problem}`, { hint });
  }
  return value as JsonWebKey;
}

// The folder's published JWKS, when there is one, to check that keys.kid lists this key.
async function publishedKeys(dir: string): Promise<JsonWebKey[]> {
  const path = join(dir, FOLDER.jwks);
  if (!(await pathExists(path))) return [];
  try {
    const jwks = JSON.parse(await readInputText(path, 'jwks')) as { keys?: unknown };
    return Array.isArray(jwks.keys) ? (jwks.keys as JsonWebKey[]) : [];
  } catch {
    return [];
  }
}

/**
 * Parses the key and checks, before anything is signed, that it is the issuer's and that
 * keys.kid names it: a credential signed with another key is never valid.
 */
function signingKeyFor(
  config: IssuerConfig,
  privateJwk: JsonWebKey,
  keyPath: string,
  published: JsonWebKey[],
): SigningKey {
  const { id } = config.issuer;
  let loaded: SigningKey;
  try {
    loaded = loadSigningKey(privateJwk, config.defaults.alg, config.keys.kid ?? id);
  } catch (error) {
    if (!(error instanceof BadgesmithError)) throw error;
    throw new BadgesmithError(error.code, `private key '${keyPath}': ${error.message}`, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    });
  }
  const problem = keyOwnershipProblem(id, config.keys.kid, loaded.publicJwk, published);
  if (problem !== undefined) {
    throw new BadgesmithError(
      'ERR_KEY_MISMATCH',
      `private key '${keyPath}' does not belong to issuer '${id}': ${problem}`,
      {
        hint: `set keys.private to this issuer's key and keys.kid to its kid (as \`badgesmith init\` writes), or remove keys.kid to derive it; a new key is a new did:key issuer: set issuer.id${newDidKey(id, loaded.publicJwk)} and keys.kid to match (then issue into a new --out folder, or pass --new-issuer)`,
      },
    );
  }
  const kid = config.keys.kid ?? kidFor(id, loaded.publicJwk);
  return { ...loaded, kid };
}

// `proof: di` (eddsa-rdfc-2022) signs with Ed25519 only: said at the config line, before a run.
function proofKeyMismatch(
  text: string,
  configPath: string,
  config: IssuerConfig,
  keyPath: string,
): BadgesmithError {
  const at = yamlFieldPosition(text, configPath, ['defaults', 'proof']);
  return new BadgesmithError(
    'ERR_CONFIG_INVALID',
    `config '${at}': \`proof: di\` signs with an Ed25519 key, and keys.private '${keyPath}' is an ${config.defaults.alg} key`,
    {
      hint: 'write `proof: jwt` under defaults, or run `badgesmith init --proof di` in a new folder for an Ed25519 issuer',
    },
  );
}

// The did:key of the key given, for the key-mismatch hint of a did:key issuer (README, keys).
function newDidKey(issuerId: string, publicJwk: JsonWebKey): string {
  if (!isDidKey(issuerId)) return '';
  try {
    return ` to '${didKeyFromPublicJwk(publicJwk)}'`;
  } catch {
    return '';
  }
}

/**
 * Reads `badgesmith.yaml` and the private key it names, and parses the key once for the whole
 * run (DESIGN.md, performance). A key readable by others gets a warning through `warn`.
 */
export async function loadIssuer(
  configPath: string,
  warn: (text: string) => void,
): Promise<LoadedIssuer> {
  if (!(await pathExists(configPath))) {
    throw new BadgesmithError('ERR_CONFIG_NOT_FOUND', `config '${configPath}' does not exist`, {
      hint: 'run `badgesmith init` to make an issuer folder, or pass --config <path>',
    });
  }
  const text = await readYamlText(configPath, 'config');
  const config = withDefaults(parseYamlFile<IssuerConfig>(text, configPath, 'config'));
  const dir = dirname(resolve(configPath));
  const keyPath = resolve(dir, config.keys.private);
  const keyText = await readInputText(keyPath, 'private key');
  const privateJwk = parsePrivateKeyFile(keyText, keyPath);
  const mode = (await stat(keyPath)).mode & 0o077;
  if (mode !== 0 && process.platform !== 'win32') {
    warn(`warning: private key '${keyPath}' is readable by others; run: chmod 600 '${keyPath}'`);
  }
  const signingKey = signingKeyFor(config, privateJwk, keyPath, await publishedKeys(dir));
  if (config.defaults.proof === 'di' && signingKey.privateKey.asymmetricKeyType !== 'ed25519') {
    throw proofKeyMismatch(text, configPath, config, keyPath);
  }
  return { config, configPath, dir, signingKey };
}

/**
 * Finds an achievement file: a path that exists (relative to the current folder), else a slug
 * looked up as `achievements/<slug>.yaml` (or `.yml`) in the issuer folder.
 */
export async function resolveAchievementPath(
  ref: string,
  cwd: string,
  issuerDir: string,
): Promise<string> {
  const asPath = resolve(cwd, ref);
  if (await pathExists(asPath)) return asPath;
  if (!/[\\/]/u.test(ref) && extname(ref) === '') {
    for (const ext of ['.yaml', '.yml']) {
      const candidate = join(issuerDir, 'achievements', `${ref}${ext}`);
      if (await pathExists(candidate)) return candidate;
    }
  }
  throw new BadgesmithError('ERR_FILE_NOT_FOUND', `achievement '${ref}' not found`, {
    hint: `give a path to a yaml file, or a slug from '${join(issuerDir, 'achievements')}'`,
  });
}

/** The slug of an achievement file: its name without the extension. */
export function achievementSlug(path: string): string {
  return basename(path, extname(path));
}
