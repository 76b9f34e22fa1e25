import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBadgesmithError } from '../../../src/core/errors.js';
import { didKeyFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { generateKeyPair, type SigningAlg } from '../../../src/core/keys/generate.js';
import { jwkThumbprint } from '../../../src/core/keys/jwk.js';
import { buildDidDocument, buildJwks } from '../../../src/core/keys/publish.js';
import { kidFor, loadSigningKey } from '../../../src/core/keys/signing-key.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isBadgesmithError(error) ? error.code : 'not a BadgesmithError';
  }
  return undefined;
}

const pairs = {
  EdDSA: generateKeyPair('EdDSA'),
  ES256: generateKeyPair('ES256'),
  RS256: generateKeyPair('RS256'),
};

describe('generateKeyPair and loadSigningKey', () => {
  it.each(['EdDSA', 'ES256', 'RS256'] as const)('%s: loads, and the public half matches', (alg) => {
    const { privateJwk, publicJwk } = pairs[alg];
    expect(privateJwk.d).toBeTypeOf('string');
    expect(publicJwk.d).toBeUndefined();
    const key = loadSigningKey(privateJwk, alg, 'https://example.org/i#k');
    expect(key.alg).toBe(alg);
    expect(key.kid).toBe('https://example.org/i#k');
    expect(key.publicJwk).toEqual(publicJwk);
    expect(key.privateKey.type).toBe('private');
  });

  it('RSA keys are 3072 bits', () => {
    const key = createPublicKey({ key: pairs.RS256.publicJwk, format: 'jwk' });
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('refuses a key of another type than the algorithm, and a public key', () => {
    const mismatches: [SigningAlg, SigningAlg][] = [
      ['EdDSA', 'ES256'],
      ['ES256', 'RS256'],
      ['RS256', 'EdDSA'],
    ];
    for (const [keyAlg, alg] of mismatches) {
      expect(codeOf(() => loadSigningKey(pairs[keyAlg].privateJwk, alg, 'k'))).toBe(
        'ERR_KEY_UNSUPPORTED',
      );
    }
    expect(codeOf(() => loadSigningKey(pairs.EdDSA.publicJwk, 'EdDSA', 'k'))).toBe(
      'ERR_KEY_INVALID',
    );
  });
});

describe('kidFor', () => {
  it('did:key issuer → did#multibase; other issuers → id#thumbprint', () => {
    const { publicJwk } = pairs.EdDSA;
    const did = didKeyFromPublicJwk(publicJwk);
    expect(kidFor(did, publicJwk)).toBe(`${did}#${did.slice('did:key:'.length)}`);
    expect(kidFor('https://example.org/issuer', publicJwk)).toBe(
      `https://example.org/issuer#${jwkThumbprint(publicJwk)}`,
    );
    expect(codeOf(() => kidFor(did, pairs.ES256.publicJwk))).toBe('ERR_KEY_INVALID');
  });

  it('computes the RFC 7638 thumbprint of the RFC example key', () => {
    const rfcKey = {
      kty: 'RSA',
      n:
        '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECP' +
        'ebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qv' +
        'zqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6W' +
        'eZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(rfcKey)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
});

describe('buildJwks and buildDidDocument', () => {
  it('publishes public members only, with kid, alg and use', () => {
    const { privateJwk } = pairs.RS256;
    const jwks = buildJwks('https://example.org/issuer', [
      { publicJwk: privateJwk, kid: 'https://example.org/issuer#k1', alg: 'RS256' },
    ]);
    expect(jwks.issuer).toBe('https://example.org/issuer');
    expect(Object.keys(jwks.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(jwks.keys[0]).toMatchObject({ kid: 'https://example.org/issuer#k1', use: 'sig' });
  });

  it('builds a DID document whose assertionMethod names each verification method', () => {
    const { privateJwk } = pairs.ES256;
    const doc = buildDidDocument('did:web:example.org', [
      { publicJwk: privateJwk, kid: 'did:web:example.org#k1' },
      { publicJwk: pairs.EdDSA.publicJwk, kid: '#k2' },
    ]);
    expect(doc.id).toBe('did:web:example.org');
    expect(doc.assertionMethod).toEqual(['did:web:example.org#k1', 'did:web:example.org#k2']);
    const methods = doc.verificationMethod as Record<string, unknown>[];
    expect(methods[0]).toMatchObject({ type: 'JsonWebKey', controller: 'did:web:example.org' });
    expect(Object.keys(methods[0]!.publicKeyJwk as object).sort()).toEqual([
      'crv',
      'kty',
      'x',
      'y',
    ]);
  });
});
