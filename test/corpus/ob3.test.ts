import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextSetupFor } from '../../src/adapters/context-loader.js';
import { loadStatusListFolder } from '../../src/adapters/status-lists.js';
import { extractBadge } from '../../src/core/bake/index.js';
import { publicJwkFromDidKey } from '../../src/core/keys/did-key.js';
import { jwkThumbprint } from '../../src/core/keys/jwk.js';
import {
  trustEntryFromDidKey,
  trustEntryFromJson,
  verifyExtracted,
  type CheckName,
  type TrustEntry,
  type VerificationReport,
} from '../../src/core/verify/index.js';
import { hasShared, sharedPath } from '../helpers/shared.js';
import { KNOWN_DISAGREEMENTS } from './ob3-disagreements.js';
import {
  REAL_NEEDS,
  REASON_OVERRIDES,
  STATUS_LIST_URLS,
  type CorpusNeeds,
  type TrustNeed,
} from './ob3-table.js';

type Json = Record<string, unknown>;

/** The manifest's clock (MANIFEST.md: verdicts were evaluated on 2026-12-04). */
const NOW = new Date('2026-12-04T00:00:00Z');
const REAL = sharedPath('fixtures', 'real');
const SPEC = sharedPath('spec', 'fixtures');

/** A manifest class: `valid-with-warning` is a valid verdict with at least one warning. */
type Expected = 'valid' | 'valid-with-warning' | 'invalid' | 'indeterminate';

/** One outcome a manifest states for a single check (EXPECTED.json: "signature": "valid"...). */
interface Aspect {
  check: CheckName;
  passed: boolean;
  said: string;
}

interface Expectation {
  expected: Expected;
  /** The manifest's words, which say why an invalid file is invalid. */
  why: string;
  /** The checks an invalid verdict must come from, where the table names them for a file. */
  reasonChecks?: CheckName[];
  aspects?: Aspect[];
}

interface Case extends Expectation {
  file: string;
  path: string;
  needs: CorpusNeeds;
}

// The check a manifest reason points at (brief: tampered signature -> proof; wrong key or issuer
// -> issuer-key; dates -> validity; revoked -> status; schema and type errors -> schema). An
// @context error shows in the format check (@context[0]), the proof (JSON-LD safe mode) or the
// schema; a bad media type in the JOSE header is a proof problem.
const REASONS: [RegExp, CheckName[]][] = [
  [/media type/iu, ['proof']],
  [/tampered|signature\)|proofValue|\(signature/iu, ['proof']],
  [/verificationMethod is not a URI/iu, ['proof']],
  [/verification method \/ key/iu, ['issuer-key', 'proof']],
  [/expired|not yet valid/iu, ['validity']],
  [/revoked/iu, ['status']],
  [/@context/iu, ['format', 'schema', 'proof']],
  [/ContextPropertyProbe/iu, ['schema']],
  [/(?<!media) type\)|schema/iu, ['schema']],
];

async function readExpectedTsv(): Promise<Map<string, Expectation>> {
  const lines = (await readFile(join(REAL, 'expected.tsv'), 'utf8')).trim().split('\n');
  const out = new Map<string, Expectation>();
  for (const line of lines.slice(1)) {
    const [file, cls, why] = line.split('\t') as [string, string, string];
    if (!file.startsWith('ob3/') || cls === 'support') continue;
    const reasonChecks = REASON_OVERRIDES[file];
    out.set(file, { expected: cls as Expected, why, ...(reasonChecks ? { reasonChecks } : {}) });
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

// EXPECTED.json states outcomes per aspect ("signature": "valid", "jsonSchema": "pass"), each
// checked as that check's outcome; the verdict class follows from its negative statements.
function specExpectation(entry: Json): Expectation & { negative: boolean } {
  const text = JSON.stringify(entry);
  const aspects: Aspect[] = [];
  if (entry.signature === 'valid')
    aspects.push({ check: 'proof', passed: true, said: 'signature valid' });
  if (typeof entry.jsonSchema === 'string' && entry.jsonSchema.startsWith('pass')) {
    aspects.push({ check: 'schema', passed: true, said: `jsonSchema ${entry.jsonSchema}` });
  }
  const negative = (expected: Expected, why: string): Expectation & { negative: boolean } => ({
    expected,
    why,
    aspects,
    negative: true,
  });
  if (typeof entry.proof === 'string' && entry.proof.startsWith('MISSING')) {
    // "must fail proof step": the proof step must not pass, and the file is not valid.
    aspects.push({ check: 'proof', passed: false, said: entry.proof });
    return negative('invalid', entry.proof);
  }
  if (typeof entry.signature === 'string' && entry.signature.startsWith('INVALID')) {
    return negative('invalid', `(signature) ${entry.signature}`);
  }
  if (typeof entry.temporal === 'string') return negative('invalid', entry.temporal);
  if (typeof entry.status === 'string' && /REVOKED/u.test(entry.status)) {
    return negative('invalid', 'revoked');
  }
  if (/1EdTechRevocationList \(remote, unreachable offline\)/u.test(text)) {
    return {
      expected: 'indeterminate',
      why: 'status list not available offline',
      aspects,
      negative: false,
    };
  }
  return { expected: 'valid', why: String(entry.signature), aspects, negative: false };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function tokenHeader(text: string): Json {
  const header = text.trim().split('.')[0] ?? '';
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Json;
}

function specNeeds(file: string, entry: Json, payload: Buffer): CorpusNeeds {
  const trustKey = (entry.trustKey ?? {}) as Json;
  const extracted = extractBadge(payload);
  if (!extracted.found) return { trust: [] };
  const text = extracted.badge.payload;
  const lists = /bitstring-status-revoked/u.test(file)
    ? ['spec:bitstring-status-list-credential.json']
    : [];
  if (typeof trustKey.jwkThumbprintS256 === 'string') {
    const payloadPart = text.trim().split('.')[1] ?? '';
    const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Json;
    const vc = (claims.vc ?? claims) as Json;
    const issuer = typeof vc.issuer === 'string' ? vc.issuer : String((vc.issuer as Json).id);
    return { trust: [{ issuer, jwkThumbprint: trustKey.jwkThumbprintS256 }], lists };
  }
  if (typeof trustKey.publicKeyMultibase !== 'string') return { trust: [], lists };
  const doc = JSON.parse(text) as Json;
  const issuer = typeof doc.issuer === 'string' ? doc.issuer : String((doc.issuer as Json).id);
  return { trust: [{ issuer, multikey: trustKey.publicKeyMultibase }], lists };
}

async function trustEntryOf(need: TrustNeed, payload: Buffer): Promise<TrustEntry> {
  if ('didKey' in need) return trustEntryFromDidKey(need.didKey);
  if ('didDocument' in need) {
    const doc = JSON.parse(await readFile(join(REAL, need.didDocument), 'utf8')) as unknown;
    return trustEntryFromJson(doc, need.didDocument);
  }
  if ('verificationMethodFile' in need) {
    const vm = JSON.parse(await readFile(join(REAL, need.verificationMethodFile), 'utf8')) as Json;
    const jwk = vm.publicKeyJwk as Json;
    const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y ? { y: jwk.y } : {}) };
    return {
      issuerId: String(vm.controller),
      source: need.verificationMethodFile,
      kind: 'jwks',
      keys: [{ kid: String(jwk.kid), publicJwk: publicJwk as TrustEntry['keys'][0]['publicJwk'] }],
    };
  }
  if ('multikey' in need) {
    const publicJwk = publicJwkFromDidKey(`did:key:${need.multikey}`);
    const kid = `${need.issuer}#${need.multikey}`;
    return {
      issuerId: need.issuer,
      source: 'corpus table',
      kind: 'issuer-profile',
      keys: [{ kid, publicJwk }],
    };
  }
  // A key pinned by thumbprint: the token's header jwk, trusted only if it has that thumbprint.
  const extracted = extractBadge(payload);
  const header = extracted.found ? tokenHeader(extracted.badge.payload) : {};
  const jwk = header.jwk as TrustEntry['keys'][0]['publicJwk'];
  if (jwkThumbprint(jwk) !== need.jwkThumbprint) throw new Error('pinned key thumbprint differs');
  return {
    issuerId: need.issuer,
    source: 'corpus table',
    kind: 'jwks',
    keys: [{ publicJwk: jwk }],
  };
}

async function statusListsFor(
  lists: string[],
): Promise<Awaited<ReturnType<typeof loadStatusListFolder>>> {
  // A map.json in a temp folder names the shared files where they are; nothing is copied.
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-corpus-'));
  const map: Record<string, string> = {};
  for (const name of lists) {
    if (name.startsWith('spec:')) {
      map[
        'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist'
      ] = join(SPEC, 'ob3', name.slice('spec:'.length));
      continue;
    }
    for (const [url, file] of Object.entries(STATUS_LIST_URLS)) {
      if (file === name) map[url] = join(REAL, 'keys', 'status-lists', file);
    }
  }
  await writeFile(join(dir, 'map.json'), JSON.stringify(map));
  return loadStatusListFolder(dir);
}

function classOf(report: VerificationReport): Expected {
  if (report.verdict === 'valid')
    return report.warnings.length > 0 ? 'valid-with-warning' : 'valid';
  return report.verdict;
}

function agrees(c: Case, report: VerificationReport): string | undefined {
  const got = classOf(report);
  const classOk = c.expected === 'valid' ? report.verdict === 'valid' : got === c.expected;
  const failed = report.checks
    .filter((check) => check.outcome === 'failed')
    .map((check) => check.name);
  const summary = report.checks.map((check) => `${check.name}=${check.outcome}`).join(' ');
  const why = report.checks
    .filter((check) => check.outcome === 'failed' || check.outcome === 'indeterminate')
    .map((check) => `${check.name}: ${check.message}`)
    .join(' | ');
  if (!classOk) return `expected ${c.expected}, got ${got} (${summary}) [${why}]`;
  for (const aspect of c.aspects ?? []) {
    const outcome = report.checks.find((check) => check.name === aspect.check)?.outcome;
    if ((outcome === 'passed') !== aspect.passed) {
      return `'${aspect.said}', but ${aspect.check} ${outcome ?? 'missing'} [${why}]`;
    }
  }
  if (c.expected !== 'invalid') return undefined;
  const wanted: [RegExp, CheckName[]][] =
    c.reasonChecks === undefined ? REASONS : [[/[^]*/u, c.reasonChecks]];
  for (const [pattern, checks] of wanted) {
    if (pattern.test(c.why) && !checks.some((name) => failed.includes(name))) {
      return `invalid for '${c.why}', but failed ${failed.join(', ')} instead of ${checks.join(' or ')} [${why}]`;
    }
  }
  return undefined;
}

async function casesOf(): Promise<Case[]> {
  const tsv = await readExpectedTsv();
  const cases: Case[] = [];
  const realByHash = new Map<string, Expectation>();
  for (const name of await listFiles(join(REAL, 'ob3'))) {
    const file = `ob3/${name}`;
    const row = tsv.get(file);
    if (row === undefined) continue;
    const path = join(REAL, file);
    realByHash.set(sha256(await readFile(path)), row);
    cases.push({ file, path, ...row, needs: REAL_NEEDS[file] ?? { trust: [] } });
  }
  const expected = JSON.parse(await readFile(join(SPEC, 'EXPECTED.json'), 'utf8')) as Record<
    string,
    Json
  >;
  for (const name of await listFiles(join(SPEC, 'ob3'))) {
    const file = `ob3/${name}`;
    const entry = expected[file];
    if (entry === undefined || file === 'ob3/bitstring-status-list-credential.json') continue;
    const path = join(SPEC, file);
    const bytes = await readFile(path);
    const needs = specNeeds(file, entry, bytes);
    const { negative, ...spec } = specExpectation(entry);
    // Where a real file has the same bytes and EXPECTED.json states no fault, EXPECTED.json's
    // aspects still hold, but the verdict is the real manifest's, which states one.
    const twin = realByHash.get(sha256(bytes));
    const expectation = twin !== undefined && !negative ? { ...twin, aspects: spec.aspects } : spec;
    cases.push({ file: `spec:${file}`, path, ...expectation, needs });
  }
  return cases;
}

describe.runIf(hasShared)('the OB 3.0 corpus', () => {
  it('every file gets the verdict its manifest gives', async () => {
    const { resolver } = await contextSetupFor(join(REAL, 'keys', 'contexts'));
    const cases = await casesOf();
    const problems = new Map<string, string>();
    for (const c of cases) {
      const payload = await readFile(c.path);
      let problem: string | undefined;
      try {
        const trust = {
          entries: await Promise.all(c.needs.trust.map((n) => trustEntryOf(n, payload))),
        };
        const report = await verifyExtracted({
          extracted: extractBadge(payload),
          trust,
          now: NOW,
          file: c.file,
          contexts: resolver,
          statusLists: await statusListsFor(c.needs.lists ?? []),
        });
        problem = agrees(c, report);
      } catch (error) {
        problem = `threw: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (problem !== undefined) problems.set(c.file, problem);
    }
    const agreeing = cases.length - problems.size;
    process.stdout.write(
      `ob3 corpus: ${agreeing} of ${cases.length} files agree with the manifest\n`,
    );
    for (const [file, problem] of problems) process.stdout.write(`  ${file}: ${problem}\n`);
    expect(cases.length).toBe(76);
    // Each disagreement left is named, with its reason, in ob3-disagreements.ts.
    expect([...problems.keys()].sort()).toEqual(Object.keys(KNOWN_DISAGREEMENTS).sort());
  });
});
