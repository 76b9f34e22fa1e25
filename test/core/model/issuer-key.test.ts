import { describe, expect, it } from 'vitest';
import { didKeyFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { jwkThumbprint } from '../../../src/core/keys/jwk.js';
import { kidFor } from '../../../src/core/keys/signing-key.js';
import { keyOwnershipProblem, privateKeyFileProblem } from '../../../src/core/model/issuer-key.js';

const mine = generateKeyPair('ES256');
const other = generateKeyPair('ES256');
const myDid = didKeyFromPublicJwk(mine.publicJwk);
const otherDid = didKeyFromPublicJwk(other.publicJwk);

describe('keyOwnershipProblem', () => {
  it('accepts the key and kid init writes, for did:key, did:web and https issuers', () => {
    for (const id of [myDid, 'did:web:lab.example.edu', 'https://lab.example.edu/issuer']) {
      expect(keyOwnershipProblem(id, kidFor(id, mine.publicJwk), mine.publicJwk)).toBeUndefined();
      expect(keyOwnershipProblem(id, undefined, mine.publicJwk)).toBeUndefined();
    }
  });

  it('a did:key issuer with another key', () => {
    expect(keyOwnershipProblem(myDid, `${myDid}#${myDid.slice(8)}`, other.publicJwk)).toBe(
      `it is the key of '${otherDid}'`,
    );
    expect(keyOwnershipProblem(myDid, undefined, other.publicJwk)).toBe(
      `it is the key of '${otherDid}'`,
    );
  });

  it('a did:key issuer whose kid is another DID', () => {
    expect(keyOwnershipProblem(myDid, `${otherDid}#${otherDid.slice(8)}`, mine.publicJwk)).toBe(
      `keys.kid '${otherDid}#${otherDid.slice(8)}' is not '${myDid}#${myDid.slice(8)}', the kid of this did:key`,
    );
  });

  it('a did:web or https issuer whose kid is not under its id', () => {
    expect(keyOwnershipProblem('did:web:a.example', 'did:web:b.example#k', mine.publicJwk)).toBe(
      "keys.kid 'did:web:b.example#k' is not a key of issuer 'did:web:a.example' (it names 'did:web:b.example')",
    );
    expect(
      keyOwnershipProblem('https://a.example/issuer', 'https://b.example/issuer#k', mine.publicJwk),
    ).toBe(
      "keys.kid 'https://b.example/issuer#k' is not under issuer id 'https://a.example/issuer'",
    );
    expect(keyOwnershipProblem('https://a.example/issuer', `${myDid}#x`, mine.publicJwk)).toBe(
      `keys.kid '${myDid}#x' is not a key of issuer 'https://a.example/issuer' (it names '${myDid}')`,
    );
  });

  it('a thumbprint kid of another key, and a published kid listing another key', () => {
    const id = 'https://a.example/issuer';
    const kid = kidFor(id, other.publicJwk);
    expect(keyOwnershipProblem(id, kid, mine.publicJwk)).toBe(
      `keys.kid '${kid}' names the key with thumbprint '${jwkThumbprint(other.publicJwk)}', but this key's is '${jwkThumbprint(mine.publicJwk)}'`,
    );
    const published = [{ ...other.publicJwk, kid: `${id}#key-1` }];
    expect(keyOwnershipProblem(id, `${id}#key-1`, mine.publicJwk, published)).toBe(
      `the published keys list another key under keys.kid '${id}#key-1'`,
    );
    const listed = [{ ...mine.publicJwk, kid: `${id}#key-1` }];
    expect(keyOwnershipProblem(id, `${id}#key-1`, mine.publicJwk, listed)).toBeUndefined();
  });
});

describe('privateKeyFileProblem', () => {
  it('names a JWKS, a DID document, a public JWK and a non-object', () => {
    expect(privateKeyFileProblem({ keys: [mine.publicJwk] })).toBe(
      'is a JWKS (published public keys): it holds no private key',
    );
    expect(privateKeyFileProblem({ '@context': 'x', verificationMethod: [] })).toBe(
      'is a DID document (public keys only): it holds no private key',
    );
    expect(privateKeyFileProblem(mine.publicJwk)).toBe(
      'holds a public key only (no "d" member), not the private key',
    );
    expect(privateKeyFileProblem([1])).toBe('does not hold a JWK object');
    expect(privateKeyFileProblem({ d: 'x' })).toBe('is not a JWK: it has no "kty"');
    expect(privateKeyFileProblem(mine.privateJwk)).toBeUndefined();
  });
});
