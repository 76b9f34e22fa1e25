import { mkdir, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { errnoReason, pathExists, readInputText } from './files.js';
import { readYamlDocument } from './yaml-document.js';

/** Where `init --force` keeps the files of the issuer it replaces, inside the issuer folder. */
export const RETIRED_FOLDER = 'keys/retired';

/** What `init --force` moved aside: each file's new place, and who the old issuer was. */
export interface RetiredIssuer {
  moved: { from: string; to: string }[];
  /** The old `issuer.id` and `keys.kid`, when the old badgesmith.yaml could be read. */
  issuerId?: string;
  kid?: string;
}

/**
 * A stamp for file names, sortable and free of `:` (Windows): `20261204T163400Z`.
 *
 * @example retiredStamp(new Date('2026-12-04T16:34:00Z')) // '20261204T163400Z'
 */
export function retiredStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d{3}Z$/u, 'Z')
    .replace(/[-:]/gu, '');
}

async function oldIssuer(configPath: string): Promise<Pick<RetiredIssuer, 'issuerId' | 'kid'>> {
  try {
    const { value } = readYamlDocument(await readInputText(configPath, 'config'), configPath);
    const config = value as { issuer?: { id?: unknown }; keys?: { kid?: unknown } } | null;
    const id = config?.issuer?.id;
    const kid = config?.keys?.kid;
    return {
      ...(typeof id === 'string' ? { issuerId: id } : {}),
      ...(typeof kid === 'string' ? { kid } : {}),
    };
  } catch {
    // An unreadable old config still has its key kept; only the id is then not named.
    return {};
  }
}

/**
 * Moves the files of an issuer that `init --force` is about to replace (its private key, the
 * published JWKS and DID document, and badgesmith.yaml) to `keys/retired/<stamp>-<name>`, so a
 * key that signed badges is never lost: those badges still name the old issuer id and kid, and
 * verify only against the old public keys. `paths` are relative to `dir`; missing ones are
 * skipped.
 */
export async function retireIssuerFiles(
  dir: string,
  paths: readonly string[],
  configPath: string,
  now: Date,
): Promise<RetiredIssuer> {
  const present: string[] = [];
  for (const path of paths) if (await pathExists(join(dir, path))) present.push(path);
  if (present.length === 0) return { moved: [] };
  const who = (await pathExists(configPath)) ? await oldIssuer(configPath) : {};
  const stamp = retiredStamp(now);
  const moved: RetiredIssuer['moved'] = [];
  for (const from of present) {
    const to = `${RETIRED_FOLDER}/${stamp}-${basename(from)}`;
    try {
      await mkdir(join(dir, RETIRED_FOLDER), { recursive: true, mode: 0o700 });
      if (await pathExists(join(dir, to))) throw new Error(`'${to}' already exists`);
      await rename(join(dir, from), join(dir, to));
    } catch (error) {
      throw new BadgesmithError(
        'ERR_FILE_WRITE',
        `cannot keep the old '${from}' as '${to}': ${errnoReason(error)}`,
        {
          hint: 'no new key was made: move the old key somewhere safe yourself, then run init --force again',
          cause: error,
        },
      );
    }
    moved.push({ from, to });
  }
  return { moved, ...who };
}
