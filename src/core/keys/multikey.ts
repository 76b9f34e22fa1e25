import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { BadgesmithError } from '../errors.js';
import { base58btcDecode } from './base58.js';

// Multicodec prefixes as unsigned varints: ed25519-pub 0xed, ed25519-priv 0x1300 (W3C Controlled
// Identifiers, Multikey; OB 3.0 notes section 4.3).
const ED25519_PUB = [0xed, 0x01] as const;
const ED25519_PRIV = [0x80, 0x26] as const;

// The fixed DER header of a PKCS#8 Ed25519 private key (RFC 8410 section 7): node:crypto builds a
// key from a bare 32-byte seed only through this wrapping.
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function decodeMultibase(value: string): Uint8Array | undefined {
  return value.startsWith('z') ? base58btcDecode(value.slice(1)) : undefined;
}

/**
 * The 32 raw bytes of an Ed25519 Multikey `publicKeyMultibase` (`z6Mk…`), or `undefined` when the
 * value is not base58btc multibase, not the ed25519-pub codec, or not 32 bytes long.
 *
 * @example ed25519FromMultikey('z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi')?.length // 32
 */
export function ed25519FromMultikey(publicKeyMultibase: string): Uint8Array | undefined {
  const bytes = decodeMultibase(publicKeyMultibase);
  if (bytes === undefined || bytes.length !== 34 || !hasPrefix(bytes, ED25519_PUB))
    return undefined;
  return bytes.subarray(2);
}

/**
 * The public JWK of an Ed25519 Multikey value, or `undefined` when it is not one (any other
 * prefix is rejected, as Multikey requires).
 *
 * @example publicJwkFromMultikey('z6Mk…') // { kty: 'OKP', crv: 'Ed25519', x: '…' }
 */
export function publicJwkFromMultikey(publicKeyMultibase: string): JsonWebKey | undefined {
  const raw = ed25519FromMultikey(publicKeyMultibase);
  if (raw === undefined) return undefined;
  return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') };
}

/**
 * An Ed25519 private key from its 32-byte seed.
 *
 * @example ed25519PrivateKeyFromSeed(seed).asymmetricKeyType // 'ed25519'
 */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) {
    throw new BadgesmithError(
      'ERR_KEY_INVALID',
      `an ed25519 seed is 32 bytes, not ${seed.length}`,
      {
        hint: 'check the key file; it may be truncated',
      },
    );
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_HEADER, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/**
 * An Ed25519 private key from a Multikey `secretKeyMultibase` (`0x8026` prefix). Both forms met
 * in the wild are read: the bare 32-byte seed (W3C vectors) and seed ‖ public key (1EdTech
 * vector); in the second form the public half must match the seed.
 */
export function privateKeyFromSecretMultibase(secretKeyMultibase: string): KeyObject {
  const bytes = decodeMultibase(secretKeyMultibase);
  const body =
    bytes !== undefined && hasPrefix(bytes, ED25519_PRIV) ? bytes.subarray(2) : undefined;
  if (body === undefined || (body.length !== 32 && body.length !== 64)) {
    throw new BadgesmithError('ERR_KEY_INVALID', 'the secret key is not an ed25519 multikey', {
      hint: 'a secretKeyMultibase for Ed25519 starts with z3u2 (seed) or zrv (seed and public key)',
    });
  }
  const key = ed25519PrivateKeyFromSeed(body.subarray(0, 32));
  if (body.length === 64) {
    const x = createPublicKey(key).export({ format: 'jwk' }).x;
    if (x !== Buffer.from(body.subarray(32)).toString('base64url')) {
      throw new BadgesmithError(
        'ERR_KEY_INVALID',
        'the secret key does not match its public half',
        {
          hint: 'the key file is corrupt; export the key again',
        },
      );
    }
  }
  return key;
}
