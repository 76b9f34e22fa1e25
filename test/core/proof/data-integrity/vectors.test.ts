import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  createContextResolver,
  loadContextFolder,
} from '../../../../src/adapters/context-loader.js';
import {
  ed25519FromMultikey,
  privateKeyFromSecretMultibase,
} from '../../../../src/core/keys/multikey.js';
import {
  canonicalize,
  hashDataOf,
  proofConfigOf,
  resolveEmbeddedKey,
  signDataIntegrity,
  unsecuredDocument,
  verifyDataIntegrityProof,
} from '../../../../src/core/proof/data-integrity/index.js';
import { hasShared, sharedPath } from '../../../helpers/shared.js';

const text = (...parts: string[]): Promise<string> => readFile(sharedPath(...parts), 'utf8');
const json = async (...parts: string[]): Promise<Record<string, unknown>> =>
  JSON.parse(await text(...parts)) as Record<string, unknown>;

describe.runIf(hasShared)('1EdTech OB 3.0 eddsa-rdfc-2022 test vector', () => {
  const dir = ['spec', 'test-vectors', 'ob3-eddsa-rdfc-2022'];
  const resolver = createContextResolver();

  it('reproduces both canonical forms, both hashes, the signature and the proofValue', async () => {
    const values = await json(...dir, 'key-and-expected-values.json');
    const unsigned = await json(...dir, 'unsigned-credential.json');
    const options = await json(...dir, 'proof-options.json');

    const document = await canonicalize(unsigned, resolver);
    expect(document).toEqual({
      ok: true,
      nquads: await text(...dir, 'document-canonical.nq'),
      droppedTerms: [],
    });
    const parts = await hashDataOf(unsigned, proofConfigOf(options, unsigned), resolver);
    if (!parts.ok) throw new Error(parts.message);
    expect(parts.canonicalProofConfig).toBe(await text(...dir, 'proof-config-canonical.nq'));
    expect(parts.hashData.toString('hex')).toBe(values.hashDataHex_proofHashThenDocHash);
    expect(parts.hashData.subarray(0, 32).toString('hex')).toBe(
      values.proofConfigCanonicalSha256Hex,
    );
    expect(parts.hashData.subarray(32).toString('hex')).toBe(values.documentCanonicalSha256Hex);

    const privateKey = privateKeyFromSecretMultibase(String(values.secretKeyMultibase));
    const signed = await signDataIntegrity(unsigned, {
      privateKey,
      verificationMethod: String(values.verificationMethod),
      created: new Date(String(options.created)),
      resolver,
    });
    const proof = signed.proof[0] as Record<string, unknown>;
    expect(proof.proofValue).toBe(values.proofValue);
    expect(signed).toEqual({ ...unsigned, proof: [{ ...options, proofValue: values.proofValue }] });
    // The published output writes `proof` as an object; we write the array the schema wants.
    const published = await json(...dir, 'signed-credential.json');
    expect([published.proof].flat()).toEqual(signed.proof);
  });

  it('the key pair in the vector is one key', async () => {
    const values = await json(...dir, 'key-and-expected-values.json');
    const raw = ed25519FromMultikey(String(values.publicKeyMultibase));
    expect(Buffer.from(raw!).toString('hex')).toBe(values.publicKeyHex);
    const fromSecret = createPublicKey(
      privateKeyFromSecretMultibase(String(values.secretKeyMultibase)),
    );
    expect(fromSecret.export({ format: 'jwk' }).x).toBe(Buffer.from(raw!).toString('base64url'));
  });

  it('verifies the signed credential of the vector, with the key from its fragment', async () => {
    const signed = await json(...dir, 'signed-credential.json');
    const result = await verifyDataIntegrityProof(signed, {
      resolver,
      resolveVerificationMethod: resolveEmbeddedKey,
    });
    expect(result.status).toBe('ok');
    expect(result.warnings).toEqual([]);
  });
});

describe.runIf(hasShared)('W3C vc-di-eddsa eddsa-rdfc-2022 test vector', () => {
  const dir = ['spec', 'test-vectors', 'w3c-eddsa-rdfc-2022'];

  it('reproduces canonical forms, hashes, signature and proofValue', async () => {
    // The vector uses the VCDM examples context, which no pinned package carries: it comes from
    // the shared context folder, through the same map.json mechanism users get.
    const extra = await loadContextFolder(sharedPath('fixtures', 'real', 'keys', 'contexts'));
    const resolver = createContextResolver(extra);
    const unsigned = await json(...dir, 'unsigned.json');
    const config = await json(...dir, 'proofConfigDataInt.json');
    const keyPair = await json(...dir, 'keyPair.json');

    const parts = await hashDataOf(unsigned, proofConfigOf(config, unsigned), resolver);
    if (!parts.ok) throw new Error(parts.message);
    expect(parts.canonicalDocument).toBe(await text(...dir, 'canonDocDataInt.txt'));
    expect(parts.canonicalProofConfig).toBe(await text(...dir, 'proofCanonDataInt.txt'));
    expect(parts.hashData.subarray(32).toString('hex')).toBe(
      (await text(...dir, 'docHashDataInt.txt')).trim(),
    );
    expect(parts.hashData.subarray(0, 32).toString('hex')).toBe(
      (await text(...dir, 'proofHashDataInt.txt')).trim(),
    );
    expect(parts.hashData.toString('hex')).toBe(
      (await text(...dir, 'combinedHashDataInt.txt')).trim(),
    );

    const privateKey = privateKeyFromSecretMultibase(String(keyPair.privateKeyMultibase));
    const signed = await signDataIntegrity(unsigned, {
      privateKey,
      verificationMethod: String(config.verificationMethod),
      created: new Date(String(config.created)),
      resolver,
    });
    const proof = signed.proof[0] as Record<string, unknown>;
    expect(proof.proofValue).toBe((await text(...dir, 'sigBTC58DataInt.txt')).trim());
    const expected = await json(...dir, 'signedDataInt.json');
    expect(signed.proof).toEqual(Array.isArray(expected.proof) ? expected.proof : [expected.proof]);
    expect(unsecuredDocument(expected)).toEqual(unsigned);

    const result = await verifyDataIntegrityProof(expected, {
      resolver,
      resolveVerificationMethod: resolveEmbeddedKey,
    });
    expect(result.status).toBe('ok');
  });
});
