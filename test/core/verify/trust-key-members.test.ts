import { describe, expect, it } from 'vitest';
import { isBadgesmithError } from '../../../src/core/errors.js';
import { jwkProblem } from '../../../src/core/keys/jwk.js';
import { trustEntryFromJson } from '../../../src/core/verify/trust.js';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isBadgesmithError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

const jwks = (key: Record<string, unknown>) => ({ issuer: 'https://x.example', keys: [key] });

describe('a trusted JWK missing members', () => {
  it('names the members an EC key lacks, not an unsupported type', () => {
    expect(messageOf(() => trustEntryFromJson(jwks({ kty: 'EC' }), 'k.json'))).toBe(
      "ERR_TRUST_INVALID: trust file 'k.json' has a key of type 'EC' without crv, x, y",
    );
    expect(
      messageOf(() => trustEntryFromJson(jwks({ kty: 'EC', crv: 'P-256', x: 'AA' }), 'k.json')),
    ).toBe("ERR_TRUST_INVALID: trust file 'k.json' has a key of type 'EC' without y");
  });

  it('says what is wrong for each kind of key', () => {
    expect(jwkProblem({ kty: 'OKP' })).toBe("of type 'OKP' without crv, x");
    expect(jwkProblem({ kty: 'RSA', n: 'AQAB' })).toBe("of type 'RSA' without e");
    expect(jwkProblem({ kty: 'oct', k: 'AA' })).toBe("of unsupported type 'oct'");
    expect(jwkProblem({})).toBe('without a kty member');
    expect(jwkProblem({ kty: 'EC', crv: 'P-521', x: 'A', y: 'B' })).toBe(
      "of type 'EC' on unsupported curve 'P-521'",
    );
    expect(jwkProblem({ kty: 'OKP', crv: 'Ed25519', x: 'A' })).toBeUndefined();
  });

  it('names the missing members of a key in a DID document too', () => {
    const doc = {
      id: 'did:web:x.example',
      verificationMethod: [
        { id: '#k', controller: 'did:web:x.example', publicKeyJwk: { kty: 'EC', crv: 'P-256' } },
      ],
      assertionMethod: ['#k'],
    };
    expect(messageOf(() => trustEntryFromJson(doc, 'did.json'))).toBe(
      "ERR_TRUST_INVALID: trust file 'did.json' has a key of type 'EC' without x, y",
    );
  });
});
