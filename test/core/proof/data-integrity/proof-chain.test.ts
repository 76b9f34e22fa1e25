import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import { base58btcEncode } from '../../../../src/core/keys/base58.js';
import { didKeyFromPublicJwk, multibaseFromPublicJwk } from '../../../../src/core/keys/did-key.js';
import {
  hashDataOf,
  proofConfigOf,
  resolveEmbeddedKey,
  verifyDataIntegrityProof,
} from '../../../../src/core/proof/data-integrity/index.js';
import { chainProblem, proofIdsOf } from '../../../../src/core/proof/data-integrity/proof-chain.js';
import { extractBadge } from '../../../../src/core/bake/index.js';
import { verifyExtracted } from '../../../../src/core/verify/index.js';
import { trustEntryFromDidKey } from '../../../../src/core/verify/trust.js';
import { NOW, credentialFor } from '../../verify/fixtures.js';

const resolver = createContextResolver();
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicJwk = publicKey.export({ format: 'jwk' });
const did = didKeyFromPublicJwk(publicJwk);
const verificationMethod = `${did}#${multibaseFromPublicJwk(publicJwk)}`;
const credential = credentialFor(did) as Record<string, unknown>;
const options = { resolver, resolveVerificationMethod: resolveEmbeddedKey };

/** A real eddsa-rdfc-2022 proof over `credential`, with the given extra proof members signed. */
async function proofWith(extra: Record<string, unknown>): Promise<Record<string, unknown>> {
  const proofOptions = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: '2025-03-01T09:30:00Z',
    verificationMethod,
    proofPurpose: 'assertionMethod',
    ...extra,
  };
  const parts = await hashDataOf(credential, proofConfigOf(proofOptions, credential), resolver);
  if (!parts.ok) throw new Error(parts.message);
  return {
    ...proofOptions,
    proofValue: `z${base58btcEncode(sign(null, parts.hashData, privateKey))}`,
  };
}

const FIRST = 'urn:uuid:7a1c0f3e-0000-4000-8000-000000000001';
const GONE = 'urn:uuid:7a1c0f3e-0000-4000-8000-0000000000ff';

describe('chainProblem', () => {
  const ids = proofIdsOf([{ id: FIRST }, { id: 'urn:x:2', previousProof: FIRST }, 'junk', {}]);

  it('collects the string ids of the set', () => {
    expect([...ids]).toEqual([FIRST, 'urn:x:2']);
  });

  it('passes no previousProof, and one naming other proofs of the set', () => {
    expect(chainProblem({ id: 'urn:x:2' }, 1, ids)).toBeUndefined();
    expect(chainProblem({ id: 'urn:x:2', previousProof: FIRST }, 1, ids)).toBeUndefined();
    expect(chainProblem({ previousProof: [FIRST, 'urn:x:2'] }, 2, ids)).toBeUndefined();
  });

  it('names the first id the set lacks, alone or in a list', () => {
    const broken = {
      code: 'broken-proof-chain',
      message: `proof 1: previousProof '${GONE}' names no other proof in this credential's proof set`,
      subject: GONE,
    };
    expect(chainProblem({ previousProof: GONE }, 1, ids)).toEqual(broken);
    expect(chainProblem({ previousProof: [FIRST, GONE] }, 1, ids)).toEqual(broken);
  });

  it('a proof naming itself is no chain', () => {
    expect(chainProblem({ id: 'urn:x:2', previousProof: 'urn:x:2' }, 1, ids)?.subject).toBe(
      'urn:x:2',
    );
  });

  it('a previousProof that is not ids is malformed', () => {
    expect(chainProblem({ previousProof: { id: FIRST } }, 0, ids)).toEqual({
      code: 'malformed-proof',
      message: 'proof 0: previousProof is not a proof id or a list of proof ids',
    });
  });
});

describe('verifyDataIntegrityProof with a chained proof', () => {
  it('a previousProof naming a proof the set lacks fails the credential, naming the id', async () => {
    const first = await proofWith({ id: FIRST });
    const chained = await proofWith({ previousProof: GONE });
    const result = await verifyDataIntegrityProof(
      { ...credential, proof: [first, chained] },
      options,
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toEqual({
      code: 'broken-proof-chain',
      message: `proof 1: previousProof '${GONE}' names no other proof in this credential's proof set`,
      subject: GONE,
    });
    expect(result.proofs.map((proof) => [proof.index, proof.status])).toEqual([
      [0, 'ok'],
      [1, 'failed'],
    ]);
    expect(result.proofs[1]).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022', verificationMethod });
  });

  it('fails the same for a proof of a type not supported here', async () => {
    const first = await proofWith({ id: FIRST });
    const other = { type: 'SomeProofType', previousProof: GONE };
    const result = await verifyDataIntegrityProof(
      { ...credential, proof: [first, other] },
      options,
    );
    expect([result.status, result.reason?.code, result.reason?.subject]).toEqual([
      'failed',
      'broken-proof-chain',
      GONE,
    ]);
  });

  it('a lone proof whose previousProof names nothing fails', async () => {
    const result = await verifyDataIntegrityProof(
      { ...credential, proof: await proofWith({ previousProof: GONE }) },
      options,
    );
    expect([result.status, result.reason?.code]).toEqual(['failed', 'broken-proof-chain']);
  });

  it('a whole chain keeps verifying: the first proof ok, the chained one named as not checked', async () => {
    const first = await proofWith({ id: FIRST });
    const chained = await proofWith({ id: 'urn:x:2', previousProof: FIRST });
    const result = await verifyDataIntegrityProof(
      { ...credential, proof: [first, chained] },
      options,
    );
    expect(result.status).toBe('ok');
    expect(result.warnings).toEqual([
      {
        code: 'proof-not-checked',
        message: 'proof 1 was not checked: proof 1 is part of a proof chain',
        subject: 'previousProof',
      },
    ]);
  });
});

describe('verify: the proof check of a badge with a broken previousProof', () => {
  it('FAILED with the missing id in its message; the verdict is not valid', async () => {
    const first = await proofWith({ id: FIRST });
    const chained = await proofWith({ previousProof: GONE });
    const text = JSON.stringify({ ...credential, proof: [first, chained] });
    const report = await verifyExtracted({
      extracted: extractBadge(Buffer.from(text, 'utf8')),
      trust: { entries: [trustEntryFromDidKey(did)] },
      now: NOW,
      contexts: resolver,
    });
    const proof = report.checks.find((check) => check.name === 'proof');
    expect(report.verdict).toBe('invalid');
    expect(proof?.outcome).toBe('failed');
    expect(proof?.message).toBe(
      `proof 1: previousProof '${GONE}' names no other proof in this credential's proof set; 1 of 2 proofs verified (see notes)`,
    );
  });
});
