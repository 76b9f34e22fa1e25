import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contextSetupFor } from '../../../src/adapters/context-loader.js';
import { didKeyFromPublicJwk } from '../../../src/core/keys/did-key.js';
import { publicJwkFromMultikey } from '../../../src/core/keys/multikey.js';
import { signDataIntegrity } from '../../../src/core/proof/data-integrity/index.js';
import { checkStatus, type StatusCheckInput } from '../../../src/core/verify/check-status.js';
import type { DecodedCredential } from '../../../src/core/verify/format.js';
import { trustEntryFromDidKey } from '../../../src/core/verify/trust.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';

type Json = Record<string, unknown>;

const NOW = new Date('2026-12-04T00:00:00Z');
const real = (...parts: string[]): string => sharedPath('fixtures', 'real', ...parts);
const readJson = async (path: string): Promise<Json> =>
  JSON.parse(await readFile(path, 'utf8')) as Json;
const decodedOf = (credential: Json): DecodedCredential => ({
  proofFormat: 'embedded',
  kind: 'ob3',
  model: 'vcdm2',
  credential,
});

const VCTF =
  'https://digitalcredentials.github.io/vc-test-fixtures/statusLists/didkey-ed25519Signature2020';
const VCTF_SIGNER = 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';

async function baseInput(lists: [string, string][]): Promise<StatusCheckInput> {
  const { resolver } = await contextSetupFor(real('keys', 'contexts'));
  const statusLists = new Map<string, unknown>();
  for (const [url, file] of lists) {
    statusLists.set(url, await readJson(real('keys', 'status-lists', file)));
  }
  return { statusLists, trust: { entries: [] }, contexts: resolver, now: NOW, leewaySeconds: 60 };
}

function entry(url: string, index: number | string, purpose = 'revocation'): Json {
  const type = 'BitstringStatusListEntry';
  return {
    id: `${url}#${index}`,
    type,
    statusPurpose: purpose,
    statusListIndex: index,
    statusListCredential: url,
  };
}

describe.runIf(hasShared)('checkStatus with the shared status lists', () => {
  const revoked1edtech = real('ob3', '1edtech-bit-string-list-credential-status-revoked.json');
  const url1edtech =
    'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';

  it('1EdTech index 23: revoked when the list is the issuer’s, signed by the credential’s key', async () => {
    const credential = await readJson(revoked1edtech);
    const input = await baseInput([[url1edtech, '1edtech-testlist.json']]);
    const credentialKey = publicJwkFromMultikey(
      'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
    )!;
    expect(await checkStatus(decodedOf(credential), { ...input, credentialKey })).toEqual({
      name: 'status',
      outcome: 'failed',
      message: `revoked: index 23 of '${url1edtech}' is set`,
    });
    // Without the credential's verified key the 1EdTech key-in-fragment form proves nothing.
    const unproven = await checkStatus(decodedOf(credential), input);
    expect([unproven.outcome, unproven.message]).toEqual([
      'indeterminate',
      `status list '${url1edtech}' is signed by a key not shown to be the issuer's; pass --trust for 'https://1edtech.edu/issuers/565049'`,
    ]);
  });

  it.each([
    [7, 'passed', `not revoked: index 7 of '${VCTF}/list' is clear`],
    [8, 'failed', `revoked: index 8 of '${VCTF}/list' is set`],
    [131072, 'indeterminate', `index 131072 is past the end of status list '${VCTF}/list'`],
  ])('vctf list, index %s: %s when its issuer is trusted', async (index, outcome, message) => {
    const input = await baseInput([[`${VCTF}/list`, 'vctf-e5WK8CbZ1GjycuPombrj.json']]);
    const trust = { entries: [trustEntryFromDidKey(VCTF_SIGNER)] };
    const credential = {
      issuer: 'did:key:z6Mkother',
      credentialStatus: entry(`${VCTF}/list`, String(index)),
    };
    expect(await checkStatus(decodedOf(credential), { ...input, trust })).toEqual({
      name: 'status',
      outcome,
      message,
    });
  });

  it('a list of another, untrusted issuer is indeterminate, whatever its bits say', async () => {
    const input = await baseInput([[`${VCTF}/list`, 'vctf-e5WK8CbZ1GjycuPombrj.json']]);
    const credential = { issuer: 'did:key:z6Mkother', credentialStatus: entry(`${VCTF}/list`, 8) };
    const check = await checkStatus(decodedOf(credential), input);
    expect([check.outcome, check.message]).toEqual([
      'indeterminate',
      `status list '${VCTF}/list' is issued by '${VCTF_SIGNER}', not by the credential's issuer, and that issuer is not trusted; pass --trust for it`,
    ]);
  });

  it.each([
    ['vctf-expired.json', 'expired at 2021-01-09T15:20:02.183Z'],
    ['vctf-notYetValid.json', 'is not valid yet (valid from 3000-01-09T15:20:02.183Z)'],
    ['vctf-missingBitStringType.json', 'is not a BitstringStatusListCredential (type lacks it)'],
    [
      'vctf-tampered.json',
      `has a proof that does not hold (the signature does not verify with '${VCTF_SIGNER}#${VCTF_SIGNER.slice(8)}')`,
    ],
  ])('%s cannot be used: indeterminate, never "not revoked"', async (file, why) => {
    const url = `${VCTF}/${file}`;
    const input = await baseInput([[url, file]]);
    const credential = { issuer: VCTF_SIGNER, credentialStatus: entry(url, 7) };
    expect(await checkStatus(decodedOf(credential), input)).toEqual({
      name: 'status',
      outcome: 'indeterminate',
      message: `status list '${url}' ${why}`,
    });
  });
});

describe('checkStatus without shared files', () => {
  const input: StatusCheckInput = { trust: { entries: [] }, now: NOW, leewaySeconds: 60 };

  it('skips a credential with no credentialStatus, and cannot tell for a missing list', async () => {
    expect(await checkStatus(decodedOf({}), input)).toEqual({
      name: 'status',
      outcome: 'skipped',
      message: 'no credentialStatus',
    });
    const url = 'https://issuer.example/status/1';
    const check = await checkStatus(decodedOf({ credentialStatus: entry(url, 1) }), input);
    expect(check.message).toBe(
      `status list '${url}' is not available offline; pass --status-lists`,
    );
  });

  it.each([
    [
      { type: 'CredentialStatusList2017', id: 'x' },
      "status type 'CredentialStatusList2017' is not supported",
    ],
    [{ ...entry('https://a.example/l', 'seven') }, 'statusListIndex "seven" is not an index'],
    [
      { ...entry('https://a.example/l', 1, 'mystery') },
      "status purpose 'mystery' is not supported",
    ],
  ])('cannot tell for %j', async (status, message) => {
    const check = await checkStatus(decodedOf({ credentialStatus: status }), input);
    expect([check.outcome, check.message]).toEqual(['indeterminate', message]);
  });

  it('reads a 1EdTech revocation list from a local copy', async () => {
    const url = 'https://issuer.example/revocations';
    const status = { id: url, type: '1EdTechRevocationList' };
    const list = {
      revokedCredential: [
        { id: 'urn:uuid:1', revocationReason: 'mistake' },
        { id: 'urn:uuid:2', revoked: false },
      ],
    };
    const lists = new Map([[url, list]]);
    const outcome = async (id: string): Promise<[string, string]> => {
      const check = await checkStatus(decodedOf({ id, credentialStatus: status }), {
        ...input,
        statusLists: lists,
      });
      return [check.outcome, check.message];
    };
    expect(await outcome('urn:uuid:1')).toEqual([
      'failed',
      `revoked in revocation list '${url}' (reason: 'mistake')`,
    ]);
    expect(await outcome('urn:uuid:2')).toEqual([
      'passed',
      `not revoked in the local copy of '${url}'`,
    ]);
    const missing = await checkStatus(
      decodedOf({ id: 'urn:uuid:1', credentialStatus: status }),
      input,
    );
    expect(missing.outcome).toBe('indeterminate');
  });

  describe('lists signed here', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const issuer = didKeyFromPublicJwk(publicKey.export({ format: 'jwk' }));
    const { resolver } = await contextSetupFor();
    const url = 'https://issuer.example/status/2';
    const bits = new Uint8Array(16384);
    bits[0] = 0b0100_0000;
    const signList = (extra: Json = {}, purpose = 'suspension'): Promise<Json> =>
      signDataIntegrity(
        {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          id: url,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer,
          validFrom: '2026-01-01T00:00:00Z',
          credentialSubject: {
            id: `${url}#list`,
            type: 'BitstringStatusList',
            statusPurpose: purpose,
            encodedList: `u${gzipSync(bits).toString('base64url')}`,
          },
          ...extra,
        },
        { privateKey, verificationMethod: `${issuer}#${issuer.slice(8)}`, created: NOW, resolver },
      );
    const run = async (list: Json, status: Json | Json[]): Promise<[string, string]> => {
      const lists = new Map([[url, list]]);
      const check = await checkStatus(decodedOf({ issuer, credentialStatus: status }), {
        ...input,
        contexts: resolver,
        statusLists: lists,
      });
      return [check.outcome, check.message];
    };

    it('a set suspension bit fails; a did:key issuer’s own list needs no trust entry', async () => {
      const list = await signList();
      expect(await run(list, entry(url, 1, 'suspension'))).toEqual([
        'failed',
        `suspended: index 1 of '${url}' is set`,
      ]);
      expect(await run(list, entry(url, 2, 'suspension'))).toEqual([
        'passed',
        `not suspended: index 2 of '${url}' is clear`,
      ]);
    });

    it('a purpose mismatch, or one unusable entry among several, is indeterminate', async () => {
      const list = await signList();
      expect(await run(list, entry(url, 1, 'revocation'))).toEqual([
        'indeterminate',
        `status list '${url}' is for purpose 'suspension', not 'revocation'`,
      ]);
      const two = await run(list, [entry(url, 2, 'suspension'), entry(url, 3, 'revocation')]);
      expect(two[0]).toBe('indeterminate');
    });

    it('a list changed after signing is indeterminate', async () => {
      const list = await signList();
      const changed = { ...list, validUntil: '2099-01-01T00:00:00Z' };
      const [outcome, message] = await run(changed, entry(url, 1, 'suspension'));
      expect([
        outcome,
        message.startsWith(`status list '${url}' has a proof that does not hold`),
      ]).toEqual(['indeterminate', true]);
    });
  });
});
