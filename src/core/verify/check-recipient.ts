import { identityMatches, isEmailAddress } from '../model/identity.js';
import type { IdentityObject } from '../model/types.js';
import type { DecodedCredential } from './format.js';
import { subjectOf } from './jwt-claims.js';
import { result, type CheckResult } from './report.js';

function isIdentityObject(value: unknown): value is IdentityObject {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.identityHash === 'string' &&
    typeof v.identityType === 'string' &&
    typeof v.hashed === 'boolean'
  );
}

/**
 * The `recipient` check, only when a recipient is given (OB 3.0 section 5.1 step 5 and 5.3): a
 * known id must equal credentialSubject.id; an e-mail address is tried against each
 * `emailAddress` identifier (hashed with its salt, hex compared case-insensitively).
 */
export function checkRecipient(
  decoded: DecodedCredential,
  recipient: string | undefined,
): CheckResult {
  if (recipient === undefined) return result('recipient', 'skipped', 'no recipient given to check');
  if (decoded.kind === 'endorsement') {
    // OB 3.0 section 5.2: an endorsement's subject is the thing endorsed, not a recipient.
    return result('recipient', 'skipped', 'an EndorsementCredential has no recipient step');
  }
  const subject = subjectOf(decoded.credential);
  const email = isEmailAddress(recipient);
  const ids = [recipient.trim(), ...(email ? [`mailto:${recipient.trim()}`] : [])];
  if (typeof subject?.id === 'string' && ids.includes(subject.id)) {
    return result('recipient', 'passed', `issued to '${recipient}' (credentialSubject.id)`);
  }
  const identifiers = Array.isArray(subject?.identifier) ? (subject.identifier as unknown[]) : [];
  const candidates = identifiers.filter(isIdentityObject).filter((identity) => {
    // Section 5.3 step 1: an entry of another identifier type is skipped.
    const isEmailType =
      identity.identityType === 'emailAddress' || identity.identityType === 'email';
    return email ? isEmailType : !isEmailType;
  });
  if (candidates.some((identity) => identityMatches(identity, recipient))) {
    return result('recipient', 'passed', `issued to '${recipient}' (identifier matches)`);
  }
  return result('recipient', 'failed', `not issued to '${recipient}'`);
}
