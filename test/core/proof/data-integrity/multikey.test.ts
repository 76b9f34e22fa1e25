import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base58btcEncode } from '../../../../src/core/keys/base58.js';
import { multibaseFromPublicJwk } from '../../../../src/core/keys/did-key.js';
import {
  ed25519FromMultikey,
  privateKeyFromSecretMultibase,
  publicJwkFromMultikey,
} from '../../../../src/core/keys/multikey.js';
import { resolveEmbeddedKey } from '../../../../src/core/proof/data-integrity/index.js';
import { isBadgesmithError } from '../../../../src/core/errors.js';

// Multikey helpers used by Data Integrity (src/core/keys/multikey.ts, added by helper D).
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const jwk = publicKey.export({ format: 'jwk' });
const multibase = multibaseFromPublicJwk(jwk);
const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
const x = Buffer.from(jwk.x!, 'base64url');

describe('Ed25519 Multikey', () => {
  it('round-trips a public key and rejects other prefixes and lengths', () => {
    expect(publicJwkFromMultikey(multibase)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
    expect(
      ed25519FromMultikey(`z${base58btcEncode(Buffer.concat([Buffer.of(0x80, 0x24), x]))}`),
    ).toBeUndefined();
    expect(
      ed25519FromMultikey(
        `z${base58btcEncode(Buffer.concat([Buffer.of(0xed, 0x01), x.subarray(1)]))}`,
      ),
    ).toBeUndefined();
    expect(ed25519FromMultikey(multibase.slice(1))).toBeUndefined();
  });

  it('reads both secretKeyMultibase forms, and refuses a mismatched public half', () => {
    const prefix = Buffer.of(0x80, 0x26);
    const short = `z${base58btcEncode(Buffer.concat([prefix, seed]))}`;
    const long = `z${base58btcEncode(Buffer.concat([prefix, seed, x]))}`;
    for (const value of [short, long]) {
      expect(
        createPublicKey(privateKeyFromSecretMultibase(value)).export({ format: 'jwk' }).x,
      ).toBe(jwk.x);
    }
    const other = Buffer.from(
      generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!,
      'base64url',
    );
    const mismatched = `z${base58btcEncode(Buffer.concat([prefix, seed, other]))}`;
    expect(() => privateKeyFromSecretMultibase(mismatched)).toThrow(/does not match/u);
    let error: unknown;
    try {
      privateKeyFromSecretMultibase(multibase);
    } catch (caught) {
      error = caught;
    }
    expect(isBadgesmithError(error) && error.code).toBe('ERR_KEY_INVALID');
  });

  it('resolveEmbeddedKey reads did:key and issuer#multikey forms only', () => {
    const expected = { publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } };
    expect(resolveEmbeddedKey(`did:key:${multibase}`)).toEqual(expected);
    expect(resolveEmbeddedKey(`did:key:${multibase}#${multibase}`)).toEqual(expected);
    expect(resolveEmbeddedKey(`https://issuer.example/1#${multibase}`)).toEqual(expected);
    expect(resolveEmbeddedKey(`did:key:${multibase}#key-1`)).toBeUndefined();
    expect(resolveEmbeddedKey('https://issuer.example/1#key-1')).toBeUndefined();
    expect(resolveEmbeddedKey('did:web:issuer.example#key-1')).toBeUndefined();
    expect(resolveEmbeddedKey('https://issuer.example/keys/1')).toBeUndefined();
  });
});
