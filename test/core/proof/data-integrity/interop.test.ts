import { generateKeyPairSync } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createContextResolver,
  loadContextFolder,
} from '../../../../src/adapters/context-loader.js';
import { multibaseFromPublicJwk } from '../../../../src/core/keys/did-key.js';
import {
  resolveEmbeddedKey,
  signDataIntegrity,
  verifyDataIntegrityProof,
  type ContextResolver,
} from '../../../../src/core/proof/data-integrity/index.js';
import { hasShared, sharedPath } from '../../../helpers/shared.js';
import { offlineDocumentLoader } from '../../../helpers/offline-loader.js';

// Interop with digitalbazaar/vc (an independent implementation; DESIGN.md, Tests). Its document
// loader is built from OUR context resolver, plus the DID and Multikey contexts a DID document
// needs (from the shared context folder), plus a did:key resolution written here.
let resolver: ContextResolver;

const documentLoader = offlineDocumentLoader(() => resolver);

function credentialFor(issuer: string): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:0f6f3c3e-8a0c-4bd4-9d4b-1f0e2f3a4b5c',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Interop Academy' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Interop',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://academy.example/achievements/interop',
        type: ['Achievement'],
        name: 'Interop',
        description: 'Verifies elsewhere.',
        criteria: { narrative: 'Sign it here, check it there.' },
      },
    },
  };
}

describe.runIf(hasShared)('interop with @digitalbazaar/vc', () => {
  beforeAll(async () => {
    const extra = await loadContextFolder(sharedPath('fixtures', 'real', 'keys', 'contexts'));
    resolver = createContextResolver(extra);
  });

  it('a credential we sign verifies with vc.verifyCredential', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const multibase = multibaseFromPublicJwk(publicKey.export({ format: 'jwk' }));
    const did = `did:key:${multibase}`;
    const signed = await signDataIntegrity(credentialFor(did), {
      privateKey,
      verificationMethod: `${did}#${multibase}`,
      created: new Date('2024-01-01T00:00:00Z'),
      resolver: createContextResolver(),
    });
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const result = await vc.verifyCredential({ credential: signed, suite, documentLoader });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const tampered = { ...signed, name: 'Interop, tampered' };
    const refused = await vc.verifyCredential({ credential: tampered, suite, documentLoader });
    expect(refused.verified).toBe(false);
  });

  it('a credential vc.issue signs verifies with ours', async () => {
    const keyPair = await Ed25519Multikey.generate();
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    keyPair.controller = did;
    keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
    const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
    const signed = await vc.issue({ credential: credentialFor(did), suite, documentLoader });
    expect(signed.proof.cryptosuite).toBe('eddsa-rdfc-2022');

    const options = {
      resolver: createContextResolver(),
      resolveVerificationMethod: resolveEmbeddedKey,
    };
    expect(await verifyDataIntegrityProof(signed, options)).toMatchObject({
      status: 'ok',
      warnings: [],
    });
    const tampered = { ...signed, validFrom: '2024-01-02T00:00:00Z' };
    const refused = await verifyDataIntegrityProof(tampered, options);
    expect([refused.status, refused.reason?.code]).toEqual(['failed', 'bad-signature']);
  });
});
