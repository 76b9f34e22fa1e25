import { describe, expect, it } from 'vitest';
import { isBadgesmithError } from '../../../src/core/errors.js';
import { didKeyFromPublicJwk, multibaseFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { buildDidDocument, buildJwks } from '../../../src/core/keys/publish.js';
import { trustEntryFromDidKey, trustEntryFromJson } from '../../../src/core/verify/trust.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isBadgesmithError(error) ? `${error.code}: ${error.message}` : 'not a BadgesmithError';
  }
  return undefined;
}

const ed = generateKeyPair('EdDSA');
const ec = generateKeyPair('ES256');

describe('trust entries', () => {
  it('reads a JWKS by its issuer member, or by kid prefixes', () => {
    const jwks = buildJwks('https://example.org/i', [
      { publicJwk: ec.publicJwk, kid: 'k1', alg: 'ES256' },
    ]);
    expect(trustEntryFromJson(jwks, 'jwks.json')).toMatchObject({
      issuerId: 'https://example.org/i',
      kind: 'jwks',
    });
    const prefixed = { keys: [{ ...ec.publicJwk, kid: 'https://example.org/i#k1' }] };
    expect(trustEntryFromJson(prefixed, 'p.json').issuerId).toBe('https://example.org/i');
    const mixed = {
      keys: [
        { ...ec.publicJwk, kid: 'https://a.example#1' },
        { ...ed.publicJwk, kid: 'https://b.example#2' },
      ],
    };
    expect(codeOf(() => trustEntryFromJson(mixed, 'mixed.json'))).toBe(
      "ERR_TRUST_INVALID: trust file 'mixed.json' does not say which issuer it belongs to",
    );
  });

  it('refuses a private key, and a JWK whose iss names another issuer', () => {
    expect(
      codeOf(() =>
        trustEntryFromJson({ issuer: 'https://x.example', keys: [ec.privateJwk] }, 'k.json'),
      ),
    ).toBe("ERR_TRUST_INVALID: trust file 'k.json' holds a private key");
    const other = {
      issuer: 'https://x.example',
      keys: [{ ...ec.publicJwk, iss: 'https://y.example' }],
    };
    expect(codeOf(() => trustEntryFromJson(other, 'o.json'))).toMatch(
      /^ERR_TRUST_INVALID: trust file 'o.json' has a key for issuer/,
    );
  });

  it('reads a DID document: only assertionMethod keys count', () => {
    const did = 'did:web:example.org';
    const doc = buildDidDocument(did, [{ publicJwk: ec.publicJwk, kid: `${did}#k1` }]);
    const entry = trustEntryFromJson(doc, 'did.json');
    expect(entry).toMatchObject({ issuerId: did, kind: 'did-document' });
    expect(entry.keys.map((k) => k.kid)).toEqual([`${did}#k1`]);
    const noAssertion = { ...doc, assertionMethod: undefined };
    expect(codeOf(() => trustEntryFromJson(noAssertion, 'did.json'))).toBe(
      "ERR_TRUST_INVALID: trust file 'did.json' has no assertionMethod",
    );
    const otherOnly = { ...doc, assertionMethod: ['#nope'] };
    expect(codeOf(() => trustEntryFromJson(otherOnly, 'did.json'))).toBe(
      `ERR_TRUST_INVALID: trust file 'did.json' lists no key of '${did}' for assertions`,
    );
  });

  it('refuses a did:key document that lists a key other than its own', () => {
    const did = didKeyFromPublicJwk(ed.publicJwk);
    for (const stranger of [ec.publicJwk, generateKeyPair('RS256').publicJwk]) {
      const doc = buildDidDocument(did, [{ publicJwk: stranger, kid: `${did}#x` }]);
      expect(codeOf(() => trustEntryFromJson(doc, 'did.json'))).toBe(
        `ERR_TRUST_INVALID: trust file 'did.json' lists a key that is not the key of '${did}'`,
      );
    }
  });

  it('reads an issuer profile with a Multikey verification method', () => {
    const id = 'https://example.org/issuer';
    const profile = {
      id,
      type: ['Profile'],
      name: 'X',
      verificationMethod: [
        {
          id: `${id}#key-1`,
          type: 'Multikey',
          controller: id,
          publicKeyMultibase: multibaseFromPublicJwk(ed.publicJwk),
        },
      ],
    };
    const entry = trustEntryFromJson(profile, 'profile.json');
    expect(entry).toMatchObject({ issuerId: id, kind: 'issuer-profile' });
    expect(entry.keys[0]!.publicJwk).toEqual(ed.publicJwk);
  });

  it('reads a literal did:key, and refuses junk', () => {
    const did = didKeyFromPublicJwk(ed.publicJwk);
    expect(trustEntryFromDidKey(did).keys).toEqual([
      { kid: `${did}#${did.slice(8)}`, publicJwk: ed.publicJwk },
    ]);
    expect(codeOf(() => trustEntryFromDidKey('did:key:zzz'))).toMatch(/^ERR_TRUST_INVALID/);
    expect(codeOf(() => trustEntryFromJson([], 'a.json'))).toBe(
      "ERR_TRUST_INVALID: trust file 'a.json' is not a JSON object",
    );
    expect(codeOf(() => trustEntryFromJson({ name: 'x' }, 'b.json'))).toBe(
      `ERR_TRUST_INVALID: trust file 'b.json' has neither "keys" nor an "id"`,
    );
  });
});

describe('a DID document that embeds its key in assertionMethod', () => {
  it('is read without a verificationMethod array (DID Core section 5.3)', () => {
    const did = 'did:web:legacy.example';
    const multibase = multibaseFromPublicJwk(ed.publicJwk);
    const doc = {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      assertionMethod: [
        {
          id: `${did}#${multibase}`,
          type: 'Ed25519VerificationKey2020',
          controller: did,
          publicKeyMultibase: multibase,
        },
      ],
    };
    const entry = trustEntryFromJson(doc, 'legacy.json');
    expect(entry.kind).toBe('did-document');
    expect(entry.keys.map((key) => key.kid)).toEqual([`${did}#${multibase}`]);
    expect(entry.keys[0]?.publicJwk.x).toBe(ed.publicJwk.x);
  });

  it('still refuses a document with neither verificationMethod nor an embedded key', () => {
    const doc = { id: 'did:web:empty.example', assertionMethod: ['did:web:empty.example#k'] };
    expect(codeOf(() => trustEntryFromJson(doc, 'empty.json'))).toBe(
      "ERR_TRUST_INVALID: trust file 'empty.json' has no verificationMethod",
    );
  });
});
