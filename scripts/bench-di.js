// Data Integrity (eddsa-rdfc-2022) sign and verify rates: badgesmith beside @digitalbazaar/vc
// doing the same work (same credentials, same contexts, same key type) in the same run.
// Run after `npm run build`: node scripts/bench-di.js [count] [rounds]
// Each side first warms up, then the rounds interleave ours and theirs (who goes first
// alternates), each round timing `count` signatures and `count` verifications per side; the
// rates (per CPU second) and the ratio printed are medians over the rounds, so one noisy round
// cannot decide.
// BENCH_DI_THEIR_STATIC=1 tags contexts `static` for @digitalbazaar/vc, so jsonld keeps them in
// its process-wide cache: their best case (vc's own offline loader does not tag them).
// BENCH_DI_CREATED=each: see `createdNext` below.
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
const rounds = Number(process.argv[3] ?? 5);
const warmUp = Math.max(20, Math.ceil(count / 4));
const theirStatic = process.env.BENCH_DI_THEIR_STATIC === '1';
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
  return {
    contextUrl: null,
    documentUrl: url,
    document,
    ...(theirStatic ? { tag: 'static' } : {}),
  };
};

// CPU seconds (user + system, all of this process's threads) for fn(0) ... fn(n - 1), awaited
// one after another: unlike wall time, it hardly grows when other programs share the cores.
async function seconds(n, fn) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i += 1) await fn(i);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const ourDid = didKeyFromPublicJwk(publicKey.export({ format: 'jwk' }));
const ourMethod = `${ourDid}#${multibaseFromPublicJwk(publicKey.export({ format: 'jwk' }))}`;
// One `created` for the run, as `issue` signs (the run's issued time); BENCH_DI_CREATED=each
// gives every proof its own second, so no proof configuration ever repeats.
const createdEach = process.env.BENCH_DI_CREATED === 'each';
let signedSoFar = 0;
const createdNext = () =>
  new Date(Date.UTC(2025, 2, 1, 9, 30) + (createdEach ? (signedSoFar += 1) * 1000 : 0));

const keyPair = await Ed25519Multikey.generate();
const theirDid = `did:key:${keyPair.publicKeyMultibase}`;
keyPair.controller = theirDid;
keyPair.id = `${theirDid}#${keyPair.publicKeyMultibase}`;
const signSuite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
const verifySuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

// One side. Each sign(n) times n credentials built just before, untimed (building is not
// signing) and fresh: vc.issue adds its proof to the credential it is given, so a reused one
// would carry more proofs every round.
function side(did, signOne, verifyOne) {
  let signed = [];
  return {
    sign: (n) => {
      const unsigned = Array.from({ length: n }, (_, i) => credentialFor(did, i));
      signed = [];
      return seconds(n, async (i) => (signed[i] = await signOne(unsigned[i])));
    },
    verify: (n) => seconds(n, (i) => verifyOne(signed[i])),
  };
}

const ours = side(
  ourDid,
  (credential) =>
    signDataIntegrity(credential, {
      privateKey,
      verificationMethod: ourMethod,
      created: createdNext(),
      resolver,
    }),
  async (credential) => {
    const result = await verifyDataIntegrityProof(credential, {
      resolver,
      resolveVerificationMethod: resolveEmbeddedKey,
    });
    if (result.status !== 'ok') throw new Error(`ours did not verify: ${result.reason?.message}`);
  },
);
const theirs = side(
  theirDid,
  (credential) => vc.issue({ credential, suite: signSuite, documentLoader }),
  async (credential) => {
    const result = await vc.verifyCredential({ credential, suite: verifySuite, documentLoader });
    if (!result.verified) throw new Error(`vc did not verify: ${String(result.error)}`);
  },
);

for (const { sign, verify } of [ours, theirs]) {
  await sign(warmUp);
  await verify(warmUp);
}

const rates = { sign: { ours: [], theirs: [] }, verify: { ours: [], theirs: [] } };
for (let round = 0; round < rounds; round += 1) {
  const order = round % 2 === 0 ? ['ours', 'theirs'] : ['theirs', 'ours'];
  const sides = { ours, theirs };
  for (const what of ['sign', 'verify']) {
    for (const who of order) rates[what][who].push(count / (await sides[who][what](count)));
  }
}

function line(what) {
  const { ours: mine, theirs: other } = rates[what];
  const ratios = mine.map((rate, i) => rate / other[i]);
  const cell = (rate) => median(rate).toFixed(0).padStart(5);
  const spread = `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x`;
  return {
    text: `${what.padEnd(8)} badgesmith ${cell(mine)}/s   @digitalbazaar/vc ${cell(other)}/s   ratio ${median(ratios).toFixed(2)}x`,
    spread: `${what} ${spread}`,
  };
}

const sign = line('sign');
const verify = line('verify');
console.log(
  `Data Integrity eddsa-rdfc-2022, ${count} OB 3.0 credentials, one core, per CPU second, median of ${rounds} interleaved rounds after ${warmUp} warm-up${theirStatic ? ', their contexts tagged static' : ''}${createdEach ? ', a new created per proof' : ''}`,
);
console.log(sign.text);
console.log(verify.text);
console.log(`ratio range over the rounds: ${sign.spread}, ${verify.spread}`);
