// Data Integrity (eddsa-rdfc-2022) sign and verify rates: badgesmith beside @digitalbazaar/vc
// doing the same work (same credential, same contexts, same key type) in the same run.
// Run after `npm run build`: node scripts/bench-di.js [count]
import { generateKeyPairSync } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createContextResolver } from '../dist/adapters/context-loader.js';
import { didKeyFromPublicJwk, multibaseFromPublicJwk } from '../dist/core/keys/did-key.js';
import { buildCredential } from '../dist/core/model/credential.js';
import {
  resolveEmbeddedKey,
  signDataIntegrity,
  verifyDataIntegrityProof,
} from '../dist/core/proof/data-integrity/index.js';

const count = Number(process.argv[2] ?? 200);
const resolver = createContextResolver();

function credentialFor(issuer, n) {
  return buildCredential({
    issuer: { id: issuer, type: ['Profile'], name: 'Bench College' },
    achievement: {
      id: 'https://example.org/achievements/bench',
      type: ['Achievement'],
      name: 'Bench',
      description: 'Signed many times.',
      criteria: { narrative: 'Be signed.' },
    },
    recipient: { email: `learner${n}@example.org` },
    issued: new Date('2025-03-01T09:30:00Z'),
    id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    salt: 'bench',
  });
}

function didKeyDocument(url) {
  const did = url.split('#')[0];
  const multibase = did.slice('did:key:'.length);
  const method = {
    id: `${did}#${multibase}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: multibase,
  };
  if (url.includes('#')) return { '@context': 'https://w3id.org/security/multikey/v1', ...method };
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
  };
}

const documentLoader = async (url) => {
  if (url.startsWith('did:key:'))
    return { contextUrl: null, documentUrl: url, document: didKeyDocument(url) };
  const document = resolver(url);
  if (document === undefined) throw new Error(`not offline: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

async function rate(label, fn) {
  await fn(0);
  const start = process.hrtime.bigint();
  for (let i = 1; i <= count; i += 1) await fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const multibase = multibaseFromPublicJwk(publicKey.export({ format: 'jwk' }));
const did = didKeyFromPublicJwk(publicKey.export({ format: 'jwk' }));
const created = new Date('2025-03-01T09:30:00Z');
const ours = [];
const oursSign = await rate('ours sign', async (n) => {
  ours[n] = await signDataIntegrity(credentialFor(did, n), {
    privateKey,
    verificationMethod: `${did}#${multibase}`,
    created,
    resolver,
  });
});
const oursVerify = await rate('ours verify', async (n) => {
  const result = await verifyDataIntegrityProof(ours[n], {
    resolver,
    resolveVerificationMethod: resolveEmbeddedKey,
  });
  if (result.status !== 'ok') throw new Error(`ours did not verify: ${result.reason?.message}`);
});

const keyPair = await Ed25519Multikey.generate();
const theirDid = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.controller = theirDid;
keyPair.id = `${theirDid}#${keyPair.publicKeyMultibase}`;
const signSuite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
const verifySuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
const theirs = [];
const theirSign = await rate('vc sign', async (n) => {
  theirs[n] = await vc.issue({
    credential: credentialFor(theirDid, n),
    suite: signSuite,
    documentLoader,
  });
});
let theirVerify;
try {
  theirVerify = await rate('vc verify', async (n) => {
    const result = await vc.verifyCredential({
      credential: theirs[n],
      suite: verifySuite,
      documentLoader,
    });
    if (!result.verified) throw new Error(`vc did not verify: ${String(result.error)}`);
  });
} catch (error) {
  console.log(`@digitalbazaar/vc verify could not run offline here: ${error.message}`);
}

const line = (what, mine, other) =>
  `${what.padEnd(8)} badgesmith ${mine.toFixed(0).padStart(5)}/s   @digitalbazaar/vc ${other === undefined ? '    -' : other.toFixed(0).padStart(5)}/s   ratio ${other === undefined ? '-' : (mine / other).toFixed(2)}x`;
console.log(`Data Integrity eddsa-rdfc-2022, ${count} OB 3.0 credentials, one core`);
console.log(line('sign', oursSign, theirSign));
console.log(line('verify', oursVerify, theirVerify));
