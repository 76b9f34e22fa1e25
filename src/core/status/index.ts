/**
 * Credential status, offline (DESIGN.md, status; OB 3.0 notes section 5.1): W3C Bitstring Status
 * List entries (revocation, suspension), the legacy StatusList2021Entry, and the 1EdTech
 * revocation list, each read from a local copy the user gave.
 */
export {
  decodeEncodedList,
  statusAt,
  MAX_STATUS_LIST_BYTES,
  type DecodedList,
} from './bitstring.js';
export { readStatusEntries, type StatusEntry, type StatusEntryKind } from './entries.js';
export { readStatusListCredential, type ListRead } from './list-credential.js';
export { listSignerKey, type ListSignerKey } from './list-signer.js';
export { checkRevocationList } from './revocation-list.js';
export { statusOfEntry } from './status-of-entry.js';
export type { EntryOutcome, StatusListContext, StatusListSource } from './types.js';
