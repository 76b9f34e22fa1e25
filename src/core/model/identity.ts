import { createHash, randomBytes } from 'node:crypto';
import type { IdentityObject } from './types.js';

/**
 * How badgesmith normalises an e-mail address before hashing it. The spec leaves this open
 * (OB 3.0 section 3.6 notes); our rule, documented in the README: trim surrounding white space,
 * Unicode NFC, then lowercase the whole address.
 *
 * @example normaliseEmail('  Ada@Example.ORG ') // 'ada@example.org'
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/** A loose check for an e-mail address: one `@`, something on each side, a dot in the domain. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(value.trim());
}

/** `sha256$<hex>` over UTF-8(identifier) followed by UTF-8(salt) (OB 3.0 section 3.6). */
export function hashIdentity(identifier: string, salt = ''): string {
  const digest = createHash('sha256').update(identifier, 'utf8').update(salt, 'utf8').digest('hex');
  return `sha256$${digest}`;
}

/** A fresh random salt: 16 bytes, hex. */
export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The hashed e-mail IdentityObject badgesmith puts in a credential subject.
 *
 * @example hashedEmailIdentity('ada@example.org', 'pepper').identityHash
 */
export function hashedEmailIdentity(email: string, salt: string = newSalt()): IdentityObject {
  return {
    type: 'IdentityObject',
    identityHash: hashIdentity(normaliseEmail(email), salt),
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

/**
 * Whether `candidate` is the identity the object names. Hex is compared case-insensitively, and
 * for e-mail the value is tried as given and normalised, since issuers differ in what they hash.
 */
export function identityMatches(identity: IdentityObject, candidate: string): boolean {
  const tries = new Set([candidate, candidate.trim()]);
  if (identity.identityType === 'emailAddress' || identity.identityType === 'email') {
    tries.add(normaliseEmail(candidate));
  }
  if (!identity.hashed) {
    return [...tries].some((t) => t.toLowerCase() === identity.identityHash.trim().toLowerCase());
  }
  const [alg, hex] = identity.identityHash.split('$', 2);
  if (hex === undefined) return false;
  const algorithm = alg?.toLowerCase();
  if (algorithm !== 'sha256' && algorithm !== 'md5') return false;
  return [...tries].some((t) => {
    const digest = createHash(algorithm)
      .update(t, 'utf8')
      .update(identity.salt ?? '', 'utf8')
      .digest('hex');
    return digest === hex.trim().toLowerCase();
  });
}
