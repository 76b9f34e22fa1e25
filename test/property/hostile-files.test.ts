/**
 * Hostile bytes (issue 4): random byte changes, truncations and chunk reorderings of real PNG
 * and SVG badges never throw anything but a BadgesmithError, never hang (each property's own
 * timeout catches that; speed is for the benchmarks), and never give `valid` when the
 * credential itself was changed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bakeImage, extractBadge } from '../../src/core/bake/index.js';
import { isBadgesmithError } from '../../src/core/errors.js';
import { verifyExtracted, type TrustSet } from '../../src/core/verify/index.js';
import { ob2DocumentsFromEntries, type Ob2Documents } from '../../src/core/verify/ob2/index.js';
import { listChunks } from '../core/bake/png-helpers.js';
import { BASE_SVG, basePng, makeIssuer, NOW, signFor } from '../core/verify/fixtures.js';
import { signOb2 } from '../core/verify/ob2/helpers.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const RUNS = 200;

interface Subject {
  name: string;
  bytes: Buffer;
  /** The credential as baked, by its decoded parts: what "changed" is measured against. */
  credential: string;
  trust: TrustSet;
  documents?: Ob2Documents;
}

const subjects: Subject[] = [];

/** A JWS by its decoded segments, so that base64url padding bits do not count as a change. */
function decodedParts(text: string): string {
  const trimmed = text.trim();
  const parts = trimmed.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]*$/u.test(p))) return trimmed;
  return parts.map((p) => Buffer.from(p, 'base64url').toString('hex')).join('.');
}

/** Extracts and verifies; returns what came out, failing on anything but a typed error. */
async function attempt(subject: Subject, bytes: Uint8Array) {
  let verdict: string | undefined;
  let payload: string | undefined;
  try {
    const extracted = extractBadge(bytes);
    if (extracted.found) payload = extracted.badge.payload;
    const report = await verifyExtracted({
      extracted,
      trust: subject.trust,
      now: NOW,
      ...(subject.documents === undefined ? {} : { ob2Documents: subject.documents }),
    });
    verdict = report.verdict;
  } catch (error) {
    if (!isBadgesmithError(error)) throw error;
  }
  if (verdict === 'valid') expect(decodedParts(payload ?? '')).toBe(subject.credential);
  return verdict;
}

function mutate(bytes: Buffer, edits: { at: number; byte: number }[]): Buffer {
  const copy = Buffer.from(bytes);
  for (const { at, byte } of edits) copy[at % copy.length] = byte;
  return copy;
}

const edits = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
  minLength: 1,
  maxLength: 6,
});

beforeAll(async () => {
  const issuer = makeIssuer('ES256');
  const jwt = await signFor(issuer);
  subjects.push(
    {
      name: 'our VC-JWT PNG',
      bytes: Buffer.from(bakeImage(await basePng(), jwt).bytes),
      credential: decodedParts(jwt),
      trust: issuer.trust,
    },
    {
      name: 'our VC-JWT SVG',
      bytes: Buffer.from(bakeImage(Buffer.from(BASE_SVG), jwt).bytes),
      credential: decodedParts(jwt),
      trust: issuer.trust,
    },
  );
  if (!hasShared) return;
  const pem = (name: string) => readFileSync(sharedPath('fixtures', 'real', 'keys', name), 'utf8');
  const issuerId = 'https://example.org/organization.json';
  const key = 'https://example.org/key.json';
  const documents = ob2DocumentsFromEntries('memory', [
    [
      issuerId,
      {
        type: 'Issuer',
        id: issuerId,
        name: 'Org',
        url: 'https://example.org',
        email: 'a@example.org',
        publicKey: key,
      },
    ],
    [
      key,
      {
        type: 'CryptographicKey',
        id: key,
        owner: issuerId,
        publicKeyPem: pem('mozval-rsa-public.pem'),
      },
    ],
    [
      'https://example.org/badge.json',
      {
        type: 'BadgeClass',
        id: 'https://example.org/badge.json',
        name: 'B',
        description: 'D',
        image: 'https://example.org/b.png',
        criteria: 'https://example.org/c',
        issuer: issuerId,
      },
    ],
  ]);
  const jws = signOb2(
    {
      '@context': 'https://w3id.org/openbadges/v2',
      type: 'Assertion',
      id: 'https://example.org/a/1',
      recipient: { type: 'email', hashed: false, identity: 'ada@example.org' },
      badge: 'https://example.org/badge.json',
      verification: { type: 'signed', creator: key },
      issuedOn: '2024-01-01T00:00:00Z',
    },
    pem('mozval-rsa-private.pem'),
  );
  const real = (name: string) => readFileSync(sharedPath('fixtures', 'real', 'images', name));
  subjects.push(
    {
      name: 'OB 2.0 JWS in a real PNG',
      bytes: Buffer.from(bakeImage(real('unbaked-vcore-public_domain_heart.png'), jws).bytes),
      credential: decodedParts(jws),
      trust: { entries: [] },
      documents,
    },
    {
      name: 'OB 2.0 JWS in a real SVG',
      bytes: Buffer.from(bakeImage(real('unbaked-mozbakery-unbaked.svg'), jws).bytes),
      credential: decodedParts(jws),
      trust: { entries: [] },
      documents,
    },
    // Real baked files whose credential is not verifiable here: they must simply never crash.
    {
      name: '1EdTech OB 3.0 PNG',
      bytes: real('ob3-1edtech-simple-json.png'),
      credential: 'never valid here',
      trust: { entries: [] },
    },
    {
      name: '1EdTech OB 3.0 SVG',
      bytes: real('ob3-1edtech-simple-jwt.svg'),
      credential: 'never valid here',
      trust: { entries: [] },
    },
  );
});

describe('hostile mutations of baked badges', () => {
  it('the unmutated badges we can verify are valid (so the properties below can fail)', async () => {
    for (const subject of subjects.filter((s) => s.credential !== 'never valid here')) {
      expect(await attempt(subject, subject.bytes), subject.name).toBe('valid');
    }
  });

  it('random byte changes', async () => {
    for (const subject of subjects) {
      await fc.assert(
        fc.asyncProperty(
          edits,
          async (e) => void (await attempt(subject, mutate(subject.bytes, e))),
        ),
        {
          numRuns: RUNS,
        },
      );
    }
  }, 120_000);

  it('truncations', async () => {
    for (const subject of subjects) {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: subject.bytes.length - 1 }),
          async (n) => void (await attempt(subject, subject.bytes.subarray(0, n))),
        ),
        { numRuns: RUNS },
      );
    }
  }, 120_000);

  it('a changed credential re-baked with good CRCs is never valid', async () => {
    for (const subject of subjects.filter((s) => s.credential !== 'never valid here')) {
      const extracted = extractBadge(subject.bytes);
      if (!extracted.found) throw new Error(subject.name);
      const text = extracted.badge.payload;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
      const change = fc.record({
        at: fc.nat({ max: text.length - 1 }),
        ch: fc.constantFrom(...alphabet),
      });
      await fc.assert(
        fc.asyncProperty(change, async ({ at, ch }) => {
          const changed = `${text.slice(0, at)}${ch}${text.slice(at + 1)}`;
          let rebaked: Uint8Array;
          try {
            rebaked = bakeImage(subject.bytes, changed).bytes;
          } catch (error) {
            if (!isBadgesmithError(error)) throw error;
            return;
          }
          await attempt(subject, rebaked);
        }),
        { numRuns: RUNS },
      );
    }
  }, 120_000);

  it('PNG chunk reorderings', async () => {
    for (const subject of subjects.filter((s) => s.bytes.subarray(1, 4).toString() === 'PNG')) {
      const chunks = listChunks(subject.bytes).map((c) => c.raw);
      const signature = subject.bytes.subarray(0, 8);
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray(
            chunks.map((_, i) => i),
            { minLength: chunks.length, maxLength: chunks.length },
          ),
          async (order) => {
            await attempt(subject, Buffer.concat([signature, ...order.map((i) => chunks[i]!)]));
          },
        ),
        { numRuns: RUNS },
      );
    }
  }, 120_000);
});
