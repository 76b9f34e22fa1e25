import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import { base58btcEncode } from '../../../../src/core/keys/base58.js';
import { multibaseFromPublicJwk } from '../../../../src/core/keys/did-key.js';
import {
  hashDataOf,
  proofConfigOf,
  resolveEmbeddedKey,
  signDataIntegrity,
  verifyDataIntegrityProof,
  type DataIntegrityResult,
} from '../../../../src/core/proof/data-integrity/index.js';
import { isBadgesmithError } from '../../../../src/core/errors.js';

const resolver = createContextResolver();
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicJwk = publicKey.export({ format: 'jwk' });
const issuerId = 'https://issuer.example/profile';
const verificationMethod = `${issuerId}#${multibaseFromPublicJwk(publicJwk)}`;
const created = new Date('2024-05-01T12:00:00.250Z');
const verifyOptions = { resolver, resolveVerificationMethod: resolveEmbeddedKey };

const credential = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:9d1b1d2e-4a34-4c8c-a2de-6d1e1f1ab001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuerId, type: ['Profile'], name: 'Example Guild' },
  validFrom: '2024-05-01T00:00:00Z',
  name: 'Knots',
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://issuer.example/achievements/knots',
      type: ['Achievement'],
      name: 'Knots',
      description: 'Ties six knots.',
      criteria: { narrative: 'Tie them.' },
    },
  },
};

async function signed(): Promise<Record<string, unknown> & { proof: unknown[] }> {
  return signDataIntegrity(credential, { privateKey, verificationMethod, created, resolver });
}

function withProof(doc: Record<string, unknown>, change: Record<string, unknown>): unknown {
  const [proof] = doc.proof as Record<string, unknown>[];
  return { ...doc, proof: [{ ...proof, ...change }] };
}

function codes(result: DataIntegrityResult): [string, string | undefined, string | undefined] {
  return [result.status, result.reason?.code, result.reason?.subject];
}

describe('signDataIntegrity', () => {
  it('writes a one-entry proof array with the OB 3.0 proof fields, created to the second', async () => {
    const doc = await signed();
    expect(doc.proof).toEqual([
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        created: '2024-05-01T12:00:00Z',
        verificationMethod,
        proofPurpose: 'assertionMethod',
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{86,88}$/u),
      },
    ]);
    expect(await verifyDataIntegrityProof(doc, verifyOptions)).toEqual({
      status: 'ok',
      warnings: [],
      proofs: [
        {
          index: 0,
          status: 'ok',
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          verificationMethod,
          warnings: [],
        },
      ],
    });
  });

  it('appends to an existing proof, and both verify over the credential without proofs', async () => {
    const once = await signed();
    const twice = await signDataIntegrity(once, {
      privateKey,
      verificationMethod,
      created: new Date('2024-06-01T00:00:00Z'),
      resolver,
    });
    expect(twice.proof).toHaveLength(2);
    expect(twice.proof[0]).toEqual(once.proof[0]);
    const result = await verifyDataIntegrityProof(twice, verifyOptions);
    expect(result.proofs.map((proof) => proof.status)).toEqual(['ok', 'ok']);
  });

  it('refuses an undefined term, an unknown context and a non-Ed25519 key', async () => {
    const cases: [unknown, string, string][] = [
      [{ ...credential, shoeSize: 42 }, privateKey as never, 'ERR_JSONLD_UNDEFINED_TERM'],
      [
        { ...credential, '@context': [...credential['@context'], 'https://ctx.example/v9'] },
        privateKey as never,
        'ERR_JSONLD_UNKNOWN_CONTEXT',
      ],
      [
        credential,
        generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey as never,
        'ERR_KEY_UNSUPPORTED',
      ],
    ];
    for (const [doc, key, code] of cases) {
      const error: unknown = await signDataIntegrity(doc as object, {
        privateKey: key as never,
        verificationMethod,
        created,
        resolver,
      }).catch((caught: unknown) => caught);
      expect(isBadgesmithError(error) && error.code).toBe(code);
    }
  });
});

describe('verifyDataIntegrityProof', () => {
  it('fails when a signed value changes', async () => {
    const doc = await signed();
    const changed = { ...doc, name: 'Knots, advanced' };
    expect(codes(await verifyDataIntegrityProof(changed, verifyOptions))).toEqual([
      'failed',
      'bad-signature',
      verificationMethod,
    ]);
  });

  it('fails when a proof option changes (the proof config is signed too)', async () => {
    const doc = withProof(await signed(), { created: '2024-05-01T12:00:01Z' });
    expect(codes(await verifyDataIntegrityProof(doc, verifyOptions))[1]).toBe('bad-signature');
  });

  it('is indeterminate on an unknown context, naming the URL', async () => {
    const doc = await signed();
    const url = 'https://ctx.example/unknown/v1';
    const unknown = { ...doc, '@context': [...credential['@context'], url] };
    expect(codes(await verifyDataIntegrityProof(unknown, verifyOptions))).toEqual([
      'indeterminate',
      'unknown-context',
      url,
    ]);
  });

  it('fails on a term no context defines (safe mode), naming the term', async () => {
    const doc = { ...(await signed()), favouriteColour: 'teal' };
    expect(codes(await verifyDataIntegrityProof(doc, verifyOptions))).toEqual([
      'failed',
      'undefined-term',
      'favouriteColour',
    ]);
  });

  it('reads a VCDM 1.1 credential signed with a dropped term, naming the term', async () => {
    // Legacy processors signed without safe mode (OB 3.0 notes section 4.3, "Safe mode").
    const legacy = {
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
        'https://w3id.org/security/data-integrity/v1',
      ],
      id: 'urn:uuid:2',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuerId, type: ['Profile'], name: 'Old Guild' },
      issuanceDate: '2022-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner', type: ['AchievementSubject'] },
      legacyNote: 'not in any context',
    };
    const options = { ...(await signed()).proof[0]! } as Record<string, unknown>;
    delete options.proofValue;
    const config = proofConfigOf(options, legacy);
    const parts = await hashDataOf(legacy, config, resolver, { safe: false });
    if (!parts.ok) throw new Error(parts.message);
    const proofValue = `z${base58btcEncode(sign(null, parts.hashData, privateKey))}`;
    const result = await verifyDataIntegrityProof(
      { ...legacy, proof: { ...options, proofValue } },
      verifyOptions,
    );
    expect(result.status).toBe('ok');
    expect(result.warnings.map((warning) => [warning.code, warning.subject])).toEqual([
      ['vcdm-1.1', undefined],
      ['undefined-terms-dropped', 'legacyNote'],
    ]);
    // The same in a VCDM 2.0 credential stays a failure.
    const modern = { ...(await signed()), legacyNote: 'x' };
    expect(codes(await verifyDataIntegrityProof(modern, verifyOptions))[1]).toBe('undefined-term');
  });

  it('reads eddsa-2022 as the same algorithm, with a warning', async () => {
    // The suite name is inside the signed proof config, so the legacy proof is signed for real.
    const options = { ...(await signed()).proof[0]!, cryptosuite: 'eddsa-2022' } as Record<
      string,
      unknown
    >;
    delete options.proofValue;
    const parts = await hashDataOf(credential, proofConfigOf(options, credential), resolver);
    if (!parts.ok) throw new Error(parts.message);
    const proofValue = `z${base58btcEncode(sign(null, parts.hashData, privateKey))}`;
    const legacy = { ...credential, proof: { ...options, proofValue } };
    const result = await verifyDataIntegrityProof(legacy, verifyOptions);
    expect(result.status).toBe('ok');
    expect(result.warnings.map((warning) => warning.code)).toEqual(['legacy-cryptosuite']);
  });

  it.each([
    [
      { type: 'RsaSignature2018', cryptosuite: undefined },
      'unsupported-proof-type',
      'RsaSignature2018',
    ],
    [{ cryptosuite: 'ecdsa-sd-2023' }, 'unsupported-cryptosuite', 'ecdsa-sd-2023'],
    [{ cryptosuite: 'bbs-2023' }, 'unsupported-cryptosuite', 'bbs-2023'],
  ])('names %j as not supported (indeterminate, never passed)', async (change, code, subject) => {
    const doc = withProof(await signed(), change);
    expect(codes(await verifyDataIntegrityProof(doc, verifyOptions))).toEqual([
      'indeterminate',
      code,
      subject,
    ]);
  });

  it.each([
    [{ proofValue: 'u' + Buffer.alloc(64).toString('base64url') }, 'malformed-proof-value'],
    [{ proofValue: 'z0OIl' }, 'malformed-proof-value'],
    [{ proofValue: `z${base58btcEncode(new Uint8Array(63).fill(7))}` }, 'malformed-proof-value'],
    [{ proofValue: undefined }, 'malformed-proof-value'],
    [{ proofPurpose: 'authentication' }, 'wrong-proof-purpose'],
    [{ created: 'yesterday' }, 'invalid-created'],
    [{ verificationMethod: undefined }, 'malformed-proof'],
    [{ cryptosuite: undefined }, 'malformed-proof'],
    [{ previousProof: 'urn:uuid:1' }, 'broken-proof-chain'],
  ])('fails a proof with %j', async (change, code) => {
    const doc = withProof(await signed(), change);
    const result = await verifyDataIntegrityProof(doc, verifyOptions);
    expect([result.status, result.reason?.code]).toEqual(['failed', code]);
  });

  it('is indeterminate when the key is unknown, and fails with a key of another type', async () => {
    const doc = await signed();
    const unknown = await verifyDataIntegrityProof(doc, {
      resolver,
      resolveVerificationMethod: () => undefined,
    });
    expect(codes(unknown)).toEqual([
      'indeterminate',
      'unknown-verification-method',
      verificationMethod,
    ]);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      format: 'jwk',
    });
    const wrong = await verifyDataIntegrityProof(doc, {
      resolver,
      resolveVerificationMethod: () => Promise.resolve({ publicJwk: p256 }),
    });
    expect(codes(wrong)[1]).toBe('unsupported-key-type');
  });

  it('with several proofs: ok with a warning per unchecked one, failed if any fails', async () => {
    const doc = await signed();
    const [good] = doc.proof as Record<string, unknown>[];
    const unsupported = { ...good, type: 'SomeProofType' };
    const mixed = await verifyDataIntegrityProof(
      { ...doc, proof: [good, unsupported] },
      verifyOptions,
    );
    expect(mixed.status).toBe('ok');
    expect(mixed.warnings).toEqual([
      {
        code: 'proof-not-checked',
        message: "proof 1 was not checked: proof type 'SomeProofType' is not supported here",
        subject: 'SomeProofType',
      },
    ]);
    const bad = { ...good, proofPurpose: 'authentication' };
    const withBad = await verifyDataIntegrityProof({ ...doc, proof: [good, bad] }, verifyOptions);
    expect(codes(withBad)).toEqual(['failed', 'wrong-proof-purpose', 'authentication']);
  });

  it('accepts an object-valued proof (JSON-LD compaction) the same as an array', async () => {
    const doc = await signed();
    const result = await verifyDataIntegrityProof({ ...doc, proof: doc.proof[0] }, verifyOptions);
    expect(result.status).toBe('ok');
  });
});
