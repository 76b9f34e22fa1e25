import { generateKeyPairSync, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createContextResolver } from '../../../../src/adapters/context-loader.js';
import { base58btcEncode } from '../../../../src/core/keys/base58.js';
import { didKeyFromPublicJwk } from '../../../../src/core/keys/did-key.js';
import {
  resolveEmbeddedKey,
  verifyDataIntegrityProof,
} from '../../../../src/core/proof/data-integrity/index.js';
import { canonicalJson } from '../../../../src/core/proof/data-integrity/jcs.js';
import { sha256 } from '../../../../src/core/proof/data-integrity/proof-config.js';
import { hasShared, sharedPath } from '../../../helpers/shared.js';

type Json = Record<string, unknown>;

const vector = async (name: string): Promise<Json> =>
  JSON.parse(await readFile(sharedPath('fixtures', 'real', 'ob3', 'w3c-di', name), 'utf8')) as Json;

// The W3C vectors use the examples/v2 context, which is not bundled: it comes from the shared
// context folder, as a user's --contexts folder would give it.
async function examplesResolver(): Promise<ReturnType<typeof createContextResolver>> {
  const url = 'https://www.w3.org/ns/credentials/examples/v2';
  const file = sharedPath('spec', 'contexts', 'w3c-credentials-examples-v2.jsonld');
  const context = JSON.parse(await readFile(file, 'utf8')) as Json;
  return createContextResolver(new Map([[url, context]]));
}

describe('canonicalJson (RFC 8785)', () => {
  it('sorts members by UTF-16 code units and writes numbers as ECMAScript does', () => {
    // RFC 8785 section 3.2.3: U+FB33 sorts after the surrogate pair of U+1F600 (code units,
    // not code points), and U+20AC before it.
    const members = {
      '\ufb33': 3,
      b: [1e21, 0.000001, -0],
      a: 'é\n',
      '\u20ac': 1,
      '\ud83d\ude00': 2,
    };
    expect(canonicalJson(members)).toBe(
      '{"a":"é\\n","b":[1e+21,0.000001,0],"\u20ac":1,"\ud83d\ude00":2,"\ufb33":3}',
    );
    expect(canonicalJson({ z: undefined, y: null, x: [undefined, true] })).toBe(
      '{"x":[null,true],"y":null}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/u);
  });
});

describe.runIf(hasShared)('proof suites on the W3C test vectors', () => {
  it.each([
    ['eddsa-jcs-2022-signed.json', 'eddsa-jcs-2022'],
    ['ecdsa-rdfc-2019-p256-signed.json', 'ecdsa-rdfc-2019'],
    ['eddsa-rdfc-2022-signed.json', 'eddsa-rdfc-2022'],
  ])('%s verifies (%s)', async (name, suite) => {
    const result = await verifyDataIntegrityProof(await vector(name), {
      resolver: await examplesResolver(),
      resolveVerificationMethod: resolveEmbeddedKey,
    });
    expect([result.status, result.proofs.map((proof) => proof.cryptosuite)]).toEqual([
      'ok',
      [suite],
    ]);
  });

  it.each(['eddsa-jcs-2022-signed.json', 'ecdsa-rdfc-2019-p256-signed.json'])(
    '%s with one changed value fails as a bad signature',
    async (name) => {
      const doc = await vector(name);
      const tampered = { ...doc, name: 'Altered Credential' };
      const result = await verifyDataIntegrityProof(tampered, {
        resolver: await examplesResolver(),
        resolveVerificationMethod: resolveEmbeddedKey,
      });
      expect([result.status, result.reason?.code]).toEqual(['failed', 'bad-signature']);
    },
  );

  it('an ecdsa-rdfc-2019 proof whose method holds an Ed25519 key fails on the key type', async () => {
    const doc = await vector('ecdsa-rdfc-2019-p256-signed.json');
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    const result = await verifyDataIntegrityProof(doc, {
      resolver: await examplesResolver(),
      resolveVerificationMethod: () => ({ publicJwk: ed }),
    });
    expect([result.status, result.reason?.code, result.reason?.message]).toEqual([
      'failed',
      'unsupported-key-type',
      `verification method '${String((doc.proof as Json).verificationMethod)}' is not an p-256 key`,
    ]);
  });
});

describe('proof suites on credentials signed here', () => {
  const credential: Json = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: 'https://issuer.example',
    credentialSubject: { id: 'urn:uuid:1' },
  };

  it('eddsa-jcs-2022: hashData over RFC 8785 JSON, proof hash first', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const did = didKeyFromPublicJwk(publicKey.export({ format: 'jwk' }));
    const options = {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
      proofPurpose: 'assertionMethod',
    };
    const config = { ...options, '@context': credential['@context'] };
    const hashData = Buffer.concat([
      sha256(canonicalJson(config)),
      sha256(canonicalJson(credential)),
    ]);
    const proofValue = `z${base58btcEncode(sign(null, hashData, privateKey))}`;
    const signed = { ...credential, proof: { ...options, proofValue } };
    const verifyOptions = {
      resolver: createContextResolver(),
      resolveVerificationMethod: resolveEmbeddedKey,
    };
    expect((await verifyDataIntegrityProof(signed, verifyOptions)).status).toBe('ok');
    // Reversed hash order is a different message: it must not verify.
    const reversed = Buffer.concat([hashData.subarray(32), hashData.subarray(0, 32)]);
    const wrong = `z${base58btcEncode(sign(null, reversed, privateKey))}`;
    const bad = { ...credential, proof: { ...options, proofValue: wrong } };
    expect((await verifyDataIntegrityProof(bad, verifyOptions)).reason?.code).toBe('bad-signature');
  });

  it('an ecdsa-rdfc-2019 proofValue of the wrong length is malformed', async () => {
    const proof = {
      type: 'DataIntegrityProof',
      cryptosuite: 'ecdsa-rdfc-2019',
      verificationMethod: 'did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP',
      proofPurpose: 'assertionMethod',
      proofValue: `z${base58btcEncode(new Uint8Array(72).fill(1))}`,
    };
    const result = await verifyDataIntegrityProof(
      { ...credential, proof },
      { resolver: createContextResolver(), resolveVerificationMethod: resolveEmbeddedKey },
    );
    expect([result.status, result.reason?.message]).toEqual([
      'failed',
      'proof 0: proofValue holds 72 bytes, not 64',
    ]);
  });
});
