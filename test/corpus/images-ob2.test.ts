/**
 * The corpus for images and OB 2.0: every file of shared/fixtures/real/images and .../ob2 (the
 * expected.tsv rows) and of shared/spec/fixtures/ob2 gets the verdict its manifest gives, from
 * the real extractor and verifier, with the documents and keys its "needs" column names.
 */
import type { JsonWebKey } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextSetupFor } from '../../src/adapters/context-loader.js';
import { openOb2Documents } from '../../src/adapters/ob2-documents.js';
import { extractBadge, type ExtractResult } from '../../src/core/bake/index.js';
import { isBadgesmithError } from '../../src/core/errors.js';
import { publicJwkFromDidKey } from '../../src/core/keys/did-key.js';
import {
  verifyExtracted,
  type CheckName,
  type TrustEntry,
  type VerificationReport,
} from '../../src/core/verify/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';

const NOW = new Date('2026-12-04T00:00:00Z');
const REAL = sharedPath('fixtures', 'real');
const SPEC = sharedPath('spec', 'fixtures');
const BETH = 'https://example.org/beths-robotics-badge.json';

type Outcome =
  'valid' | 'valid-with-warning' | 'invalid' | 'indeterminate' | 'unusable' | 'no-badge';

/** What a row needs: which hosted folder (MANIFEST URL rule), extra URL → file, OB 3.0 trust. */
interface Needs {
  hosted?: 'real' | 'spec';
  /** URL → path under shared/, e.g. the local copy of a hosted assertion. */
  serve?: Record<string, string>;
  /** The hosted assertion is its own copy: its `id` is served by the file itself. */
  self?: boolean;
  ob3?: 'multikey' | 'header-jwk';
  /** For an invalid row: the checks that must have failed. */
  fails?: CheckName[];
}

// The needs column, as data (MANIFEST.md and EXPECTED.json). 1EdTech's hosted JSON inputs are
// verified as the file given (OB20Tests), i.e. the file is what its id serves: `self`.
const NEEDS: Record<string, Needs> = {
  'images/ob3-1edtech-simple-json.png': { ob3: 'multikey' },
  'images/ob3-1edtech-simple-jwt.svg': { ob3: 'header-jwk' },
  'images/ob3-1edtech-simple-jwt_v1.png': { ob3: 'header-jwk' },
  'images/ob2-1edtech-simple-badge.png': {
    hosted: 'real',
    serve: { [BETH]: 'fixtures/real/ob2/1edtech-basic-assertion.json' },
  },
  'images/ob2-vcore-baked_heart.png': {
    serve: {
      [BETH]: 'fixtures/real/ob2/vcore-2_0_basic_assertion.json',
      'https://example.org/robotics-badge.json':
        'fixtures/real/ob2/vcore-2_0_basic_badgeclass.json',
      'https://example.org/organization.json': 'fixtures/real/ob2/vcore-2_0_basic_issuer.json',
    },
  },
  'ob2/1edtech-simple.jwt': { hosted: 'real' },
  'ob2/1edtech-simple-not-revoked.jwt': { hosted: 'real' },
  'ob2/1edtech-basic-assertion.json': { hosted: 'real', self: true },
  'ob2/1edtech-basic-assertion-expired.json': { hosted: 'real', self: true, fails: ['validity'] },
  'ob2/1edtech-basic-assertion-invalid-context.json': {
    hosted: 'real',
    self: true,
    fails: ['schema'],
  },
  'ob2/1edtech-assertion-with-data-image.json': { hosted: 'real', self: true, fails: ['schema'] },
  'ob2/1edtech-basic-assertion-with-allowed-origins-valid-starts-with.json': {
    hosted: 'real',
    self: true,
  },
  'ob2/1edtech-assertion-with-endorsements.json': { hosted: 'real', self: true },
  'ob2/vcore-2_0_basic_assertion.json': {
    self: true,
    serve: {
      'https://example.org/robotics-badge.json':
        'fixtures/real/ob2/vcore-2_0_basic_badgeclass.json',
      'https://example.org/organization.json': 'fixtures/real/ob2/vcore-2_0_basic_issuer.json',
    },
  },
  'ob2/1edtech-rdf-valid-badge-class.json': { hosted: 'real' },
  'ob2/1edtech-rdf-invalid-class.json': { hosted: 'real', fails: ['format'] },
  'spec/ob2-signed-assertion.jws': { hosted: 'spec' },
  'spec/ob2-signed-assertion-revoked.jws': { hosted: 'spec', fails: ['status'] },
  'spec/baked-ob2-hosted-assertion.png': { hosted: 'spec' },
  'spec/ob2-basic-assertion.json': { hosted: 'spec' },
  'spec/baked-legacy-hosted-assertion.svg': { hosted: 'spec' },
};

/** The manifest class → the outcome a correct tool gives. */
function outcomeOfClass(cls: string, verdict: string): Outcome {
  if (cls === 'valid' || cls === 'valid-with-warning' || cls === 'invalid') return cls;
  if (cls === 'extract-only' || cls === 'legacy') return 'indeterminate';
  if (cls === 'no-badge') return 'no-badge';
  if (cls === 'not-a-badge') return 'unusable';
  throw new Error(`unknown class ${cls} (${verdict})`);
}

interface Row {
  file: string;
  path: string;
  expected: Outcome;
  why: string;
}

async function rows(): Promise<Row[]> {
  const out: Row[] = [];
  const tsv = (await readFile(join(REAL, 'expected.tsv'), 'utf8')).trim().split('\n').slice(1);
  for (const line of tsv) {
    const [file = '', cls = '', verdict = ''] = line.split('\t');
    if (!/^(images|ob2)\//u.test(file) || cls === 'support') continue;
    out.push({
      file,
      path: join(REAL, file),
      expected: outcomeOfClass(cls, verdict),
      why: verdict,
    });
  }
  // spec/fixtures/ob2 (EXPECTED.json): signed valid, signed revoked, and three hosted or
  // pre-2.0 badges that "cannot be verified offline (needs its id URL)".
  const specExpected: Record<string, Outcome> = {
    'ob2-signed-assertion.jws': 'valid',
    'ob2-signed-assertion-revoked.jws': 'invalid',
    'baked-ob2-hosted-assertion.png': 'indeterminate',
    'ob2-basic-assertion.json': 'indeterminate',
    'baked-legacy-hosted-assertion.svg': 'indeterminate',
  };
  for (const name of (await readdir(join(SPEC, 'ob2'))).sort()) {
    if (name === 'hosted') continue;
    const expected = specExpected[name];
    if (expected === undefined) throw new Error(`spec/fixtures/ob2/${name} has no expectation`);
    out.push({ file: `spec/${name}`, path: join(SPEC, 'ob2', name), expected, why: expected });
  }
  return out;
}

let tempRoot = '';

/** Writes a map.json for a row's documents (pointing at the shared files) and opens it. */
async function documentsFor(row: Row, needs: Needs) {
  const map: Record<string, string> = {};
  if (needs.hosted !== undefined) {
    const folder =
      needs.hosted === 'real' ? join(REAL, 'keys', 'ob2-hosted') : join(SPEC, 'ob2', 'hosted');
    for (const name of await readdir(folder)) {
      for (const base of [
        'https://example.org/',
        'https://www.example.org/',
        'http://example.org/',
      ]) {
        map[`${base}${name}`] = join(folder, name);
      }
    }
  }
  for (const [url, file] of Object.entries(needs.serve ?? {}))
    map[url] = sharedPath(...file.split('/'));
  if (needs.self === true) {
    const doc = JSON.parse(await readFile(row.path, 'utf8')) as { id: string };
    map[doc.id] = row.path;
  }
  tempRoot ||= await mkdtemp(join(tmpdir(), 'badgesmith-corpus-ob2-'));
  const dir = await mkdtemp(join(tempRoot, 'docs-'));
  await writeFile(join(dir, 'map.json'), JSON.stringify(map, null, 1));
  return openOb2Documents(dir);
}

function ob3Trust(extracted: ExtractResult, needs: Needs): TrustEntry[] {
  if (!extracted.found || needs.ob3 === undefined) return [];
  const text = extracted.badge.payload.trim();
  if (needs.ob3 === 'multikey') {
    // MANIFEST: the key is the multibase fragment of the verificationMethod (1EdTech convention).
    const doc = JSON.parse(text) as { issuer: { id: string }; proof: unknown };
    const proof = (Array.isArray(doc.proof) ? doc.proof[0] : doc.proof) as {
      verificationMethod: string;
    };
    const multikey = proof.verificationMethod.split('#')[1] ?? '';
    const kid = `${doc.issuer.id}#${multikey}`;
    const publicJwk = publicJwkFromDidKey(`did:key:${multikey}`);
    return [
      {
        issuerId: doc.issuer.id,
        source: 'corpus',
        kind: 'issuer-profile',
        keys: [{ kid, publicJwk }],
      },
    ];
  }
  const [header = '', payload = ''] = text.split('.');
  const jwk = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { jwk: JsonWebKey })
    .jwk;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss: string };
  return [{ issuerId: claims.iss, source: 'corpus', kind: 'jwks', keys: [{ publicJwk: jwk }] }];
}

async function outcomeOf(
  row: Row,
): Promise<{ outcome: Outcome; report?: VerificationReport; note: string }> {
  const needs = NEEDS[row.file] ?? {};
  let extracted: ExtractResult;
  try {
    extracted = extractBadge(await readFile(row.path));
  } catch (error) {
    if (isBadgesmithError(error) && error.exitCode === 65)
      return { outcome: 'unusable', note: error.code };
    throw error;
  }
  if (!extracted.found) return { outcome: 'no-badge', note: extracted.reason };
  const contexts = await contextSetupFor(join(REAL, 'keys', 'contexts'));
  const report = await verifyExtracted({
    extracted,
    trust: { entries: ob3Trust(extracted, needs) },
    now: NOW,
    file: row.file,
    contexts: contexts.resolver,
    ob2Documents: await documentsFor(row, needs),
  });
  const failed = report.checks.filter((c) => c.outcome === 'failed').map((c) => c.name);
  let outcome: Outcome = report.verdict;
  if (
    report.verdict === 'valid' &&
    report.warnings.length > 0 &&
    row.expected === 'valid-with-warning'
  ) {
    outcome = 'valid-with-warning';
  }
  // MALFORMED (bad JSON in the SVG body): the payload is unusable, so the format check fails.
  if (row.expected === 'unusable' && report.verdict === 'invalid' && failed[0] === 'format') {
    outcome = 'unusable';
  }
  if (outcome === 'invalid' && needs.fails !== undefined && failed.join() !== needs.fails.join()) {
    return { outcome, report, note: `failed ${failed.join()} instead of ${needs.fails.join()}` };
  }
  return { outcome, report, note: failed.join() };
}

describe.runIf(hasShared)('images + OB 2.0 corpus', () => {
  it('every file gets its manifest verdict', async () => {
    const all = await rows();
    const disagreements: string[] = [];
    for (const row of all) {
      const { outcome, report, note } = await outcomeOf(row);
      const fails = NEEDS[row.file]?.fails;
      const failedRight = fails === undefined || note === fails.join();
      if (outcome !== row.expected || !failedRight) {
        const checks = report?.checks
          .map((c) => `${c.name}=${c.outcome}: ${c.message}`)
          .join('\n    ');
        disagreements.push(
          `${row.file}: expected ${row.expected} (${row.why}), got ${outcome} ${note}\n    ${checks ?? ''}`,
        );
      }
    }
    console.log(`images+ob2 corpus: ${all.length - disagreements.length} of ${all.length} agree`);
    expect(disagreements).toEqual([]);
    // Every file on disk is a row (support files aside), so a new fixture cannot slip by.
    const onDisk = [
      ...(await readdir(join(REAL, 'images'))).map((n) => `images/${n}`),
      ...(await readdir(join(REAL, 'ob2'))).map((n) => `ob2/${n}`),
      ...(await readdir(join(SPEC, 'ob2'))).filter((n) => n !== 'hosted').map((n) => `spec/${n}`),
    ].filter((f) => !/vcore-2_0_basic_(badgeclass|issuer)/u.test(f));
    expect(all.map((r) => r.file).sort()).toEqual(onDisk.sort());
  }, 60_000);
});
