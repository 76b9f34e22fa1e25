import { generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../src/adapters/context-loader.js';
import { bakeImage, extractBadge } from '../../../src/core/bake/index.js';
import { didKeyFromPublicJwk, multibaseFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { buildDidDocument, buildJwks } from '../../../src/core/keys/publish.js';
import { signDataIntegrity } from '../../../src/core/proof/data-integrity/index.js';
import { verifyExtracted, type VerificationReport } from '../../../src/core/verify/index.js';
import {
  trustEntryFromDidKey,
  trustEntryFromJson,
  type TrustSet,
} from '../../../src/core/verify/trust.js';
import { BASE_SVG, NOW, basePng, credentialFor, failed, outcomes } from './fixtures.js';

const contexts = createContextResolver();

interface Ed25519 {
  privateKey: KeyObject;
  publicJwk: JsonWebKey;
  multibase: string;
  did: string;
}

function ed25519(): Ed25519 {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' });
  const multibase = multibaseFromPublicJwk(publicJwk);
  return { privateKey, publicJwk, multibase, did: didKeyFromPublicJwk(publicJwk) };
}

async function signed(issuerId: string, key: Ed25519, method?: string): Promise<string> {
  const credential = await signDataIntegrity(credentialFor(issuerId), {
    privateKey: key.privateKey,
    verificationMethod: method ?? `${issuerId}#${key.multibase}`,
    created: new Date('2025-03-01T09:30:00Z'),
    resolver: contexts,
  });
  return JSON.stringify(credential);
}

function verify(text: string | Uint8Array, trust: TrustSet): Promise<VerificationReport> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return verifyExtracted({ extracted: extractBadge(bytes), trust, now: NOW, contexts });
}

const message = (report: VerificationReport, name: string): string | undefined =>
  report.checks.find((check) => check.name === name)?.message;

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

describe('verify: Data Integrity proofs end to end', () => {
  const a = ed25519();
  const b = ed25519();

  it('a did:key issuer trusted as such is VALID, and the report says which entry vouched', async () => {
    const report = await verify(await signed(a.did, a), { entries: [trustEntryFromDidKey(a.did)] });
    expect(outcomes(report)).toEqual(ALL_PASS);
    expect(report.verdict).toBe('valid');
    expect(report.trustedBy).toBe(a.did);
    expect(report.credential?.proofFormat).toBe('Data Integrity');
    expect(message(report, 'proof')).toBe(
      `eddsa-rdfc-2022 Data Integrity proof verified with key '${a.did}#${a.multibase}' from '${a.did}'`,
    );
  });

  it("a proof set lists every proof: the issuer's verified, a stranger's verified too", async () => {
    const first = JSON.parse(await signed(a.did, a)) as Record<string, unknown>;
    const second = JSON.parse(await signed(a.did, b, `${b.did}#${b.multibase}`)) as Record<
      string,
      unknown
    >;
    const both = { ...first, proof: [first.proof, second.proof].flat() };
    const report = await verify(JSON.stringify(both), { entries: [trustEntryFromDidKey(a.did)] });
    expect(report.verdict).toBe('valid');
    const proof = report.checks.find((check) => check.name === 'proof');
    expect(proof?.message).toMatch(/; 2 of 2 proofs verified \(see notes\)$/u);
    expect(proof?.details?.notes).toEqual([
      `proof[0] (eddsa-rdfc-2022, ${a.did}#${a.multibase}): verified, the issuer's key`,
      `proof[1] (eddsa-rdfc-2022, ${b.did}#${b.multibase}): verified, but not with a trusted key of the issuer's, so it vouches for nothing here`,
    ]);
  });

  it('the notes name the verificationMethod of a proof with an unsupported cryptosuite', async () => {
    const first = JSON.parse(await signed(a.did, a)) as Record<string, unknown>;
    const own = [first.proof].flat()[0] as Record<string, unknown>;
    const bogus = { ...own, cryptosuite: 'bogus-2099' };
    const unnamed: Record<string, unknown> = { ...own, type: 'BogusProof2099' };
    delete unnamed.verificationMethod;
    const three = { ...first, proof: [own, bogus, unnamed] };
    const report = await verify(JSON.stringify(three), { entries: [trustEntryFromDidKey(a.did)] });
    expect(report.verdict).toBe('valid');
    expect(report.checks.find((check) => check.name === 'proof')?.details?.notes).toEqual([
      `proof[0] (eddsa-rdfc-2022, ${a.did}#${a.multibase}): verified, the issuer's key`,
      `proof[1] (bogus-2099, ${a.did}#${a.multibase}): indeterminate: cryptosuite 'bogus-2099' is not supported here`,
      "proof[2] (BogusProof2099, no verificationMethod): indeterminate: proof type 'BogusProof2099' is not supported here",
    ]);
  });

  it('a megabyte-long proofValue fails the proof check at once, without decoding it', async () => {
    const doc = JSON.parse(await signed(a.did, a)) as { proof: Record<string, unknown>[] };
    const proof = [doc.proof].flat()[0]!;
    proof.proofValue = `z${'2'.repeat(1_000_000)}`;
    const report = await verify(JSON.stringify({ ...doc, proof }), {
      entries: [trustEntryFromDidKey(a.did)],
    });
    expect(report.verdict).toBe('invalid');
    expect(message(report, 'proof')).toMatch(
      /proofValue is 1000001 characters, longer than any signature$/u,
    );
  });

  it('a did:key resolves by itself but is not trusted unless listed: CANNOT TELL', async () => {
    const report = await verify(await signed(a.did, a), { entries: [] });
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-key': 'indeterminate' });
    expect(report.verdict).toBe('indeterminate');
  });

  it('a good signature by another key fails issuer-key, naming the other controller', async () => {
    const text = await signed(a.did, b, `${b.did}#${b.multibase}`);
    const report = await verify(text, { entries: [trustEntryFromDidKey(a.did)] });
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-key': 'failed' });
    expect(message(report, 'issuer-key')).toBe(
      `verificationMethod '${b.did}#${b.multibase}' names a key of '${b.did}', not of the issuer '${a.did}'`,
    );
    // Trusting the other key's owner does not make it the issuer's.
    const both = { entries: [trustEntryFromDidKey(a.did), trustEntryFromDidKey(b.did)] };
    expect(failed(await verify(text, both))).toEqual(['issuer-key']);
  });

  it('a changed credential fails the proof check', async () => {
    const credential = JSON.parse(await signed(a.did, a)) as Record<string, unknown>;
    const tampered = JSON.stringify({ ...credential, validFrom: '2025-03-02T09:30:00Z' });
    const report = await verify(tampered, { entries: [trustEntryFromDidKey(a.did)] });
    expect(failed(report)).toEqual(['proof']);
    expect(message(report, 'proof')).toBe(
      `the signature does not verify with '${a.did}#${a.multibase}'`,
    );
  });

  it('a term no context defines fails the proof check (JSON-LD safe mode)', async () => {
    const credential = JSON.parse(await signed(a.did, a)) as Record<string, unknown>;
    const extra = JSON.stringify({ ...credential, favouriteColour: 'teal' });
    const report = await verify(extra, { entries: [trustEntryFromDidKey(a.did)] });
    expect(failed(report)).toContain('proof');
    expect(message(report, 'proof')).toBe(
      "json-ld safe mode: 'favouriteColour' is not defined by any context of the document, so it is not covered by the signature",
    );
  });

  it('an unknown context is indeterminate and named, never fetched', async () => {
    const credential = JSON.parse(await signed(a.did, a)) as Record<string, unknown>;
    const url = 'https://contexts.example/unknown/v1.json';
    const text = JSON.stringify({
      ...credential,
      '@context': [...(credential['@context'] as string[]), url],
    });
    const report = await verify(text, { entries: [trustEntryFromDidKey(a.did)] });
    expect(outcomes(report).proof).toBe('indeterminate');
    expect(message(report, 'proof')).toBe(
      `context '${url}' is not available offline (never fetched); pass --contexts <dir> with a map.json naming a local copy of it`,
    );
    expect(failed(report)).toEqual([]);
    expect(report.verdict).toBe('indeterminate');
  });

  it('an unsupported cryptosuite is named as such', async () => {
    const credential = JSON.parse(await signed(a.did, a)) as { proof: Record<string, unknown>[] };
    const text = JSON.stringify({
      ...credential,
      proof: [{ ...credential.proof[0], cryptosuite: 'made-up-2099' }],
    });
    const report = await verify(text, { entries: [trustEntryFromDidKey(a.did)] });
    expect(outcomes(report).proof).toBe('indeterminate');
    expect(message(report, 'proof')).toBe("cryptosuite 'made-up-2099' is not supported here");
  });

  it('without contexts the embedded proof is indeterminate, not passed', async () => {
    const text = await signed(a.did, a);
    const report = await verifyExtracted({
      extracted: extractBadge(Buffer.from(text)),
      trust: { entries: [trustEntryFromDidKey(a.did)] },
      now: NOW,
    });
    expect(outcomes(report).proof).toBe('indeterminate');
  });

  describe('an https issuer with the 1EdTech "#<multikey>" verification method', () => {
    const issuerId = 'https://example.org/issuers/876543';
    it('gives a key but no trust: CANNOT TELL without a trust entry', async () => {
      const report = await verify(await signed(issuerId, a), { entries: [] });
      expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-key': 'indeterminate' });
      expect(message(report, 'issuer-key')).toBe(
        `issuer '${issuerId}' not trusted here; pass --trust with its did.json, jwks.json or issuer profile`,
      );
    });

    it('is VALID when a trusted JWKS of the issuer lists the key', async () => {
      const jwks = buildJwks(issuerId, [
        { publicJwk: a.publicJwk, kid: `${issuerId}#key-1`, alg: 'EdDSA' },
      ]);
      const trust = { entries: [trustEntryFromJson(jwks, 'jwks.json')] };
      const report = await verify(await signed(issuerId, a), trust);
      expect(outcomes(report)).toEqual(ALL_PASS);
      expect(report.trustedBy).toBe('jwks.json');
    });

    it('is VALID with a trusted issuer profile naming the Multikey under assertionMethod', async () => {
      const profile = {
        id: issuerId,
        type: ['Profile'],
        verificationMethod: [
          {
            id: `${issuerId}#${a.multibase}`,
            type: 'Multikey',
            controller: issuerId,
            publicKeyMultibase: a.multibase,
          },
        ],
        assertionMethod: [`${issuerId}#${a.multibase}`],
      };
      const trust = { entries: [trustEntryFromJson(profile, 'profile.json')] };
      expect((await verify(await signed(issuerId, a), trust)).verdict).toBe('valid');
    });

    it('fails issuer-key when the trusted entry of the issuer lists another key', async () => {
      const jwks = buildJwks(issuerId, [
        { publicJwk: b.publicJwk, kid: `${issuerId}#key-1`, alg: 'EdDSA' },
      ]);
      const trust = { entries: [trustEntryFromJson(jwks, 'jwks.json')] };
      const report = await verify(await signed(issuerId, a), trust);
      expect(failed(report)).toEqual(['issuer-key']);
      expect(message(report, 'issuer-key')).toBe(
        `key '${issuerId}#${a.multibase}' is not one of the keys of '${issuerId}' trusted in 'jwks.json'`,
      );
    });
  });

  it('a did:web issuer: VALID with its DID document, CANNOT TELL without it', async () => {
    const did = 'did:web:badges.example.org';
    const vm = `${did}#key-1`;
    const text = await signed(did, a, vm);
    const doc = buildDidDocument(did, [{ publicJwk: a.publicJwk, kid: vm }]);
    const report = await verify(text, { entries: [trustEntryFromJson(doc, 'did.json')] });
    expect(outcomes(report)).toEqual(ALL_PASS);
    expect(report.trustedBy).toBe('did.json');
    const none = await verify(text, { entries: [] });
    expect(outcomes(none)).toMatchObject({ proof: 'indeterminate', 'issuer-key': 'indeterminate' });
    expect(message(none, 'proof')).toBe(
      `key '${vm}' is not among the trusted keys, so the signature cannot be checked; pass --trust`,
    );
  });

  it('a key the DID document lists but not under assertionMethod is not the issuer’s for credentials', async () => {
    const did = 'did:web:badges.example.org';
    const text = await signed(did, a, `${did}#auth`);
    const doc = {
      id: did,
      verificationMethod: [
        { id: `${did}#auth`, type: 'Multikey', controller: did, publicKeyMultibase: a.multibase },
        { id: `${did}#sign`, type: 'Multikey', controller: did, publicKeyMultibase: b.multibase },
      ],
      authentication: [`${did}#auth`],
      assertionMethod: [`${did}#sign`],
    };
    const report = await verify(text, { entries: [trustEntryFromJson(doc, 'did.json')] });
    expect(report.verdict).not.toBe('valid');
    expect(outcomes(report).proof).toBe('indeterminate');
  });

  it('baked into PNG (iTXt JSON) and SVG (CDATA), the credential still verifies', async () => {
    const text = await signed(a.did, a);
    const trust = { entries: [trustEntryFromDidKey(a.did)] };
    const png = bakeImage(await basePng(), text).bytes;
    const svg = bakeImage(Buffer.from(BASE_SVG), text).bytes;
    expect(Buffer.from(svg).toString('utf8')).toContain('<![CDATA[{');
    for (const image of [png, svg]) {
      const report = await verify(image, trust);
      expect(outcomes(report)).toEqual(ALL_PASS);
    }
  });
});
