import { createHash, hash, randomFillSync } from 'node:crypto';
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
  return `sha256$${hash('sha256', identifier + salt, 'hex')}`;
}

// Salts are cut from a block of random bytes filled 256 salts at a time: a batch needs one a
// row, and each call into the random source costs more than the 16 bytes it returns.
const SALT_BYTES = 16;
const saltPool = Buffer.alloc(SALT_BYTES * 256);
let saltAt = saltPool.length;

/** A fresh random salt: 16 bytes from the system's secure random source, hex. */
export function newSalt(): string {
  if (saltAt === saltPool.length) {
    randomFillSync(saltPool);
    saltAt = 0;
  }
  saltAt += SALT_BYTES;
  return saltPool.toString('hex', saltAt - SALT_BYTES, saltAt);
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
