import { statusAt } from './bitstring.js';
import type { StatusEntry } from './entries.js';
import { readStatusListCredential } from './list-credential.js';
import { checkRevocationList } from './revocation-list.js';
import type { EntryOutcome, StatusListContext } from './types.js';

// Bitstring Status List section 2.1: `refresh` and `message` say nothing about validity.
const INFORMATIVE = new Set(['refresh', 'message']);

/**
 * The decision for one status entry: revoked or suspended (bit set) fails; a clear bit passes;
 * a list that cannot be used, an unknown purpose or an index past the list is indeterminate.
 *
 * @example await statusOfEntry(entry, undefined, ctx) // { outcome: 'failed', message: '…' }
 */
export async function statusOfEntry(
  entry: StatusEntry,
  credentialId: string | undefined,
  ctx: StatusListContext,
): Promise<EntryOutcome> {
  if (entry.problem !== undefined || entry.kind === undefined || entry.listUrl === undefined) {
    return { outcome: 'indeterminate', message: entry.problem ?? 'the status entry is unusable' };
  }
  if (entry.kind === '1edtech-revocation-list') {
    return checkRevocationList(entry.listUrl, credentialId, ctx);
  }
  const purpose = entry.purpose ?? '';
  if (INFORMATIVE.has(purpose)) {
    return { outcome: 'passed', message: `status purpose '${purpose}' does not affect validity` };
  }
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return { outcome: 'indeterminate', message: `status purpose '${purpose}' is not supported` };
  }
  const list = await readStatusListCredential(entry.listUrl, entry.kind, purpose, ctx);
  if (!list.ok) return { outcome: 'indeterminate', message: list.message };
  const index = entry.index ?? 0;
  const value = statusAt(list.bits, index, entry.size);
  if (value === undefined) {
    const message = `index ${index} is past the end of status list '${entry.listUrl}'`;
    return { outcome: 'indeterminate', message };
  }
  const where = `index ${index} of '${entry.listUrl}'`;
  if (value !== 0) {
    const word = purpose === 'revocation' ? 'revoked' : 'suspended';
    return { outcome: 'failed', message: `${word}: ${where} is set` };
  }
  const word = purpose === 'revocation' ? 'not revoked' : 'not suspended';
  return { outcome: 'passed', message: `${word}: ${where} is clear` };
}
