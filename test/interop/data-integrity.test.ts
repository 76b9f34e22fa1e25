import { generateKeyPairSync } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContextResolver, loadContextFolder } from '../../src/adapters/context-loader.js';
import { createCredentialSigner } from '../../src/adapters/credential-signer.js';
import { bakeImage, extractBadge } from '../../src/core/bake/index.js';
import { didKeyFromPublicJwk } from '../../src/core/keys/did-key.js';
import { publicJwkOf } from '../../src/core/keys/jwk.js';
import { kidFor, loadSigningKey } from '../../src/core/keys/signing-key.js';
import type { ContextResolver } from '../../src/core/proof/data-integrity/index.js';
import { verifyExtracted } from '../../src/core/verify/index.js';
import { trustEntryFromDidKey } from '../../src/core/verify/trust.js';
import { hasShared, sharedPath } from '../helpers/shared.js';
import {
  BASE_SVG,
  ISSUED,
  NOW,
  basePng,
  credentialFor,
  outcomes,
} from '../core/verify/fixtures.js';
import { offlineDocumentLoader } from '../helpers/offline-loader.js';

// A credential made by the `issue --proof di` signer (createCredentialSigner(key, 'di', …),
// the function issue's workers call) verifies with @digitalbazaar/vc, an independent
// implementation; its document loader uses our pinned contexts plus the shared DID/Multikey
// contexts, and resolves did:key by hand (no network).
let resolver: ContextResolver;

const documentLoader = offlineDocumentLoader(() => resolver);

describe.runIf(hasShared)('interop: issue --proof di output and @digitalbazaar/vc', () => {
  beforeAll(async () => {
    const extra = await loadContextFolder(sharedPath('fixtures', 'real', 'keys', 'contexts'));
    resolver = createContextResolver(extra);
  });

  it('verifies with vc.verifyCredential, and with ours when baked; a change is refused by both', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const privateJwk = privateKey.export({ format: 'jwk' });
    const publicJwk = publicJwkOf(privateJwk);
    const did = didKeyFromPublicJwk(publicJwk);
    const key = loadSigningKey(privateJwk, 'EdDSA', kidFor(did, publicJwk));
    const sign = createCredentialSigner(key, 'di', did);
    const signed = await sign(credentialFor(did), ISSUED);
    expect(signed.extension).toBe('.credential.json');
    const credential = JSON.parse(signed.payload) as Record<string, unknown> & {
      proof: Record<string, unknown>[];
    };
    expect(credential.proof).toHaveLength(1);
    expect(credential.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      created: '2025-03-01T09:30:00Z',
      verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
    });

    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const theirs = await vc.verifyCredential({ credential, suite, documentLoader });
    expect(theirs.error).toBeUndefined();
    expect(theirs.verified).toBe(true);
    const changed = { ...credential, name: 'Changed' };
    expect(
      (await vc.verifyCredential({ credential: changed, suite, documentLoader })).verified,
    ).toBe(false);

    const trust = { entries: [trustEntryFromDidKey(did)] };
    for (const image of [await basePng(), Buffer.from(BASE_SVG)]) {
      const baked = bakeImage(image, signed.payload).bytes;
      const report = await verifyExtracted({
        extracted: extractBadge(baked),
        trust,
        now: NOW,
        contexts: createContextResolver(),
      });
      expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-key': 'passed' });
      expect(report.verdict).toBe('valid');
    }
  });

  it('refuses to make a di signer for a key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const privateJwk = privateKey.export({ format: 'jwk' });
    const key = loadSigningKey(privateJwk, 'ES256', 'https://example.org/issuers/1#k');
    expect(() => createCredentialSigner(key, 'di', 'https://example.org/issuers/1')).toThrow(
      "proof 'di' (eddsa-rdfc-2022) signs with an ed25519 key, and this issuer's key is ES256",
    );
  });
});
