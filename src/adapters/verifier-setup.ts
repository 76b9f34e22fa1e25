/**
 * Everything a verification reads besides the badge, loaded from local files: trust files and
 * did:keys, the trust store, JSON-LD contexts, status lists and OB 2.0 documents. The `verify`
 * command and library users load them the same way, so a badge gets the same answer from both.
 */
import { resolve } from 'node:path';
import { isBadgesmithError } from '../core/errors.js';
import { isDidKey } from '../core/keys/did-key.js';
import type { VerifyBadgeOptions } from '../core/verify/verify-badge.js';
import { contextSetupFor } from './context-loader.js';
import { openOb2Documents } from './ob2-documents.js';
import { loadStatusListFolder } from './status-lists.js';
import { readTrustSet } from './trust-files.js';
import {
  readTrustStore,
  trustStoreDir,
  trustStoreWarning,
  type TrustStoreContents,
} from './trust-store.js';

/** Where the verification's documents are; relative paths are taken from `cwd`. */
export interface VerifierSources {
  /** Trust files (did.json, jwks.json, an issuer profile) and did:key strings. */
  trust?: readonly string[];
  /**
   * The trust store folder; default `$BADGESMITH_TRUST_STORE`, `$XDG_CONFIG_HOME/badgesmith/trust`
   * or `~/.config/badgesmith/trust`. `false` reads no store.
   */
  trustStore?: string | false;
  /** A folder whose map.json names JSON-LD contexts beyond the bundled ones. */
  contexts?: string;
  /** A folder whose map.json names local status list credentials. */
  statusLists?: string;
  /** Local copies of what OB 2.0 URLs serve. */
  ob2Documents?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** The loaded documents, ready to spread into {@link VerifyBadgeOptions}, and what to tell. */
export interface VerifierSetup {
  options: Pick<VerifyBadgeOptions, 'trust' | 'contexts' | 'statusLists' | 'ob2Documents'>;
  /** Things the user should know, e.g. a --contexts entry shadowed by a bundled copy. */
  warnings: string[];
}

// A store path that is not a folder is one warning, like a bad file in the store: the --trust
// files still decide, so a stray setting does not stop every verify.
async function readStoreOrWarn(dir: string): Promise<TrustStoreContents & { unusable?: string }> {
  try {
    return await readTrustStore(dir);
  } catch (error) {
    if (!isBadgesmithError(error) || error.code !== 'ERR_TRUST_STORE_NOT_FOLDER') throw error;
    return {
      entries: [],
      problems: [],
      unusable: `${error.message}; only --trust is used (the trust store must be a folder)`,
    };
  }
}

/**
 * Loads the documents a verification needs. A file that cannot be read or parsed throws a
 * BadgesmithError naming it, except a trust store file, which is skipped with a warning; nothing
 * is fetched.
 *
 * @example
 * ```ts
 * const { options } = await loadVerifierSetup({ trust: ['issuer/jwks.json'] });
 * const report = await verifyBadge(bytes, { ...options, now: new Date() });
 * ```
 */
export async function loadVerifierSetup(sources: VerifierSources = {}): Promise<VerifierSetup> {
  const cwd = sources.cwd ?? process.cwd();
  const at = (path: string): string => resolve(cwd, path);
  const given = await readTrustSet(sources.trust ?? [], (value) =>
    isDidKey(value) ? value : at(value),
  );
  const stored =
    sources.trustStore === false
      ? { entries: [], problems: [] }
      : await readStoreOrWarn(
          trustStoreDir(
            sources.env ?? process.env,
            sources.trustStore === undefined ? undefined : at(sources.trustStore),
          ),
        );
  const contextSetup = await contextSetupFor(
    sources.contexts === undefined ? undefined : at(sources.contexts),
  );
  const warnings = [
    ...(stored.unusable === undefined ? [] : [stored.unusable]),
    ...stored.problems.map(trustStoreWarning),
    ...contextSetup.shadowed.map(
      (url) => `--contexts entry '${url}' is ignored; the bundled copy is used`,
    ),
  ];
  const statusLists =
    sources.statusLists === undefined
      ? undefined
      : await loadStatusListFolder(at(sources.statusLists));
  const ob2Documents =
    sources.ob2Documents === undefined
      ? undefined
      : await openOb2Documents(at(sources.ob2Documents));
  return {
    options: {
      trust: { entries: [...given.entries, ...stored.entries.map((item) => item.entry)] },
      contexts: contextSetup.resolver,
      ...(statusLists === undefined ? {} : { statusLists }),
      ...(ob2Documents === undefined ? {} : { ob2Documents }),
    },
    warnings,
  };
}
