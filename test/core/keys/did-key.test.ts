import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base58btcDecode, base58btcEncode } from '../../../src/core/keys/base58.js';
import { didKeyFromPublicJwk, publicJwkFromDidKey } from '../../../src/core/keys/did-key.js';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { isBadgesmithError } from '../../../src/core/errors.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isBadgesmithError(error) ? error.code : 'not a BadgesmithError';
  }
  return undefined;
}

describe('base58btc', () => {
  it('keeps leading zero bytes as 1s and round-trips', () => {
    expect(base58btcEncode(Uint8Array.of(0, 0, 1))).toBe('112');
    expect(base58btcEncode(Buffer.from('hello world'))).toBe('StV1DL6CwTryKyV');
    expect(Buffer.from(base58btcDecode('StV1DL6CwTryKyV')!).toString()).toBe('hello world');
    expect([...base58btcDecode('112')!]).toEqual([0, 0, 1]);
    expect(base58btcDecode('0OIl')).toBeUndefined();
  });
});

describe('did:key', () => {
  it('round-trips Ed25519 (z6Mk…) and P-256 (zDn…) keys', () => {
    for (const [alg, prefix] of [
      ['EdDSA', 'did:key:z6Mk'],
      ['ES256', 'did:key:zDn'],
    ] as const) {
      const { publicJwk } = generateKeyPair(alg);
      const did = didKeyFromPublicJwk(publicJwk);
      expect(did.startsWith(prefix)).toBe(true);
      expect(publicJwkFromDidKey(did)).toEqual(publicJwk);
      expect(publicJwkFromDidKey(`${did}#${did.slice(8)}`)).toEqual(publicJwk);
    }
  });

  it('refuses RSA with ERR_KEY_UNSUPPORTED and bad input with ERR_KEY_INVALID', () => {
    const { publicJwk } = generateKeyPair('RS256');
    expect(codeOf(() => didKeyFromPublicJwk(publicJwk))).toBe('ERR_KEY_UNSUPPORTED');
    expect(codeOf(() => publicJwkFromDidKey('did:web:example.org'))).toBe('ERR_KEY_INVALID');
    expect(codeOf(() => publicJwkFromDidKey('did:key:z0OIl'))).toBe('ERR_KEY_INVALID');
    expect(codeOf(() => publicJwkFromDidKey('did:key:zQ3s'))).toBe('ERR_KEY_UNSUPPORTED');
  });

  it.runIf(hasShared)('matches the case keys A and B of the shared cases', () => {
    const keys = JSON.parse(readFileSync(sharedPath('cases', 'case-keys-SELF-MADE.json'), 'utf8'));
    for (const entry of [keys.keyA, keys.keyB]) {
      expect(didKeyFromPublicJwk(entry.publicKeyJwk)).toBe(entry.did);
      expect(publicJwkFromDidKey(entry.did)).toEqual(entry.publicKeyJwk);
    }
  });
});
