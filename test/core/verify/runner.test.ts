import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../../src/core/bake/index.js';
import { didKeyFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { kidFor, loadSigningKey } from '../../../src/core/keys/signing-key.js';
import { signCredentialJwt } from '../../../src/core/proof/jwt.js';
import { verdictOf, verifyExtracted } from '../../../src/core/verify/index.js';
import { trustEntryFromDidKey } from '../../../src/core/verify/trust.js';
import {
  BASE_SVG,
  EMAIL,
  NOW,
  basePng,
  credentialFor,
  failed,
  makeIssuer,
  outcomes,
  rawJws,
  signFor,
  verifyBaked,
  verifyText,
} from './fixtures.js';

const ALL_PASS = {
  extract: 'passed',
  format: 'passed',
  schema: 'passed',
  proof: 'passed',
  'issuer-key': 'passed',
  validity: 'passed',
  status: 'skipped',
  recipient: 'skipped',
  endorsement: 'skipped',
};

const issuers = {
  EdDSA: makeIssuer('EdDSA'),
  ES256: makeIssuer('ES256'),
  RS256: makeIssuer('RS256'),
};

function bareJwt(payload: string): ExtractResult {
  return {
    found: true,
    others: 0,
    badge: {
      container: 'jwt',
      location: 'test',
      spec: 'ob3',
      payload,
      payloadKind: 'jwt',
      warnings: [],
    },
  };
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('issue → bake → extract → verify', () => {
  it.each(['EdDSA', 'ES256', 'RS256'] as const)('%s in PNG and SVG: VALID', async (alg) => {
    const issuer = issuers[alg];
    const jwt = await signFor(issuer);
    for (const image of [await basePng(), Buffer.from(BASE_SVG)]) {
      const report = await verifyBaked(image, jwt, issuer.trust);
      expect(outcomes(report)).toEqual(ALL_PASS);
      expect(report.verdict).toBe('valid');
      expect(report.trustedBy).toBe('jwks.json');
      expect(report.credential).toMatchObject({
        issuer: issuer.issuerId,
        issuerName: 'Example College',
        achievement: 'Welding 1 — Café ®',
        validFrom: '2025-03-01T09:30:00Z',
        proofFormat: 'VC-JWT',
      });
    }
  });

  it('a did:key issuer (EdDSA and ES256) is VALID when its did:key is trusted', async () => {
    for (const alg of ['EdDSA', 'ES256'] as const) {
      const { privateJwk, publicJwk } = generateKeyPair(alg);
      const did = didKeyFromPublicJwk(publicJwk);
      const key = loadSigningKey(privateJwk, alg, kidFor(did, publicJwk));
      const jwt = await signCredentialJwt(credentialFor(did), key);
      const trusted = await verifyText(jwt, { entries: [trustEntryFromDidKey(did)] });
      expect(outcomes(trusted)).toEqual(ALL_PASS);
      // Resolves by itself, but is trusted only when listed.
      const untrusted = await verifyText(jwt, { entries: [] });
      expect(outcomes(untrusted)['issuer-key']).toBe('indeterminate');
      expect(outcomes(untrusted).proof).toBe('passed');
      expect(untrusted.verdict).toBe('indeterminate');
    }
  });
});

describe('each fault fails exactly one check', () => {
  const issuer = issuers.ES256;

  it('a changed payload byte → proof', async () => {
    const [h, p, s] = (await signFor(issuer)).split('.') as [string, string, string];
    const text = Buffer.from(p, 'base64url').toString('utf8').replace('Welding 1', 'Welding 2');
    const report = await verifyText(
      `${h}.${Buffer.from(text).toString('base64url')}.${s}`,
      issuer.trust,
    );
    expect(failed(report)).toEqual(['proof']);
    expect(report.checks.find((c) => c.name === 'proof')?.message).toMatch(
      /^the signature does not verify/,
    );
    expect(report.verdict).toBe('invalid');
  });

  it('re-signed with another key under the same kid → proof (the kid names the trusted key, which the signature does not match)', async () => {
    const other = loadSigningKey(generateKeyPair('ES256').privateJwk, 'ES256', issuer.key.kid);
    const jwt = await signCredentialJwt(credentialFor(issuer.issuerId), other);
    const report = await verifyText(jwt, issuer.trust);
    expect(failed(report)).toEqual(['proof']);
    expect(outcomes(report)['issuer-key']).toBe('passed');
  });

  it('re-signed with another key sent in a jwk header → issuer-key (the signature holds, the key is not the issuer’s)', async () => {
    const pair = generateKeyPair('ES256');
    const header = { alg: 'ES256', typ: 'JWT', jwk: pair.publicJwk };
    const payload = payloadOf(await signFor(issuer));
    const input = rawJws(header, payload).slice(0, -1);
    const { sign } = await import('node:crypto');
    const key = loadSigningKey(pair.privateJwk, 'ES256', 'x').privateKey;
    const sig = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    const report = await verifyText(`${input}.${sig.toString('base64url')}`, issuer.trust);
    expect(failed(report)).toEqual(['issuer-key']);
    expect(outcomes(report).proof).toBe('passed');
  });

  it('expired → validity', async () => {
    const jwt = await signFor(issuer, { validUntil: '2025-05-01T00:00:00Z' });
    const report = await verifyText(jwt, issuer.trust);
    expect(failed(report)).toEqual(['validity']);
    expect(report.checks.find((c) => c.name === 'validity')?.message).toBe(
      'expired at 2025-05-01T00:00:00Z, the time is 2025-06-01T12:00:00Z',
    );
  });

  it('not yet valid → validity', async () => {
    const jwt = await signFor(issuer, { validFrom: '2025-07-01T00:00:00Z' });
    const report = await verifyText(jwt, issuer.trust);
    expect(failed(report)).toEqual(['validity']);
    expect(report.checks.find((c) => c.name === 'validity')?.message).toMatch(
      /^not yet valid: valid from 2025-07-01T00:00:00Z/,
    );
  });

  it("alg 'none' → proof", async () => {
    const payload = payloadOf(await signFor(issuer));
    const token = rawJws({ alg: 'none', typ: 'JWT', kid: issuer.key.kid }, payload);
    const report = await verifyExtracted({
      extracted: bareJwt(token),
      trust: issuer.trust,
      now: NOW,
    });
    expect(failed(report)).toEqual(['proof']);
    expect(outcomes(report)['issuer-key']).toBe('skipped');
  });

  it('HS256 with the public key as the secret → proof', async () => {
    const rsa = issuers.RS256;
    const payload = payloadOf(await signFor(rsa));
    const input = rawJws({ alg: 'HS256', typ: 'JWT', kid: rsa.key.kid }, payload).slice(0, -1);
    const { createPublicKey } = await import('node:crypto');
    const secret = createPublicKey({ key: rsa.publicJwk, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const mac = createHmac('sha256', secret).update(input).digest('base64url');
    const report = await verifyText(`${input}.${mac}`, rsa.trust);
    expect(failed(report)).toEqual(['proof']);
    expect(report.checks.find((c) => c.name === 'proof')?.message).toBe(
      "alg 'HS256' is a shared-secret MAC, not an issuer's signature",
    );
  });

  it('a kid naming another (trusted) issuer → issuer-key', async () => {
    const pair = generateKeyPair('EdDSA');
    const otherDid = didKeyFromPublicJwk(pair.publicJwk);
    const key = loadSigningKey(pair.privateJwk, 'EdDSA', kidFor(otherDid, pair.publicJwk));
    const jwt = await signCredentialJwt(credentialFor(issuer.issuerId), key);
    const trust = { entries: [...issuer.trust.entries, trustEntryFromDidKey(otherDid)] };
    const report = await verifyText(jwt, trust);
    expect(failed(report)).toEqual(['issuer-key']);
    expect(outcomes(report).proof).toBe('passed');
    expect(report.checks.find((c) => c.name === 'issuer-key')?.message).toBe(
      `kid '${key.kid}' names a key of '${otherDid}', not of the issuer '${issuer.issuerId}'`,
    );
  });

  it('a wrong --recipient → recipient; the right one passes', async () => {
    const jwt = await signFor(issuer);
    const wrong = await verifyText(jwt, issuer.trust, { recipient: 'grace.hopper@example.org' });
    expect(failed(wrong)).toEqual(['recipient']);
    const right = await verifyText(jwt, issuer.trust, { recipient: '  Ada.Lovelace@Example.ORG ' });
    expect(outcomes(right).recipient).toBe('passed');
    expect(right.verdict).toBe('valid');
  });

  it('an alg that does not fit the key type → proof', async () => {
    const ed = issuers.EdDSA;
    const payload = payloadOf(await signFor(ed));
    const token = rawJws({ alg: 'ES256', typ: 'JWT', kid: ed.key.kid }, payload, 'AAAA');
    const report = await verifyText(token, ed.trust);
    expect(failed(report)).toEqual(['proof']);
    expect(report.checks.find((c) => c.name === 'proof')?.message).toMatch(
      /^alg 'ES256' does not fit key/,
    );
  });

  it('an RSA key under 2048 bits → proof', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const publicJwk = small.publicKey.export({ format: 'jwk' });
    const issuerId = 'https://small.example/issuer';
    const kid = kidFor(issuerId, publicJwk);
    const { sign } = await import('node:crypto');
    const payload = payloadOf(await signFor(issuers.RS256));
    const input = rawJws(
      { alg: 'RS256', typ: 'JWT', kid },
      { ...payload, iss: issuerId, issuer: { id: issuerId, type: ['Profile'], name: 'S' } },
    ).slice(0, -1);
    const sig = sign('sha256', Buffer.from(input), small.privateKey).toString('base64url');
    const { trustEntryFromJson } = await import('../../../src/core/verify/trust.js');
    const trust = {
      entries: [
        trustEntryFromJson({ issuer: issuerId, keys: [{ ...publicJwk, kid }] }, 'small.json'),
      ],
    };
    const report = await verifyText(`${input}.${sig}`, trust);
    expect(failed(report)).toEqual(['proof']);
    expect(report.checks.find((c) => c.name === 'proof')?.message).toMatch(
      /1024 bits is under 2048/,
    );
  });

  it('a jti that disagrees with the credential id → proof', async () => {
    const ed = issuers.EdDSA;
    const payload = {
      ...payloadOf(await signFor(ed)),
      jti: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    };
    const input = rawJws({ alg: 'EdDSA', typ: 'JWT', kid: ed.key.kid }, payload).slice(0, -1);
    const { sign } = await import('node:crypto');
    const sig = sign(null, Buffer.from(input), ed.key.privateKey).toString('base64url');
    const report = await verifyText(`${input}.${sig}`, ed.trust);
    expect(failed(report)).toEqual(['proof']);
    expect(report.checks.find((c) => c.name === 'proof')?.message).toMatch(
      /^signature verified, but "jti" is/,
    );
  });
});

describe('cannot tell, and other formats', () => {
  it('an untrusted issuer → issuer-key indeterminate, verdict indeterminate', async () => {
    const jwt = await signFor(issuers.EdDSA);
    const report = await verifyText(jwt, { entries: [] });
    expect(outcomes(report)).toMatchObject({
      proof: 'indeterminate',
      'issuer-key': 'indeterminate',
    });
    expect(report.verdict).toBe('indeterminate');
    expect(report.checks.find((c) => c.name === 'issuer-key')?.message).toBe(
      "issuer 'https://example.org/issuers/1' not trusted here; pass --trust with its did.json, jwks.json or issuer profile",
    );
  });

  it('credential JSON with no proof → proof cannot tell "no proof", never valid', async () => {
    const report = await verifyText(
      JSON.stringify(credentialFor('https://example.org/issuers/1')),
      { entries: [] },
    );
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('indeterminate');
    expect(report.checks.find((c) => c.name === 'proof')).toEqual({
      name: 'proof',
      outcome: 'indeterminate',
      message: 'no proof: the credential is not signed, so nothing in it can be verified',
    });
  });

  it('an empty proof list is no proof: cannot tell, like a missing one', async () => {
    const doc = { ...credentialFor('https://example.org/issuers/1'), proof: [] };
    const report = await verifyText(JSON.stringify(doc), { entries: [] });
    expect(report.verdict).toBe('indeterminate');
    expect(report.checks.find((c) => c.name === 'proof')?.message).toBe(
      'no proof: the credential is not signed, so nothing in it can be verified',
    );
  });

  it('an embedded proof → proof indeterminate, never passed', async () => {
    const doc = {
      ...credentialFor('https://example.org/issuers/1'),
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }],
    };
    const report = await verifyText(JSON.stringify(doc), { entries: [] });
    expect(outcomes(report)).toMatchObject({ proof: 'indeterminate', 'issuer-key': 'skipped' });
    expect(report.verdict).toBe('indeterminate');
  });

  it('OB 2.0 goes to the OB 2.0 checks (test/core/verify/ob2): a bare stub fails its schema', async () => {
    const ob2 = {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'urn:uuid:1',
    };
    const report = await verifyText(JSON.stringify(ob2), { entries: [] });
    expect(outcomes(report)).toMatchObject({ format: 'passed', schema: 'failed' });
    expect(report.checks.find((c) => c.name === 'format')?.message).toBe('OB 2.0 hosted assertion');
    expect(report.verdict).toBe('invalid');
  });

  it('credentialStatus → status indeterminate', async () => {
    const issuer = issuers.EdDSA;
    const jwt = await signFor(issuer, {
      credentialStatus: { id: 'https://example.org/status/1#5', type: 'BitstringStatusListEntry' },
    });
    const report = await verifyText(jwt, issuer.trust);
    expect(outcomes(report).status).toBe('indeterminate');
    expect(report.verdict).toBe('indeterminate');
  });

  it('a VCDM 1.1 vc-claim token is read with a warning', async () => {
    const issuer = issuers.EdDSA;
    const cred = credentialFor(issuer.issuerId);
    const { validFrom, ...rest } = cred;
    const vc = {
      ...rest,
      '@context': ['https://www.w3.org/2018/credentials/v1', cred['@context'][1]!],
      issuanceDate: validFrom,
    };
    const payload = { vc, iss: issuer.issuerId, jti: cred.id, nbf: Date.parse(validFrom) / 1000 };
    const input = rawJws({ alg: 'EdDSA', typ: 'JWT', kid: issuer.key.kid }, payload).slice(0, -1);
    const { sign } = await import('node:crypto');
    const sig = sign(null, Buffer.from(input), issuer.key.privateKey).toString('base64url');
    const report = await verifyText(`${input}.${sig}`, issuer.trust);
    expect(outcomes(report)).toEqual(ALL_PASS);
    expect(report.warnings).toContain(
      'the token carries the credential in a "vc" claim (the VCDM 1.1-era form)',
    );
  });

  it('an unbaked image → extract failed, the rest skipped', async () => {
    const { extractBadge } = await import('../../../src/core/bake/index.js');
    const report = await verifyExtracted({
      extracted: extractBadge(await basePng()),
      trust: { entries: [] },
      now: NOW,
    });
    expect(outcomes(report)).toMatchObject({
      extract: 'failed',
      format: 'skipped',
      proof: 'skipped',
    });
    expect(report.verdict).toBe('invalid');
  });

  it('verdictOf: failed beats indeterminate beats passed', () => {
    const c = (outcome: 'passed' | 'failed' | 'skipped' | 'indeterminate') => ({
      name: 'proof' as const,
      outcome,
      message: '',
    });
    expect(verdictOf([c('passed'), c('skipped')])).toBe('valid');
    expect(verdictOf([c('passed'), c('indeterminate')])).toBe('indeterminate');
    expect(verdictOf([c('indeterminate'), c('failed')])).toBe('invalid');
  });

  it('recipient by credentialSubject.id', async () => {
    const issuer = issuers.EdDSA;
    const cred = credentialFor(issuer.issuerId);
    const jwt = await signCredentialJwt(
      { ...cred, credentialSubject: { ...cred.credentialSubject, id: 'did:example:ada' } },
      issuer.key,
    );
    expect(
      outcomes(await verifyText(jwt, issuer.trust, { recipient: 'did:example:ada' })).recipient,
    ).toBe('passed');
    expect(outcomes(await verifyText(jwt, issuer.trust, { recipient: EMAIL })).recipient).toBe(
      'passed',
    );
    expect(
      outcomes(await verifyText(jwt, issuer.trust, { recipient: 'did:example:bob' })).recipient,
    ).toBe('failed');
  });
});

describe('hostile sizes stay bounded', () => {
  it('a credential of more than 100,000 JSON values fails format and is not checked further', async () => {
    const big = credentialFor('https://example.org/issuers/1');
    (big.credentialSubject.achievement as unknown as Record<string, unknown>).tag = Array.from(
      { length: 100_001 },
      (_, i) => i,
    );
    const report = await verifyText(JSON.stringify(big), { entries: [] });
    expect(failed(report)).toEqual(['format']);
    expect(report.checks.find((c) => c.name === 'format')?.message).toBe(
      'the credential holds more than 100,000 JSON values; no badge is that large, so it is not checked further',
    );
    expect(report.checks.find((c) => c.name === 'schema')?.outcome).toBe('skipped');
  });

  it('thousands of schema faults: the message counts them all, the report lists 50', async () => {
    const bad = credentialFor('https://example.org/issuers/1');
    (bad.credentialSubject.achievement as unknown as Record<string, unknown>).tag = Array.from(
      { length: 5_000 },
      (_, i) => i,
    );
    const report = await verifyText(JSON.stringify(bad), { entries: [] });
    const schema = report.checks.find((c) => c.name === 'schema');
    expect(schema?.message).toBe(
      '/credentialSubject/achievement/tag/0 must be string (and 4999 more)',
    );
    expect(schema?.details?.findings).toHaveLength(50);
  });
});
