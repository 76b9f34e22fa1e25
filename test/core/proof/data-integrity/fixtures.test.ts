import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import {
  resolveEmbeddedKey,
  verifyDataIntegrityProof,
} from '../../../../src/core/proof/data-integrity/index.js';
import { hasShared, sharedPath } from '../../../helpers/shared.js';

const fixture = async (name: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(sharedPath('spec', 'fixtures', 'ob3', name), 'utf8')) as Record<
    string,
    unknown
  >;

// The key is the multibase fragment of the verificationMethod (1EdTech convention,
// shared/fixtures/real/MANIFEST.md), or the did:key itself.
const options = {
  resolver: createContextResolver(),
  resolveVerificationMethod: resolveEmbeddedKey,
};

describe.runIf(hasShared)('signed 1EdTech fixtures (shared/spec/fixtures/ob3)', () => {
  it.each([
    'simple-eddsa-rdfc-2022.json',
    'simple-did-key-vm.json',
    'simple-context-3.0.2.json',
    'simple-context-alias.json',
    'complete-eddsa-rdfc-2022.json',
    'endorsement-eddsa-rdfc-2022.json',
    'NEG-expired.json',
    'NEG-not-yet-valid.json',
    'bitstring-status-revoked-index23.json',
    'bitstring-status-list-credential.json',
  ])('%s verifies with no warning', async (name) => {
    const result = await verifyDataIntegrityProof(await fixture(name), options);
    expect(result).toMatchObject({ status: 'ok', warnings: [] });
    expect(result.proofs.map((proof) => proof.status)).toEqual(['ok']);
  });

  it('NEG-bad-proof-value fails on the signature', async () => {
    const result = await verifyDataIntegrityProof(
      await fixture('NEG-bad-proof-value.json'),
      options,
    );
    expect(result.status).toBe('failed');
    expect(result.reason?.code).toBe('bad-signature');
  });

  it('the VCDM 1.1 eddsa-2022 fixture verifies, with both leniencies named', async () => {
    const result = await verifyDataIntegrityProof(
      await fixture('simple-vcdm11-eddsa-2022.json'),
      options,
    );
    expect(result.status).toBe('ok');
    expect(result.warnings.map((warning) => warning.code)).toEqual([
      'legacy-cryptosuite',
      'vcdm-1.1',
    ]);
  });

  it('the Ed25519Signature2020 fixture needs the suite context, then verifies', async () => {
    const doc = await fixture('simple-vcdm11-ed25519signature2020.json');
    const suiteContext = 'https://w3id.org/security/suites/ed25519-2020/v1';
    const without = await verifyDataIntegrityProof(doc, options);
    expect(without).toMatchObject({
      status: 'indeterminate',
      reason: { code: 'unknown-context', subject: suiteContext },
    });
    const file = sharedPath('spec', 'contexts', 'w3id-security-suites-ed25519-2020-v1.jsonld');
    const context = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const result = await verifyDataIntegrityProof(doc, {
      ...options,
      resolver: createContextResolver(new Map([[suiteContext, context]])),
    });
    expect(result.status).toBe('ok');
    expect(result.proofs.map((proof) => [proof.type, proof.cryptosuite])).toEqual([
      ['Ed25519Signature2020', undefined],
    ]);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['vcdm-1.1']);
  });

  it('NEG-no-proof fails as missing a proof', async () => {
    const result = await verifyDataIntegrityProof(await fixture('NEG-no-proof.json'), options);
    expect(result).toEqual({
      status: 'failed',
      reason: { code: 'missing-proof', message: 'the credential has no proof' },
      warnings: [],
      proofs: [],
    });
  });
});
