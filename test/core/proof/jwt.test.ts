import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { kidFor, loadSigningKey } from '../../../src/core/keys/signing-key.js';
import type { OpenBadgeCredential } from '../../../src/core/model/types.js';
import { signCredentialJwt } from '../../../src/core/proof/jwt.js';

const issuerId = 'https://example.org/issuers/1';

function credential(subjectId?: string, validUntil?: string): OpenBadgeCredential {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:1b7e0f8a-8c1f-4a57-9d55-7f8f3c7b2a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerId, type: ['Profile'], name: 'Example College' },
    validFrom: '2025-03-01T12:00:00Z',
    ...(validUntil === undefined ? {} : { validUntil }),
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(subjectId === undefined ? {} : { id: subjectId }),
      achievement: {
        id: 'https://example.org/achievements/a',
        type: ['Achievement'],
        name: 'Café 中文 ®',
        description: 'd',
        criteria: { narrative: 'n' },
      },
    },
  };
}

describe('signCredentialJwt', () => {
  it.each(['EdDSA', 'ES256', 'RS256'] as const)(
    '%s: jose verifies it; claims follow 4.2',
    async (alg) => {
      const { privateJwk, publicJwk } = generateKeyPair(alg);
      const kid = kidFor(issuerId, publicJwk);
      const key = loadSigningKey(privateJwk, alg, kid);
      const cred = credential('did:example:ada', '2026-03-01T12:00:00Z');
      const jwt = await signCredentialJwt(cred, key);

      expect(decodeProtectedHeader(jwt)).toEqual({ alg, kid, typ: 'JWT' });
      const verified = await compactVerify(jwt, await importJWK(publicJwk, alg), {
        algorithms: [alg],
      });
      const payload = JSON.parse(new TextDecoder().decode(verified.payload));
      expect(payload).toEqual({
        ...cred,
        iss: issuerId,
        jti: cred.id,
        sub: 'did:example:ada',
        nbf: Date.UTC(2025, 2, 1, 12) / 1000,
        exp: Date.UTC(2026, 2, 1, 12) / 1000,
      });
      expect(payload.vc).toBeUndefined();
    },
  );

  it('leaves out sub and exp when the credential has no subject id or validUntil', async () => {
    const { privateJwk } = generateKeyPair('EdDSA');
    const key = loadSigningKey(privateJwk, 'EdDSA', 'k');
    const jwt = await signCredentialJwt(credential(), key);
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
    expect('sub' in payload).toBe(false);
    expect('exp' in payload).toBe(false);
    expect(payload.nbf).toBe(1740830400);
  });
});
