/** The status entry kinds read here (OB 3.0 notes section 5.1, status details). */
export type StatusEntryKind = 'bitstring' | 'status-list-2021' | '1edtech-revocation-list';

/** One `credentialStatus` entry, read; `problem` says why it cannot be used. */
export interface StatusEntry {
  kind?: StatusEntryKind;
  type: string;
  /** The status list credential URL, or the revocation list URL. */
  listUrl?: string;
  purpose?: string;
  index?: number;
  size: number;
  problem?: string;
}

type Json = Record<string, unknown>;

const KINDS: Record<string, StatusEntryKind> = {
  BitstringStatusListEntry: 'bitstring',
  StatusList2021Entry: 'status-list-2021',
  '1EdTechRevocationList': '1edtech-revocation-list',
};

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Bitstring Status List section 2.1: statusListIndex is a base-10 string; the 1EdTech validator
// also takes a JSON number, and so does this reader.
function indexOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,15}$/u.test(value)) return Number(value);
  return undefined;
}

function readEntry(entry: unknown): StatusEntry {
  if (!isObject(entry)) return { type: '?', size: 1, problem: 'a status entry is not an object' };
  const type = typeof entry.type === 'string' ? entry.type : JSON.stringify(entry.type);
  const kind = KINDS[type];
  if (kind === undefined) {
    return { type, size: 1, problem: `status type '${type}' is not supported` };
  }
  if (kind === '1edtech-revocation-list') {
    const listUrl = typeof entry.id === 'string' ? entry.id : undefined;
    return listUrl === undefined
      ? { kind, type, size: 1, problem: 'the 1EdTechRevocationList entry has no id' }
      : { kind, type, listUrl, size: 1 };
  }
  const listUrl =
    typeof entry.statusListCredential === 'string' ? entry.statusListCredential : undefined;
  const purpose = typeof entry.statusPurpose === 'string' ? entry.statusPurpose : undefined;
  const index = indexOf(entry.statusListIndex);
  const size = entry.statusSize === undefined ? 1 : indexOf(entry.statusSize);
  const read = { kind, type, size: size ?? 1 };
  if (listUrl === undefined) return { ...read, problem: `${type} has no statusListCredential` };
  if (purpose === undefined) return { ...read, listUrl, problem: `${type} has no statusPurpose` };
  if (index === undefined) {
    const shown = JSON.stringify(entry.statusListIndex) ?? 'nothing';
    return { ...read, listUrl, purpose, problem: `statusListIndex ${shown} is not an index` };
  }
  if (size === undefined || size < 1) {
    return { ...read, listUrl, purpose, index, problem: 'statusSize is not a positive integer' };
  }
  return { ...read, listUrl, purpose, index };
}

/**
 * The entries of a credential's `credentialStatus` (one object or an array of them).
 *
 * @example readStatusEntries({ type: 'BitstringStatusListEntry', ... })[0]?.kind // 'bitstring'
 */
export function readStatusEntries(credentialStatus: unknown): StatusEntry[] {
  const entries = Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus];
  return entries.map(readEntry);
}
