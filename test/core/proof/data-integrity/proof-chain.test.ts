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
import {
  chainProblem,
  proofChainOf,
} from '../../../../src/core/proof/data-integrity/proof-chain.js';
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
  const ids = proofChainOf([{ id: FIRST }, { id: 'urn:x:2', previousProof: FIRST }, 'junk', {}]);

  it('collects the string ids of the set, and a whole chain has no loop', () => {
    expect([...ids.ids]).toEqual([FIRST, 'urn:x:2']);
    expect(ids.loops.size).toBe(0);
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

  const loops = (message: string, subject: string) => ({
    code: 'broken-proof-chain',
    message,
    subject,
  });

  it('a 2-cycle fails both proofs, naming the loop from each one', () => {
    const set = [
      { id: 'urn:x:x', previousProof: 'urn:x:y' },
      { id: 'urn:x:y', previousProof: 'urn:x:x' },
    ];
    const chain = proofChainOf(set);
    expect(chainProblem(set[0], 1, chain)).toEqual(
      loops(
        "proof 1: previousProof chain loops ('urn:x:x' -> 'urn:x:y' -> 'urn:x:x') and never reaches a first proof",
        'urn:x:x urn:x:y',
      ),
    );
    expect(chainProblem(set[1], 2, chain)?.subject).toBe('urn:x:x urn:x:y');
  });

  it('a 3-cycle, and a proof leading into it, fail with the loop; a chain beside it passes', () => {
    const set = [
      { id: FIRST },
      { id: 'urn:x:ok', previousProof: FIRST },
      { id: 'urn:x:a', previousProof: 'urn:x:b' },
      { id: 'urn:x:b', previousProof: 'urn:x:c' },
      { id: 'urn:x:c', previousProof: 'urn:x:a' },
      { previousProof: ['urn:x:ok', 'urn:x:c'] },
    ];
    const chain = proofChainOf(set);
    const loop = "('urn:x:a' -> 'urn:x:b' -> 'urn:x:c' -> 'urn:x:a')";
    expect(chainProblem(set[2], 2, chain)).toEqual(
      loops(
        `proof 2: previousProof chain loops ${loop} and never reaches a first proof`,
        'urn:x:a urn:x:b urn:x:c',
      ),
    );
    expect(chainProblem(set[4], 4, chain)?.subject).toBe('urn:x:a urn:x:b urn:x:c');
    expect(chainProblem(set[5], 5, chain)?.message).toBe(
      `proof 5: previousProof chain loops ${loop} and never reaches a first proof`,
    );
    expect(chainProblem(set[1], 1, chain)).toBeUndefined();
  });

  it('a proof naming a self-looped proof fails with that loop', () => {
    const set = [
      { id: 'urn:x:s', previousProof: 'urn:x:s' },
      { id: 'urn:x:t', previousProof: 'urn:x:s' },
    ];
    expect(chainProblem(set[1], 1, proofChainOf(set))?.subject).toBe('urn:x:s');
  });

  it('walks a chain of 100000 links without overflowing the stack', () => {
    const set = Array.from({ length: 100_000 }, (_, at) => ({
      id: `urn:x:${at}`,
      previousProof: `urn:x:${(at + 1) % 100_000}`,
    }));
    const chain = proofChainOf(set);
    expect(chain.loops.get('urn:x:0')?.length).toBe(100_000);
    expect(chainProblem(set[5], 5, chain)?.code).toBe('broken-proof-chain');
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

describe('verifyDataIntegrityProof with proofs whose chain loops', () => {
  const X = 'urn:uuid:7a1c0f3e-0000-4000-8000-0000000000a1';
  const Y = 'urn:uuid:7a1c0f3e-0000-4000-8000-0000000000a2';
  const Z = 'urn:uuid:7a1c0f3e-0000-4000-8000-0000000000a3';
  const garbage = (id: string, previousProof: string) => ({
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    id,
    previousProof,
    verificationMethod,
    proofPurpose: 'assertionMethod',
    proofValue: 'zgarbage',
  });

  it("a valid proof beside a 2-cycle of garbage proofs fails, naming the loop's ids", async () => {
    const first = await proofWith({ id: FIRST });
    const result = await verifyDataIntegrityProof(
      { ...credential, proof: [first, garbage(X, Y), garbage(Y, X)] },
      options,
    );
    expect(result.status).toBe('failed');
    expect(result.reason).toEqual({
      code: 'broken-proof-chain',
      message: `proof 1: previousProof chain loops ('${X}' -> '${Y}' -> '${X}') and never reaches a first proof`,
      subject: `${X} ${Y}`,
    });
    expect(result.proofs.map((proof) => [proof.index, proof.status, proof.reason?.code])).toEqual([
      [0, 'ok', undefined],
      [1, 'failed', 'broken-proof-chain'],
      [2, 'failed', 'broken-proof-chain'],
    ]);
  });

  it('a 2-cycle or a 3-cycle alone fails rather than being indeterminate', async () => {
    const two = await verifyDataIntegrityProof(
      { ...credential, proof: [garbage(X, Y), garbage(Y, X)] },
      options,
    );
    const three = await verifyDataIntegrityProof(
      { ...credential, proof: [garbage(X, Y), garbage(Y, Z), garbage(Z, X)] },
      options,
    );
    expect([two.status, two.reason?.subject]).toEqual(['failed', `${X} ${Y}`]);
    expect([three.status, three.reason?.subject]).toEqual(['failed', `${X} ${Y} ${Z}`]);
  });

  it('the verdict of the badge is not valid, and the proof check says why', async () => {
    const first = await proofWith({ id: FIRST });
    const text = JSON.stringify({ ...credential, proof: [first, garbage(X, Y), garbage(Y, X)] });
    const report = await verifyExtracted({
      extracted: extractBadge(Buffer.from(text, 'utf8')),
      trust: { entries: [trustEntryFromDidKey(did)] },
      now: NOW,
      contexts: resolver,
    });
    const proof = report.checks.find((check) => check.name === 'proof');
    expect([report.verdict, proof?.outcome]).toEqual(['invalid', 'failed']);
    expect(proof?.message).toBe(
      `proof 1: previousProof chain loops ('${X}' -> '${Y}' -> '${X}') and never reaches a first proof; 1 of 3 proofs verified (see notes)`,
    );
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
