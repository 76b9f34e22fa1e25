import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextSetupFor, createContextResolver } from '../../../src/adapters/context-loader.js';
import { extractBadge } from '../../../src/core/bake/index.js';
import { generateKeyPair } from '../../../src/core/keys/generate.js';
import { ed25519PrivateKeyFromSeed } from '../../../src/core/keys/multikey.js';
import { loadSigningKey } from '../../../src/core/keys/signing-key.js';
import { canonicalize, signDataIntegrity } from '../../../src/core/proof/data-integrity/index.js';
import { signCredentialJwt } from '../../../src/core/proof/jwt.js';
import { verifyExtracted } from '../../../src/core/verify/index.js';
import { trustEntryFromDidKey, trustEntryFromJson } from '../../../src/core/verify/trust.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';
import { credentialFor, failed, outcomes } from './fixtures.js';

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

  it('case13, the kind: a bare DID of any other method is "kid must be a DID URL", whatever is trusted', async () => {
    for (const did of ['did:web:badges.example.org', 'did:example:123']) {
      const { privateJwk, publicJwk } = generateKeyPair('EdDSA');
      const jwt = await signCredentialJwt(
        credentialFor(did),
        loadSigningKey(privateJwk, 'EdDSA', did),
      );
      const doc = {
        id: did,
        verificationMethod: [
          { id: `${did}#key-1`, type: 'JsonWebKey', controller: did, publicKeyJwk: publicJwk },
        ],
        assertionMethod: [`${did}#key-1`],
      };
      const report = await verifyExtracted({
        extracted: extractBadge(Buffer.from(jwt)),
        trust: { entries: [trustEntryFromJson(doc, 'did.json')] },
        now: new Date('2025-06-01T00:00:00Z'),
      });
      expect(failed(report)).toEqual(['proof']);
      expect(report.checks.find((c) => c.name === 'proof')?.message).toBe(
        `kid '${did}' must be a DID URL naming one key ('${did}#<key id>'); only a did:key may be bare`,
      );
    }
  });

  it('case11: JSON-LD processing of its three contexts works offline, given the ed25519-2020 context', async () => {
    const doc = JSON.parse(caseFile('case11-ob3-three-contexts-unsigned.json').toString('utf8'));
    const bundledOnly = await canonicalize(doc, createContextResolver());
    expect(bundledOnly).toMatchObject({
      ok: false,
      error: 'unknown-context',
      url: 'https://w3id.org/security/suites/ed25519-2020/v1',
    });
    const { resolver } = await contextSetupFor(sharedPath('fixtures', 'real', 'keys', 'contexts'));
    const result = await canonicalize(doc, resolver);
    expect(result.ok).toBe(true);
    expect(result.ok && result.nquads.split('\n').length).toBeGreaterThan(10);
  });

  it('case11 signed with Data Integrity (VCDM 1.1 form): VALID with a warning, via the 1EdTech multikey method', async () => {
    const doc = JSON.parse(caseFile('case11-ob3-three-contexts-unsigned.json').toString('utf8'));
    const { resolver } = await contextSetupFor(sharedPath('fixtures', 'real', 'keys', 'contexts'));
    const did = keys.keyA.did as string;
    const multibase = did.slice('did:key:'.length);
    const issuerId = doc.issuer.id as string;
    // Its three contexts define no DataIntegrityProof terms; a VCDM 1.1 signer adds this one.
    doc['@context'].push('https://w3id.org/security/data-integrity/v1');
    const signed = await signDataIntegrity(doc, {
      privateKey: ed25519PrivateKeyFromSeed(Buffer.from(keys.keyA.seedHex, 'hex')),
      verificationMethod: `${issuerId}#${multibase}`,
      created: new Date('2024-05-01T00:00:00Z'),
      resolver,
    });
    const profile = {
      id: issuerId,
      type: ['Profile'],
      verificationMethod: [
        {
          id: `${issuerId}#${multibase}`,
          type: 'Multikey',
          controller: issuerId,
          publicKeyMultibase: multibase,
        },
      ],
    };
    const report = await verifyExtracted({
      extracted: extractBadge(Buffer.from(JSON.stringify(signed))),
      trust: { entries: [trustEntryFromJson(profile, 'profile.json')] },
      now: new Date('2025-01-01T00:00:00Z'),
      contexts: resolver,
    });
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-key': 'passed' });
    expect(report.warnings).toContain(
      'the credential uses the VCDM 1.1 data model (pre-final OB 3.0)',
    );
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

  it('case12: one schema finding, at /issuer/image (a note: an IRI reads as the image)', async () => {
    const extracted = extractBadge(caseFile('case12-ob3-issuer-image-string-unsigned.json'));
    const report = await verifyExtracted({
      extracted,
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    const schema = report.checks.find((c) => c.name === 'schema');
    const note = "/issuer/image is an IRI where OB 3.0 has an Image object; read as the image's id";
    expect(schema?.outcome).toBe('passed');
    expect(schema?.details?.notes).toEqual([note]);
    expect(report.warnings.filter((w) => w.startsWith('schema:'))).toEqual([`schema: ${note}`]);
    // Unsigned: never valid, and the proof step says why.
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('indeterminate');
  });

  it('case11: VCDM 1.1 with three contexts; the verdict names the missing proof, not the syntax', async () => {
    const extracted = extractBadge(caseFile('case11-ob3-three-contexts-unsigned.json'));
    const report = await verifyExtracted({
      extracted,
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(failed(report)).toEqual([]);
    expect(report.checks.find((c) => c.name === 'schema')?.outcome).toBe('passed');
    expect(report.checks.find((c) => c.name === 'proof')).toEqual({
      name: 'proof',
      outcome: 'indeterminate',
      message: 'no proof: the credential is not signed, so nothing in it can be verified',
    });
    expect(report.verdict).toBe('indeterminate');
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
    expect(outcomes(report)).toMatchObject({ format: 'passed', proof: 'indeterminate' });
    expect(report.verdict).toBe('indeterminate');
  });
});
