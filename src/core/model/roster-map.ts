import { hash } from 'node:crypto';
import { nameBasedUrn } from './uuid.js';
import type { Achievement } from './types.js';
import { BadgesmithError } from '../errors.js';
import { closestName } from './closest-name.js';
import { normaliseEmail } from './identity.js';

/**
 * The fields a roster row may carry. `name` and one of `email` / `identifier` are required; the
 * rest are optional per-row values (DESIGN.md, "An issuer's folder").
 */
export const ROSTER_FIELDS = [
  'name',
  'email',
  'identifier',
  'achievement',
  'issued',
  'evidence',
  'narrative',
  'result',
  'language',
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Which roster header holds each field, e.g. `{ email: 'E-mail Address' }`. */
export type RosterMap = Partial<Record<RosterField, string>>;

function isField(name: string): name is RosterField {
  return (ROSTER_FIELDS as readonly string[]).includes(name);
}

const foldHeader = (header: string): string => header.trim().normalize('NFC').toLowerCase();

/** Whether two headers name the same column, as a roster is read (case, spaces and NFC aside). */
export function sameHeader(a: string, b: string): boolean {
  return foldHeader(a) === foldHeader(b);
}

/**
 * Columns that hold other data: never read, never a near miss. `columns` (`--ignore-column`,
 * typed for this roster) must be in the roster, since one that is not is a typo; `ifPresent`
 * (`roster.ignore` in badgesmith.yaml) covers every roster of the issuer, so a roster may lack it.
 */
export interface IgnoreColumns {
  columns: readonly string[];
  ifPresent: readonly string[];
}

/** The ignore list a roster is read with: `--ignore-column` values alone, or {@link IgnoreColumns}. */
export type IgnoreList = readonly string[] | IgnoreColumns;

/** `'notes' is not a roster field (did you mean ...?)`, for --map and roster.map alike. */
function unknownFieldMessage(field: string): string {
  const near = closestName(field, ROSTER_FIELDS);
  const guess = near === undefined ? '' : ` (did you mean '${near}'?)`;
  return `'${field}' is not a roster field${guess}`;
}

const FIELDS_HINT = `the fields are ${ROSTER_FIELDS.join(', ')}`;

/**
 * Reads `--map field=Header` options (repeatable) into a {@link RosterMap}; quotes around the
 * header are dropped. A value that is not field=header, an unknown field or a field given twice
 * is ERR_USAGE_BAD_OPTION.
 *
 * @example parseMapOptions(['email="E-mail Address"']) // { email: 'E-mail Address' }
 */
export function parseMapOptions(options: readonly string[]): RosterMap {
  const map: RosterMap = {};
  for (const option of options) {
    const at = option.indexOf('=');
    const field = option.slice(0, Math.max(at, 0)).trim().toLowerCase();
    const header = option
      .slice(at + 1)
      .trim()
      .replace(/^(["'])(.*)\1$/u, '$2');
    if (at <= 0 || header === '') {
      throw new BadgesmithError('ERR_USAGE_BAD_OPTION', `--map '${option}' is not field=header`, {
        hint: `write e.g. --map email="E-mail Address"; ${FIELDS_HINT}`,
      });
    }
    if (!isField(field)) {
      throw new BadgesmithError(
        'ERR_USAGE_BAD_OPTION',
        `--map '${option}': ${unknownFieldMessage(field)}`,
        {
          hint: `map one of the fields to a column, e.g. --map email="E-mail Address"; ${FIELDS_HINT}`,
        },
      );
    }
    const earlier = map[field];
    if (earlier !== undefined) {
      // Two columns for one field: reading the last would silently drop the other.
      throw new BadgesmithError(
        'ERR_USAGE_BAD_OPTION',
        `--map names field '${field}' twice ('${earlier}' and '${header}')`,
        { hint: `keep one --map ${field}=..., the one that names the column to read` },
      );
    }
    map[field] = header;
  }
  return map;
}

/**
 * Checks a map read from `badgesmith.yaml` (`roster.map`) and merges the command line's over it.
 *
 * @example mergeRosterMaps({ email: 'Mail' }, { name: 'Full name' })
 */
export function mergeRosterMaps(...maps: (Record<string, string> | undefined)[]): RosterMap {
  const merged: RosterMap = {};
  for (const map of maps) {
    for (const [field, header] of Object.entries(map ?? {})) {
      if (!isField(field)) {
        throw new BadgesmithError(
          'ERR_CONFIG_INVALID',
          `roster map names unknown field '${field}'`,
          {
            hint: `map one of ${ROSTER_FIELDS.join(', ')}`,
          },
        );
      }
      merged[field] = header;
    }
  }
  return merged;
}

/** A header no field reads that is a near miss of a name one would: a misspelling, not data. */
export interface MisspeltHeader {
  /** The header as the file writes it. */
  header: string;
  /** The header meant: a field name (or `e-mail`...), or the header a map names. */
  meant: string;
  field: RosterField;
}

/** Two or more columns that would each hold one field; which one to read is the user's call. */
export interface DuplicateHeader {
  field: RosterField;
  /** The headers as the file writes them, trimmed. */
  headers: string[];
  /** Their 1-based column numbers. */
  columns: number[];
}

/** For each column of a roster header, the field it holds (or undefined: ignored). */
export interface HeaderPlan {
  fields: (RosterField | undefined)[];
  duplicates: DuplicateHeader[];
  /** Headers that are neither read nor close to anything a field would read. */
  ignored: string[];
  misspelt: MisspeltHeader[];
  missing: string[];
}

const EMAIL_HEADERS = ['email', 'e-mail', 'email address', 'e-mail address'];

function headerNamesOf(field: RosterField, map: RosterMap): string[] {
  const wanted = map[field];
  if (wanted !== undefined) return [wanted.trim()];
  return field === 'email' ? EMAIL_HEADERS : [field];
}

/**
 * The field a column of this header is read as when nothing maps it elsewhere, e.g. `email` for
 * `E-mail`; undefined for a header of no field. A field `map` sends to another column does not
 * read its own name any more.
 *
 * @example fieldOfHeader('Email', {}) // 'email'
 */
export function fieldOfHeader(header: string, map: RosterMap): RosterField | undefined {
  const name = foldHeader(header);
  return ROSTER_FIELDS.find((field) =>
    headerNamesOf(field, map).some((wanted) => foldHeader(wanted) === name),
  );
}

// A column is taken as a misspelling only of a field that no other column holds: beside a
// `result` column, a `results` column is more likely data of its own than a typo.
function misspeltHeaderOf(
  name: string,
  fields: readonly (RosterField | undefined)[],
  map: RosterMap,
): MisspeltHeader | undefined {
  const meanings = ROSTER_FIELDS.filter((field) => !fields.includes(field)).flatMap((field) =>
    headerNamesOf(field, map).map((meant) => ({ meant, field })),
  );
  const meant = closestName(
    foldHeader(name),
    meanings.map((m) => m.meant),
  );
  const found = meanings.find((m) => m.meant === meant);
  return found === undefined ? undefined : { header: name.trim(), ...found };
}

/**
 * Decides which column holds which field: a mapped header first, else a column named like the
 * field (case-insensitive, `e-mail` and `email address` accepted for `email`). `duplicates` lists
 * fields that more than one column would hold (`name,email,E-mail`). `missing` lists
 * mapped headers that the file lacks and required fields with no column; `misspelt` the other
 * headers that are within two edits of a name a field without a column would read (`emial`).
 * Headers in `ignore` are left out of `ignored` and `misspelt`; an `--ignore-column` one the file
 * lacks is `missing`.
 */
export function planHeader(
  header: readonly string[],
  map: RosterMap,
  ignore: IgnoreList = [],
): HeaderPlan {
  const folded = header.map(foldHeader);
  const { columns, ifPresent } = 'columns' in ignore ? ignore : { columns: ignore, ifPresent: [] };
  // Columns the user said hold other data (`--ignore-column`, `roster.ignore`): never read, never
  // a near miss.
  const skipped = new Set([...columns, ...ifPresent].map(foldHeader));
  const fields: (RosterField | undefined)[] = header.map(() => undefined);
  const missing: string[] = [];
  const duplicates: DuplicateHeader[] = [];
  for (const field of ROSTER_FIELDS) {
    const wanted = map[field];
    const names = headerNamesOf(field, map).map(foldHeader);
    const matches = folded.flatMap((name, i) =>
      names.includes(name) && fields[i] === undefined && !skipped.has(name) ? [i] : [],
    );
    const index = matches[0];
    if (index !== undefined) fields[index] = field;
    else if (wanted !== undefined) missing.push(`'${wanted}' (mapped to ${field})`);
    if (matches.length > 1) {
      for (const i of matches) fields[i] = field;
      const headers = matches.map((i) => header[i]!.trim());
      duplicates.push({ field, headers, columns: matches.map((i) => i + 1) });
    }
  }
  if (!fields.includes('name')) missing.push("'name'");
  if (!fields.includes('email') && !fields.includes('identifier')) {
    missing.push("'email' (or 'identifier')");
  }
  const misspelt: MisspeltHeader[] = [];
  const ignored: string[] = [];
  for (const name of columns) {
    if (!folded.includes(foldHeader(name))) missing.push(`'${name.trim()}' (--ignore-column)`);
  }
  header.forEach((name, i) => {
    if (fields[i] !== undefined || folded[i] === '' || skipped.has(folded[i]!)) return;
    const near = misspeltHeaderOf(name, fields, map);
    if (near === undefined) ignored.push(name);
    else misspelt.push(near);
  });
  return { fields, duplicates, ignored, misspelt, missing: [...new Set(missing)] };
}

/**
 * The key that makes two rows the same award: the earner (normalised e-mail, else the trimmed
 * identifier) and the achievement id.
 *
 * @example rowKey({ email: ' Ada@Example.org' }, 'urn:uuid:1') // 'urn:uuid:1 email:ada@example.org'
 */
export function rowKey(earner: { email?: string; identifier?: string }, achievementId: string) {
  const who =
    earner.email !== undefined && earner.email.trim() !== ''
      ? `email:${normaliseEmail(earner.email)}`
      : `id:${(earner.identifier ?? '').trim().normalize('NFC')}`;
  return `${achievementId} ${who}`;
}

/**
 * The stable credential id of a roster row: a version 5 `urn:uuid` over the issuer id and the
 * row key, so a rerun gives each row the id it had, and the ledger can tell a row already done.
 *
 * @example stableCredentialId('did:web:example.org', rowKey({ email: 'a@b.org' }, achievementId))
 */
export function stableCredentialId(issuerId: string, key: string): string {
  return nameBasedUrn(`${issuerId}/credentials/${key}`);
}

// A 128-bit digest as 32 hex digits: enough that two different texts never share one, and
// compact in the ledger's memory index (16 bytes a row).
const digest128 = (text: string): string => hash('sha256', text, 'hex').slice(0, 32);

/**
 * A digest of what an achievement's credentials show and how long they last: the built
 * achievement (name, description, criteria, image...) and `validFor`.
 */
export function achievementDigest(built: Achievement, validFor?: string): string {
  return digest128(JSON.stringify([built, validFor ?? null]));
}

/** The per-row values a credential is made from (the row's own issue date, if it has one). */
export interface RowInputs {
  name: string;
  email: string;
  identifier?: string;
  issued?: Date;
  evidence?: string;
  narrative?: string;
  result?: string;
  language?: string;
}

/**
 * A digest of everything a row's credential is made from: the recipient fields, the row's issue
 * date, evidence, narrative, result, language and the achievement's {@link achievementDigest}.
 * A rerun compares it with the ledger's to tell a corrected row from one already done. The run's
 * default date (`--issued`, or now) is left out, so a rerun on another day changes nothing.
 */
export function rowDataDigest(row: RowInputs, achievement: string): string {
  const email = row.email.trim() === '' ? '' : normaliseEmail(row.email);
  return digest128(
    JSON.stringify([
      row.name,
      email,
      row.identifier ?? null,
      row.issued?.toISOString() ?? null,
      row.evidence ?? null,
      row.narrative ?? null,
      row.result ?? null,
      row.language ?? null,
      achievement,
    ]),
  );
}

/**
 * A digest of an achievement id and an earner's name, normalised (NFC, case and runs of spaces
 * aside), so a rerun can notice the same person under a changed e-mail or identifier.
 */
export function earnerNameDigest(achievementId: string, name: string): string {
  const folded = name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
  return digest128(`${achievementId}\n${folded}`);
}
