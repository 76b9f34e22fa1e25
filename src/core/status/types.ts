import type { JsonWebKey } from 'node:crypto';
import type { ContextResolver } from '../proof/data-integrity/types.js';
import type { TrustSet } from '../verify/trust.js';

/**
 * Status list documents the user has locally, by the URL a credential names them with: parsed
 * JSON, or the raw text when a file is not JSON. Nothing is ever fetched (DESIGN.md, status).
 */
export type StatusListSource = ReadonlyMap<string, unknown>;

/** What reading a status list needs besides the list itself. */
export interface StatusListContext {
  lists: StatusListSource;
  trust: TrustSet;
  /** JSON-LD contexts for the list credential's own proof; without them it cannot be checked. */
  contexts?: ContextResolver;
  now: Date;
  leewaySeconds: number;
  /** The credential's issuer id: a list it issued needs no trust entry of its own. */
  issuerId?: string;
  /** The key that verified the credential's own proof, when it verified. */
  credentialKey?: JsonWebKey;
}

/** The decision for one status entry. */
export interface EntryOutcome {
  outcome: 'passed' | 'failed' | 'indeterminate';
  message: string;
}
