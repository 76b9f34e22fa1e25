import { generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { extractBadge } from '../../../src/core/bake/index.js';
import { jwkThumbprint } from '../../../src/core/keys/jwk.js';
import { checkFormat } from '../../../src/core/verify/format.js';
import { verifyExtracted, type VerificationReport } from '../../../src/core/verify/index.js';
import { trustEntryFromJson, type TrustSet } from '../../../src/core/verify/trust.js';

type Json = Record<string, unknown>;

const NOW = new Date('2025-06-01T12:00:00Z');
const ISSUER = 'https://issuer.example/vc';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

interface Key {
  privateKey: KeyObject;
  publicJwk: JsonWebKey;
  kid: string;
}

function makeKey(type: 'ed25519' | 'P-384'): Key {
  const pair =
    type === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const publicJwk = pair.publicKey.export({ format: 'jwk' });
  return { privateKey: pair.privateKey, publicJwk, kid: jwkThumbprint(publicJwk) };
}

const ed = makeKey('ed25519');
const p384 = makeKey('P-384');
const trust: TrustSet = {
  entries: [
    trustEntryFromJson(
      { issuer: ISSUER, keys: [ed, p384].map((k) => ({ ...k.publicJwk, kid: k.kid })) },
      'jwks.json',
    ),
  ],
};

async function sign(payload: Json, key: Key, header: Json): Promise<string> {
  const alg = key === ed ? 'EdDSA' : 'ES384';
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, kid: key.kid, ...header })
    .sign(key.privateKey);
}

function verify(text: string, recipient?: string): Promise<VerificationReport> {
  return verifyExtracted({
    extracted: extractBadge(Buffer.from(text)),
    trust,
    now: NOW,
    ...(recipient === undefined ? {} : { recipient }),
  });
}

const outcomes = (report: VerificationReport): string =>
  report.checks.map((c) => `${c.name}=${c.outcome}`).join(' ');
const check = (report: VerificationReport, name: string) =>
  report.checks.find((c) => c.name === name)!;

const alumni: Json = {
  '@context': [V2, 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'http://university.example/credentials/1872',
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer: ISSUER,
  validFrom: '2010-01-01T19:23:24Z',
  credentialSubject: { id: 'did:example:123', alumniOf: 'Example University' },
  iss: ISSUER,
  jti: 'http://university.example/credentials/1872',
};

const endorsement: Json = {
  '@context': [V2, OB],
  id: 'urn:uuid:7b1c7c3e-1f0a-4c55-9d1e-9f3d2c1a0b9e',
  type: ['VerifiableCredential', 'EndorsementCredential'],
  name: 'Example endorsement',
  issuer: { id: ISSUER, type: ['Profile'], name: 'Endorser' },
  validFrom: '2025-01-01T00:00:00Z',
  credentialSubject: {
    id: 'https://college.example/issuers/1',
    type: ['EndorsementSubject'],
    endorsementComment: 'In good standing',
  },
  iss: ISSUER,
  jti: 'urn:uuid:7b1c7c3e-1f0a-4c55-9d1e-9f3d2c1a0b9e',
  nbf: 1735689600,
};

describe('a plain W3C verifiable credential', () => {
  it('is labelled as not an Open Badge and checked against the VCDM base shape only', async () => {
    const token = await sign(alumni, ed, { typ: 'vc+jwt', cty: 'vc' });
    const report = await verify(token);
    expect(outcomes(report)).toBe(
      'extract=passed format=passed schema=passed proof=passed issuer-key=passed validity=passed status=skipped recipient=skipped endorsement=skipped',
    );
    expect(check(report, 'format').message).toBe(
      'W3C verifiable credential (not an Open Badge) as a JWT (VCDM 2.0)',
    );
    expect(check(report, 'schema').message).toBe(
      'matches the VCDM base shape (no Open Badges schema applies to it)',
    );
    expect(report.verdict).toBe('valid');
  });

  it('a bad media type fails the proof check although the signature verifies', async () => {
    const badTyp = await verify(await sign(alumni, ed, { typ: 'bad+typ', cty: 'vc' }));
    expect(check(badTyp, 'proof')).toMatchObject({
      outcome: 'failed',
      message: "bad media type: typ 'bad+typ' is not 'vc+jwt' (VC-JOSE-COSE section 3.1)",
    });
    const badCty = await verify(await sign(alumni, ed, { typ: 'vc+jwt', cty: 'bad+cty' }));
    expect(check(badCty, 'proof')).toMatchObject({
      outcome: 'failed',
      message: "bad media type: cty 'bad+cty' is not 'vc' (VC-JOSE-COSE section 3.1)",
    });
  });

  it('without validFrom (optional in VCDM 2.0) the validity check still passes', async () => {
    const noStart = { ...alumni };
    delete noStart.validFrom;
    const report = await verify(await sign(noStart, ed, { typ: 'vc+jwt' }));
    expect(check(report, 'validity')).toMatchObject({
      outcome: 'passed',
      message: 'no start of validity stated, no expiry',
    });
  });
});

describe('an EndorsementCredential (OB 3.0 section 5.2)', () => {
  it('verifies with no recipient step, even when a recipient is given', async () => {
    const report = await verify(await sign(endorsement, ed, { typ: 'JWT' }), 'ada@example.org');
    expect(report.verdict).toBe('valid');
    expect(check(report, 'format').message).toBe(
      'OB 3.0 EndorsementCredential as a JWT (VCDM 2.0)',
    );
    expect(check(report, 'recipient')).toMatchObject({
      outcome: 'skipped',
      message: 'an EndorsementCredential has no recipient step',
    });
  });

  it('without its required name fails the endorsement schema', async () => {
    const nameless = { ...endorsement };
    delete nameless.name;
    const report = await verify(await sign(nameless, ed, { typ: 'JWT' }));
    expect(check(report, 'schema')).toMatchObject({
      outcome: 'failed',
      message: '/name is required',
    });
  });
});

describe('a verifiable presentation with enveloped credentials', () => {
  async function presentation(ids: string[]): Promise<string> {
    const vp: Json = {
      '@context': [V2],
      id: 'urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5',
      type: 'VerifiablePresentation',
      holder: ISSUER,
      iss: ISSUER,
      jti: 'urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5',
      verifiableCredential: ids.map((id) => ({
        '@context': V2,
        id,
        type: 'EnvelopedVerifiableCredential',
      })),
    };
    return sign(vp, p384, { typ: 'vp+jwt', cty: 'vp' });
  }
  const inner = (): Promise<string> => sign(alumni, ed, { typ: 'vc+jwt', cty: 'vc' });

  it('passes when the ES384 presentation and each vc+jwt inside verify', async () => {
    const report = await verify(await presentation([`data:application/vc+jwt,${await inner()}`]));
    expect(report.verdict).toBe('valid');
    expect(check(report, 'format').message).toBe(
      'W3C verifiable presentation (not an Open Badge) as a JWT (VCDM 2.0)',
    );
    expect(check(report, 'proof').message).toMatch(
      /^ES384 signature verified with .*; enveloped credentials: 1 of 1 verified \(credential 1 \(vc\+jwt\): valid\)$/u,
    );
  });

  it('fails when an enveloped credential was changed', async () => {
    const [h, , s] = (await inner()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...alumni, id: 'urn:x:other' })).toString(
      'base64url',
    );
    const report = await verify(
      await presentation([`data:application/vc+jwt,${h}.${forged}.${s}`]),
    );
    expect(check(report, 'proof').outcome).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('is indeterminate when an envelope has a media type not checked here', async () => {
    const report = await verify(
      await presentation([
        `data:application/vc+jwt,${await inner()}`,
        'data:application/vc+cose;base64,AAAA',
      ]),
    );
    expect(check(report, 'proof')).toMatchObject({ outcome: 'indeterminate' });
    expect(check(report, 'proof').message).toContain(
      "credential 2: media type 'application/vc+cose' is not supported",
    );
    expect(report.verdict).toBe('indeterminate');
  });
});

describe('the format check names each kind', () => {
  const label = (doc: Json): string =>
    checkFormat({
      container: 'json',
      location: 'file',
      spec: 'unknown',
      payload: JSON.stringify(doc),
      payloadKind: 'json',
      warnings: [],
    }).check.message;

  it('ClrCredential, plain VC, and something that is no credential', () => {
    const clr = { '@context': [V2], type: ['VerifiableCredential', 'ClrCredential'], proof: {} };
    expect(label(clr)).toBe('CLR 2.0 ClrCredential with an embedded proof (VCDM 2.0)');
    expect(label({ '@context': [V2], type: ['VerifiableCredential'] })).toBe(
      'W3C verifiable credential (not an Open Badge) JSON (VCDM 2.0), no proof',
    );
    expect(label({ '@context': [V2], type: ['Thing'] })).toBe(
      'not an Open Badge nor any verifiable credential (type lacks VerifiableCredential)',
    );
  });
});
