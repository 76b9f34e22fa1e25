import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractBadge } from '../../../src/core/bake/index.js';
import { verifyExtracted } from '../../../src/core/verify/index.js';
import { trustEntryFromDidKey, trustEntryFromJson } from '../../../src/core/verify/trust.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';
import { failed, outcomes } from './fixtures.js';

const caseFile = (name: string): Buffer => readFileSync(sharedPath('cases', name));

describe.runIf(hasShared)('shared cases', () => {
  const keys = hasShared ? JSON.parse(caseFile('case-keys-SELF-MADE.json').toString('utf8')) : {};
  const trustA = () => ({ entries: [trustEntryFromDidKey(keys.keyA.did)] });
  const trustB = () => ({ entries: [trustEntryFromDidKey(keys.keyB.did)] });

  it('case13: a bare did:key kid is VALID when key A is trusted (as did:key or as a DID document)', async () => {
    const extracted = extractBadge(caseFile('case13-vcjwt-kid-without-fragment.jwt'));
    const now = new Date('2025-01-01T00:00:00Z');
    const byDid = await verifyExtracted({ extracted, trust: trustA(), now });
    expect(byDid.verdict).toBe('valid');
    expect(outcomes(byDid)).toMatchObject({ proof: 'passed', 'issuer-key': 'passed' });

    const did = keys.keyA.did as string;
    const doc = {
      id: did,
      verificationMethod: [
        {
          id: `${did}#${did.slice(8)}`,
          type: 'JsonWebKey',
          controller: did,
          publicKeyJwk: keys.keyA.publicKeyJwk,
        },
      ],
      assertionMethod: [`${did}#${did.slice(8)}`],
    };
    const byDoc = await verifyExtracted({
      extracted,
      trust: { entries: [trustEntryFromJson(doc, 'did.json')] },
      now,
    });
    expect(byDoc.verdict).toBe('valid');

    const untrusted = await verifyExtracted({ extracted, trust: trustB(), now });
    expect(untrusted.verdict).toBe('indeterminate');
    expect(outcomes(untrusted)['issuer-key']).toBe('indeterminate');
  });

  it.each([
    [
      '2025-12-31T23:59:30Z',
      'valid',
      'valid from 2026-01-01T00:00:00Z until 2026-01-01T01:00:00Z (starts 30 s after the clock; accepted within the 60 s leeway)',
    ],
    [
      '2025-12-31T23:50:00Z',
      'invalid',
      'not yet valid: valid from 2026-01-01T00:00:00Z, the time is 2025-12-31T23:50:00Z',
    ],
    [
      '2026-01-01T01:00:01Z',
      'invalid',
      'expired at 2026-01-01T01:00:00Z, the time is 2026-01-01T01:00:01Z',
    ],
  ])('case18 at %s: %s', async (at, verdict, message) => {
    const extracted = extractBadge(caseFile('case18-vcjwt-nbf-2026-01-01.jwt'));
    const report = await verifyExtracted({
      extracted,
      trust: trustA(),
      now: new Date(at),
      leewaySeconds: 60,
    });
    expect(report.verdict).toBe(verdict);
    expect(failed(report)).toEqual(verdict === 'valid' ? [] : ['validity']);
    expect(report.checks.find((c) => c.name === 'validity')?.message).toBe(message);
  });

  it('case18 with no leeway is not yet valid 30 s early', async () => {
    const extracted = extractBadge(caseFile('case18-vcjwt-nbf-2026-01-01.jwt'));
    const report = await verifyExtracted({
      extracted,
      trust: trustA(),
      now: new Date('2025-12-31T23:59:30Z'),
      leewaySeconds: 0,
    });
    expect(failed(report)).toEqual(['validity']);
  });

  it('case12: one schema finding, at /issuer/image', async () => {
    const extracted = extractBadge(caseFile('case12-ob3-issuer-image-string-unsigned.json'));
    const report = await verifyExtracted({
      extracted,
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    const schema = report.checks.find((c) => c.name === 'schema');
    expect(schema?.details?.findings).toEqual([
      { path: '/issuer/image', message: 'must be object' },
    ]);
    expect(failed(report)).toEqual(['schema', 'proof']);
  });

  it('case11: VCDM 1.1 with three contexts; the verdict names the missing proof, not the syntax', async () => {
    const extracted = extractBadge(caseFile('case11-ob3-three-contexts-unsigned.json'));
    const report = await verifyExtracted({
      extracted,
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(failed(report)).toEqual(['proof']);
    expect(report.checks.find((c) => c.name === 'proof')?.message).toBe(
      'no proof: the credential is not signed',
    );
  });

  it('case01: an empty object is not a credential, and nothing throws', async () => {
    const extracted = extractBadge(caseFile('case01-itxt-empty-object.png'));
    const report = await verifyExtracted({
      extracted,
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(failed(report)).toEqual(['format']);
    expect(report.verdict).toBe('invalid');
  });

  it('case03: a hosted OB 2.0 assertion URL cannot be decided offline', async () => {
    const extracted = extractBadge(caseFile('case03-svg-verify-attribute-only.svg'));
    const report = await verifyExtracted({
      extracted,
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(outcomes(report).format).toBe('indeterminate');
    expect(report.verdict).toBe('indeterminate');
  });
});
