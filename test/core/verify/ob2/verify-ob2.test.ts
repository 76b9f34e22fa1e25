import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bakeImage } from '../../../../src/core/bake/index.js';
import { ob2DocumentsFromEntries } from '../../../../src/core/verify/ob2/index.js';
import { hasShared, sharedPath } from '../../../helpers/shared.js';
import { basePng } from '../fixtures.js';
import {
  hostedEntries,
  message,
  outcomes,
  readJson,
  realHosted,
  signOb2,
  verifyBytes,
  verifyJson,
} from './helpers.js';

const real = (...parts: string[]): Buffer => readFileSync(sharedPath('fixtures', 'real', ...parts));
const pem = (name: string): string => real('keys', name).toString('utf8');
const ISSUER = 'https://example.org/organization.json';
const KEY = 'http://example.org/key1.json';

/** An OB 2.0 world of our own: issuer, key, BadgeClass, all served from memory. */
function world(publicPem: string, issuerExtra: object = {}, keyExtra: object = {}) {
  const issuer = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Issuer',
    id: ISSUER,
    name: 'Example Issuer',
    url: 'https://example.org',
    email: 'badges@example.org',
    publicKey: KEY,
    ...issuerExtra,
  };
  const key = {
    type: 'CryptographicKey',
    id: KEY,
    owner: ISSUER,
    publicKeyPem: publicPem,
    ...keyExtra,
  };
  const badge = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'BadgeClass',
    id: 'https://example.org/badge.json',
    name: 'Robotics',
    description: 'Built a robot',
    image: 'https://example.org/badge.png',
    criteria: 'https://example.org/criteria.html',
    issuer: ISSUER,
  };
  return ob2DocumentsFromEntries('memory', [
    [ISSUER, issuer],
    [KEY, key],
    [badge.id, badge],
  ]);
}

function assertion(extra: object = {}): Record<string, unknown> {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: 'https://example.org/assertions/1',
    recipient: { type: 'email', hashed: false, identity: 'ada@example.org' },
    badge: 'https://example.org/badge.json',
    verification: { type: 'signed', creator: KEY },
    issuedOn: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

const NOW = { now: new Date('2025-01-01T00:00:00Z') };

describe.runIf(hasShared)('OB 2.0 signed assertions', () => {
  const privatePem = pem('mozval-rsa-private.pem');
  const publicPem = pem('mozval-rsa-public.pem');

  it('1EdTech simple.jwt: VALID with key1 from the issuer profile, every check named', async () => {
    const report = await verifyBytes(real('ob2', '1edtech-simple.jwt'), {
      documents: realHosted(),
    });
    expect(report.verdict).toBe('valid');
    expect(outcomes(report)).toEqual({
      extract: 'passed',
      format: 'passed',
      schema: 'passed',
      proof: 'passed',
      'issuer-key': 'passed',
      validity: 'passed',
      status: 'passed',
      recipient: 'skipped',
      endorsement: 'skipped',
    });
    expect(message(report, 'proof')).toBe(`RS256 signature verifies with the key '${KEY}'`);
    expect(report.trustedBy).toBe(`ob2-hosted: ${ISSUER}`);
    expect(report.credential).toEqual({
      id: 'https://example.org/beths-robotics-badge.json',
      issuer: ISSUER,
      issuerName: 'An Example Badge Issuer',
      achievement: 'Awesome Robotics Badge',
      recipient: 'hashed email',
      validFrom: '2016-12-31T23:59:59Z',
      proofFormat: 'OB 2.0 signed',
    });
  });

  it('without the documents it cannot tell, and names the URL it needs', async () => {
    const report = await verifyBytes(real('ob2', '1edtech-simple.jwt'));
    expect(report.verdict).toBe('indeterminate');
    expect(message(report, 'schema')).toBe(
      "the assertion's shape is right; the BadgeClass or issuer needs 'https://example.org/robotics-badge.json' (give them with --ob2-documents)",
    );
    expect(outcomes(report).proof).toBe('indeterminate');
  });

  it('our own RS256 JWS verifies; a changed payload or the wrong key does not', async () => {
    const token = signOb2(assertion(), privatePem);
    const good = await verifyBytes(Buffer.from(token), { documents: world(publicPem), ...NOW });
    expect(good.verdict).toBe('valid');

    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify(assertion({ id: 'https://example.org/assertions/2' }))).toString('base64url')}.${s}`;
    const tampered = await verifyBytes(Buffer.from(forged), {
      documents: world(publicPem),
      ...NOW,
    });
    expect(tampered.verdict).toBe('invalid');
    expect(message(tampered, 'proof')).toBe(
      'the signature does not verify with this key (memory: http://example.org/key1.json)',
    );

    const wrong = await verifyBytes(Buffer.from(token), {
      documents: world(pem('mozval-rsa-wrong-public.pem')),
      ...NOW,
    });
    expect(outcomes(wrong)).toMatchObject({ proof: 'failed', 'issuer-key': 'skipped' });
  });

  it('a key the issuer profile does not list, or owned by someone else, fails issuer-key', async () => {
    const token = signOb2(assertion(), privatePem);
    const unlisted = await verifyBytes(Buffer.from(token), {
      documents: world(publicPem, { publicKey: 'http://example.org/other-key.json' }),
      ...NOW,
    });
    expect(outcomes(unlisted)).toMatchObject({ proof: 'passed', 'issuer-key': 'failed' });
    expect(message(unlisted, 'issuer-key')).toBe(
      `the key '${KEY}' is not listed in the publicKey of the issuer profile '${ISSUER}'`,
    );
    const owned = await verifyBytes(Buffer.from(token), {
      documents: world(publicPem, {}, { owner: 'https://evil.example/profile' }),
      ...NOW,
    });
    expect(message(owned, 'issuer-key')).toBe(
      `the key '${KEY}' is owned by 'https://evil.example/profile', not by the issuer '${ISSUER}'`,
    );
    expect(owned.verdict).toBe('invalid');
  });

  it.each([
    [{ alg: 'none' }, "alg 'none' is not accepted (only RS256, RS384, RS512, PS256, ES256, ES384)"],
    [
      { alg: 'HS256' },
      "alg 'HS256' is not accepted (only RS256, RS384, RS512, PS256, ES256, ES384)",
    ],
  ])('header %j is refused before any key is used', async (header, why) => {
    const token = signOb2(assertion(), privatePem, header);
    const report = await verifyBytes(Buffer.from(token), { documents: world(publicPem), ...NOW });
    expect(message(report, 'proof')).toBe(why);
    expect(report.verdict).toBe('invalid');
  });

  it('revocation: listed → NOT VALID with the reason; list missing → cannot tell', async () => {
    const spec = ob2DocumentsFromEntries(
      'spec',
      hostedEntries(sharedPath('spec', 'fixtures', 'ob2', 'hosted')),
    );
    const jws = readFileSync(
      sharedPath('spec', 'fixtures', 'ob2', 'ob2-signed-assertion-revoked.jws'),
    );
    const revoked = await verifyBytes(jws, { documents: spec });
    expect(revoked.verdict).toBe('invalid');
    expect(outcomes(revoked)).toMatchObject({
      proof: 'passed',
      'issuer-key': 'passed',
      status: 'failed',
    });
    expect(message(revoked, 'status')).toBe(
      "revoked: listed in the issuer's revocation list (spec: http://example.org/revocation-list.json) (A good reason, for sure)",
    );
    const token = signOb2(assertion(), privatePem);
    const noList = await verifyBytes(Buffer.from(token), {
      documents: world(publicPem, { revocationList: 'https://example.org/revoked.json' }),
      ...NOW,
    });
    expect(outcomes(noList).status).toBe('indeterminate');
    expect(noList.verdict).toBe('indeterminate');
  });

  it('expiry and issuedOn in the future', async () => {
    const expired = await verifyBytes(
      Buffer.from(signOb2(assertion({ expires: '2024-06-01T00:00:00Z' }), privatePem)),
      {
        documents: world(publicPem),
        ...NOW,
      },
    );
    expect(message(expired, 'validity')).toBe(
      'expired at 2024-06-01T00:00:00Z, the time is 2025-01-01T00:00:00Z',
    );
    const future = await verifyBytes(
      Buffer.from(signOb2(assertion({ issuedOn: '2025-02-01T00:00:00Z' }), privatePem)),
      {
        documents: world(publicPem),
        ...NOW,
      },
    );
    expect(message(future, 'validity')).toBe(
      'not yet issued: issued on 2025-02-01T00:00:00Z, the time is 2025-01-01T00:00:00Z',
    );
  });

  it('the same JWS baked into a PNG verifies the same', async () => {
    const token = signOb2(assertion(), privatePem);
    const png = bakeImage(await basePng(), token).bytes;
    const report = await verifyBytes(png, { documents: world(publicPem), ...NOW });
    expect(report.verdict).toBe('valid');
  });
});

describe.runIf(hasShared)('OB 2.0 hosted assertions', () => {
  const basic = readJson('fixtures', 'real', 'ob2', '1edtech-basic-assertion.json') as {
    id: string;
  };

  it('VALID against the local copy of its URL; CANNOT TELL without it, naming the URL', async () => {
    const valid = await verifyJson(basic, { documents: realHosted([[basic.id, basic]]) });
    expect(valid.verdict).toBe('valid');
    expect(message(valid, 'issuer-key')).toBe(
      `'${basic.id}' is on the issuer's origin https://example.org (ob2-hosted: ${ISSUER})`,
    );
    const offline = await verifyJson(basic, { documents: realHosted() });
    expect(offline.verdict).toBe('indeterminate');
    expect(message(offline, 'proof')).toBe(
      `cannot be checked offline: the hosted assertion '${basic.id}' is not among the local documents (give it with --ob2-documents)`,
    );
  });

  it('the hosted copy wins over the baked one, with a warning (validator-core baked_heart)', async () => {
    const hosted = readJson('fixtures', 'real', 'ob2', 'vcore-2_0_basic_assertion.json');
    const documents = ob2DocumentsFromEntries('vcore', [
      [basic.id, hosted],
      [
        'https://example.org/robotics-badge.json',
        readJson('fixtures', 'real', 'ob2', 'vcore-2_0_basic_badgeclass.json'),
      ],
      [ISSUER, readJson('fixtures', 'real', 'ob2', 'vcore-2_0_basic_issuer.json')],
    ]);
    const report = await verifyBytes(real('images', 'ob2-vcore-baked_heart.png'), {
      documents,
      recipient: 'nobody@example.org',
    });
    expect(report.verdict).toBe('valid');
    expect(report.warnings).toContain(
      `the baked assertion differs from the hosted copy of '${basic.id}'; the hosted copy was checked (OB 2.0 hosted verification)`,
    );
    expect(outcomes(report).recipient).toBe('passed');
  });

  it('an id outside the issuer policy fails issuer-key (startsWith)', async () => {
    const moved = {
      ...basic,
      badge: 'https://example.org/badgeclass-with-verification-invalid-starts-with.json',
    };
    const report = await verifyJson(moved, { documents: realHosted([[basic.id, moved]]) });
    expect(message(report, 'issuer-key')).toBe(
      `'${basic.id}' is outside the issuer's policy: starts with 'https://example.org/NOT'`,
    );
    expect(report.verdict).toBe('invalid');
  });

  it.each([
    [
      '1edtech-basic-assertion-expired.json',
      'validity',
      'expired at 2022-11-15T23:59:59Z, the time is 2026-12-04T00:00:00Z',
    ],
    [
      '1edtech-basic-assertion-invalid-context.json',
      'schema',
      "/@context unknown context 'https://w3id.org/openbadges/invalid'; OB 2.0 uses 'https://w3id.org/openbadges/v2'",
    ],
    [
      '1edtech-assertion-with-data-image.json',
      'schema',
      '/image an Assertion image must be a URL, not a data: URI',
    ],
  ])('%s fails %s', async (file, check, why) => {
    const doc = readJson('fixtures', 'real', 'ob2', file);
    const report = await verifyJson(doc, { documents: realHosted([[basic.id, doc]]) });
    expect(report.verdict).toBe('invalid');
    expect(report.checks.filter((c) => c.outcome === 'failed').map((c) => c.name)).toEqual([check]);
    expect(message(report, check)).toBe(why);
  });

  it('case09: the recipient check compares hex case-insensitively', async () => {
    const doc = readFileSync(sharedPath('cases', 'case09-identityhash-uppercase.json'));
    const alice = await verifyBytes(doc, { recipient: 'alice@example.org' });
    expect(message(alice, 'recipient')).toBe(
      "issued to 'alice@example.org' (recipient identity matches)",
    );
    const bob = await verifyBytes(doc, { recipient: 'bob@example.org' });
    expect(message(bob, 'recipient')).toBe("not issued to 'bob@example.org'");
    // A hosted assertion must be served at its id; a urn:uuid id cannot be, so never valid.
    expect(alice.verdict).toBe('invalid');
  });

  it('case10: "revoked": true is NOT VALID, with or without documents', async () => {
    const doc = readFileSync(sharedPath('cases', 'case10-hosted-revoked-body.json'));
    const report = await verifyBytes(doc);
    expect(message(report, 'status')).toBe(
      'revoked: the assertion says "revoked": true (Invented reason)',
    );
    expect(report.verdict).toBe('invalid');
  });

  it('case03: only a URL baked → CANNOT TELL; with its copy it is verified', async () => {
    const svg = readFileSync(sharedPath('cases', 'case03-svg-verify-attribute-only.svg'));
    const offline = await verifyBytes(svg);
    expect(offline.verdict).toBe('indeterminate');
    expect(message(offline, 'proof')).toBe(
      "cannot be checked offline: the hosted assertion 'https://issuer.example/assertions/1' is not among the local documents (give it with --ob2-documents)",
    );
    const copy = { ...basic, id: 'https://issuer.example/assertions/1' };
    const online = await verifyBytes(svg, { documents: realHosted([[copy.id, copy]]) });
    // The copy is found and checked; its URL is not on the issuer's origin.
    expect(outcomes(online)).toMatchObject({ proof: 'passed', 'issuer-key': 'failed' });
  });
});

describe.runIf(hasShared)('other OB 2.0-era inputs', () => {
  it('a BadgeClass alone is checked for shape and issuer, with a warning', async () => {
    const report = await verifyBytes(real('ob2', '1edtech-rdf-valid-badge-class.json'), {
      documents: realHosted(),
    });
    expect(report.verdict).toBe('valid');
    expect(report.warnings[0]).toBe(
      'this is a BadgeClass: only its shape and issuer were checked; it shows no one earned it',
    );
    const unknown = await verifyBytes(real('ob2', '1edtech-rdf-invalid-class.json'), {
      documents: realHosted(),
    });
    expect(message(unknown, 'format')).toBe(
      "the OB 2.0 document is a 'NotAKnownClass', not an Assertion or a BadgeClass",
    );
  });

  it.each([
    [
      'ob2/vcore-0_5_1_assertion.json',
      'an OB 0.5 assertion: badges older than OB 2.0 are read but not verified',
    ],
    [
      'images/ob1-csbakery-baked_heart.png',
      "an OB 1.0 assertion (hosted at 'http://example.org/badgeinstance1'): badges older than OB 2.0 are read but not verified",
    ],
  ])('%s: older badges are CANNOT TELL, never valid', async (file, why) => {
    const report = await verifyBytes(real(...file.split('/')));
    expect(report.verdict).toBe('indeterminate');
    expect(message(report, 'format')).toBe(why);
  });
});
