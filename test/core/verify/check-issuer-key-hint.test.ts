import { describe, expect, it } from 'vitest';
import { didKeyFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { checkIssuerKey } from '../../../src/core/verify/check-issuer-key.js';

describe('checkIssuerKey: the hint for an issuer not trusted here', () => {
  it('a did:key issuer is told --trust <its did:key> and trust add, then the files', () => {
    const did = didKeyFromPublicJwk(generateKeyPair('EdDSA').publicJwk);
    const kid = `${did}#${did.slice('did:key:'.length)}`;
    const { check } = checkIssuerKey(did, { kid }, undefined, { entries: [] });
    expect(check).toMatchObject({
      name: 'issuer-key',
      outcome: 'indeterminate',
      message:
        `issuer '${did}' not trusted here; pass --trust ${did} (or \`badgesmith trust add ${did}\`), ` +
        'or --trust with its did.json, jwks.json or issuer profile',
    });
  });

  it('any other issuer is told the files only', () => {
    const { check } = checkIssuerKey('did:web:example.org', {}, undefined, { entries: [] });
    expect(check.message).toBe(
      "issuer 'did:web:example.org' not trusted here; pass --trust with its did.json, jwks.json or issuer profile",
    );
  });
});
