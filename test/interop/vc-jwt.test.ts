import { generateKeyPairSync } from 'node:crypto';
import { EdDSASigner, ES256Signer } from 'did-jwt';
import { createVerifiableCredentialJwt, verifyCredential } from 'did-jwt-vc';
import { Resolver } from 'did-resolver';
import { getResolver } from 'key-did-resolver';
import { describe, expect, it } from 'vitest';
import { extractBadge } from '../../src/core/bake/index.js';
import { didKeyFromPublicJwk, multibaseFromPublicJwk } from '../../src/core/keys/did-key.js';
import type { SigningAlg } from '../../src/core/keys/generate.js';
import { kidFor, loadSigningKey } from '../../src/core/keys/signing-key.js';
import { signCredentialJwt } from '../../src/core/proof/jwt.js';
import { verifyExtracted } from '../../src/core/verify/index.js';
import { trustEntryFromDidKey } from '../../src/core/verify/trust.js';
import { credentialFor, outcomes } from '../core/verify/fixtures.js';

// Interop with did-jwt-vc 4 (an independent VC-JWT implementation), resolving did:key through
// key-did-resolver (Ed25519 and P-256). What did-jwt-vc checks, read from its source:
// did-jwt verifyJWT (signature against the issuer DID's keys, nbf/exp/iat against the clock),
// then, unless `policies.format` is false, the VCDM 1.1 shape: '@context' must contain
// 'https://www.w3.org/2018/credentials/v1' and 'type' 'VerifiableCredential'. OB 3.0's final
// VC-JWT (VCDM 2.0, the credential as the payload) fails that shape check by design, so our
// tokens are checked with `format: false`; the signature and time checks still run.
const resolver = new Resolver(getResolver());
const NOW = new Date('2025-06-01T12:00:00Z');

function issuerOf(alg: Extract<SigningAlg, 'EdDSA' | 'ES256'>) {
  const pair =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateJwk = pair.privateKey.export({ format: 'jwk' });
  const publicJwk = pair.publicKey.export({ format: 'jwk' });
  const did = didKeyFromPublicJwk(publicJwk);
  return {
    did,
    privateJwk,
    publicJwk,
    key: loadSigningKey(privateJwk, alg, kidFor(did, publicJwk)),
  };
}

describe('interop: our VC-JWTs verify with did-jwt-vc', () => {
  it.each(['EdDSA', 'ES256'] as const)('%s, did:key issuer', async (alg) => {
    const issuer = issuerOf(alg);
    const jwt = await signCredentialJwt(credentialFor(issuer.did), issuer.key);
    const verified = await verifyCredential(jwt, resolver, {
      policies: { format: false, now: Math.floor(NOW.getTime() / 1000) },
    });
    expect(verified.issuer).toBe(issuer.did);
    expect(verified.signer.controller).toBe(issuer.did);

    // The VCDM 1.1 shape check is what refuses a VCDM 2.0 token, not the signature.
    await expect(
      verifyCredential(jwt, resolver, { policies: { now: Math.floor(NOW.getTime() / 1000) } }),
    ).rejects.toThrow('@context is missing default context');

    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const changed = Buffer.from(JSON.stringify({ ...payload, name: 'Changed' })).toString(
      'base64url',
    );
    await expect(
      verifyCredential(`${h}.${changed}.${s}`, resolver, { policies: { format: false } }),
    ).rejects.toThrow(/invalid_signature/u);
  });
});

describe('interop: did-jwt-vc tokens verify with ours', () => {
  it.each(['EdDSA', 'ES256'] as const)('%s, vc-claim form, did:key issuer', async (alg) => {
    const issuer = issuerOf(alg);
    const secret = Buffer.from(issuer.privateJwk.d!, 'base64url');
    const signer = alg === 'EdDSA' ? EdDSASigner(secret) : ES256Signer(secret);
    const credential = credentialFor(issuer.did);
    // did-jwt-vc writes the VCDM 1.1 form: the credential in a `vc` claim, on the 1.1 context.
    const vc = {
      ...credential,
      '@context': ['https://www.w3.org/2018/credentials/v1', ...credential['@context'].slice(1)],
    };
    const kid = `${issuer.did}#${multibaseFromPublicJwk(issuer.publicJwk)}`;
    const jwt = await createVerifiableCredentialJwt(
      { nbf: Math.floor(Date.parse(credential.validFrom) / 1000), vc },
      { did: issuer.did, signer, alg },
      { header: { kid } },
    );
    const report = await verifyExtracted({
      extracted: extractBadge(Buffer.from(jwt)),
      trust: { entries: [trustEntryFromDidKey(issuer.did)] },
      now: NOW,
    });
    expect(outcomes(report)).toMatchObject({ proof: 'passed', 'issuer-key': 'passed' });
    expect(report.warnings).toContain(
      'the token carries the credential in a "vc" claim (the VCDM 1.1-era form)',
    );

    const untrusted = await verifyExtracted({
      extracted: extractBadge(Buffer.from(jwt)),
      trust: { entries: [] },
      now: NOW,
    });
    expect(outcomes(untrusted)['issuer-key']).toBe('indeterminate');
  });
});
