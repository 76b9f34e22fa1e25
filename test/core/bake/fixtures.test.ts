import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bakeImage, extractBadge, type ExtractResult } from '../../../src/core/bake/index.js';
import { verifyExtracted } from '../../../src/core/verify/index.js';
import { hasShared, repoRoot, sharedPath } from '../../helpers/shared.js';

const BASE_SVG_FOR_CASES = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';
import { listChunks } from './png-helpers.js';

const read = (...parts: string[]): Buffer => readFileSync(sharedPath(...parts));

/** The rows of expected.tsv: file and verdict. */
function manifestRows(): { file: string; verdict: string }[] {
  const lines = readFileSync(sharedPath('fixtures', 'real', 'expected.tsv'), 'utf8').split('\n');
  return lines
    .slice(1)
    .filter((line) => line.startsWith('images/'))
    .map((line) => {
      const [file = '', , verdict = ''] = line.split('\t');
      return { file, verdict };
    });
}

/** The text of the first iTXt/tEXt chunk with this keyword, by an independent reader. */
function chunkText(bytes: Buffer, keyword: string): string {
  const found = listChunks(bytes).find((c) => c.data.toString('latin1').startsWith(`${keyword}\0`));
  if (found === undefined) throw new Error(`no ${keyword} chunk`);
  const skip = found.type === 'iTXt' ? keyword.length + 5 : keyword.length + 1;
  return found.data.subarray(skip).toString(found.type === 'iTXt' ? 'utf8' : 'latin1');
}

function badgeOf(result: ExtractResult) {
  if (!result.found) throw new Error(`not found: ${result.reason}`);
  return result.badge;
}

/** What each EXTRACT-OK image must give (MANIFEST "what unbaking must return"). */
const EXTRACT_OK: Record<string, (payload: string, bytes: Buffer) => void> = {
  'images/ob1-csbakery-baked_heart.png': (payload, bytes) => {
    expect(payload).toBe(chunkText(bytes, 'openbadges'));
    expect(JSON.parse(payload)).toMatchObject({
      uid: '123',
      verify: { url: 'http://example.org/badgeinstance1' },
    });
  },
  'images/ob1-csbakery-baked_example.svg': (payload) => {
    expect(JSON.parse(payload)).toMatchObject({
      uid: 'abcdef12345',
      badge: 'https://example.org/badge.json',
    });
    expect(payload.startsWith('{') && payload.endsWith('}')).toBe(true);
  },
  'images/legacy-mozbakery-baked.svg': (payload) => {
    expect(payload).toBe('{"verify":{"url":"http://example.org"}}');
  },
  'images/legacy-backpack-valid-baked.png': (payload) => {
    expect(payload).toBe('https://example.org/assertion');
  },
};

describe.runIf(hasShared)('real fixtures (shared/fixtures/real/images)', () => {
  const rows = hasShared ? manifestRows() : [];

  it('extracts every EXTRACT-OK image to its expected payload', () => {
    const extractOk = rows.filter((row) => row.verdict.startsWith('EXTRACT-OK'));
    expect(extractOk.map((row) => row.file).sort()).toEqual(Object.keys(EXTRACT_OK).sort());
    for (const row of extractOk) {
      const bytes = read('fixtures', 'real', row.file);
      EXTRACT_OK[row.file]!(badgeOf(extractBadge(bytes)).payload, bytes);
    }
  });

  it('finds no badge in every NO-BADGE image', () => {
    const noBadge = rows.filter((row) => row.verdict.startsWith('NO-BADGE'));
    expect(noBadge).toHaveLength(6);
    for (const row of noBadge) {
      expect(extractBadge(read('fixtures', 'real', row.file)).found, row.file).toBe(false);
    }
  });

  it('rejects the NOT-AN-IMAGE file with ERR_IMAGE_UNKNOWN', () => {
    const row = rows.find((r) => r.verdict.startsWith('NOT-AN-IMAGE'));
    expect(row?.file).toBe('images/notpng-badgr-bad_image.png');
    expect(() => extractBadge(read('fixtures', 'real', row!.file))).toThrow(
      expect.objectContaining({ code: 'ERR_IMAGE_UNKNOWN', exitCode: 65 }),
    );
  });

  it('extracts the 1EdTech OB 3.0 baked images', () => {
    const json = read('fixtures', 'real', 'images', 'ob3-1edtech-simple-json.png');
    const jsonBadge = badgeOf(extractBadge(json));
    expect(jsonBadge).toMatchObject({
      container: 'png',
      spec: 'ob3',
      payloadKind: 'json',
      warnings: [],
    });
    expect(jsonBadge.payload).toBe(chunkText(json, 'openbadgecredential'));
    expect(JSON.parse(jsonBadge.payload).type).toContain('OpenBadgeCredential');

    const v1 = read('fixtures', 'real', 'images', 'ob3-1edtech-simple-jwt_v1.png');
    expect(badgeOf(extractBadge(v1))).toMatchObject({
      payload: chunkText(v1, 'openbadgecredential'),
      payloadKind: 'jwt',
      spec: 'ob3',
    });

    const svg = read('fixtures', 'real', 'images', 'ob3-1edtech-simple-jwt.svg');
    const verify = /verify="([^"]+)"/.exec(svg.toString('utf8'))![1];
    expect(badgeOf(extractBadge(svg))).toMatchObject({
      payload: verify,
      payloadKind: 'jwt',
      spec: 'ob3',
      location: 'SVG <openbadges:credential> verify attribute',
    });
  });

  it('reads the bad-json SVG body as text, with a warning naming the verify URL', () => {
    const badge = badgeOf(
      extractBadge(read('fixtures', 'real', 'images', 'legacy-mozbakery-bad-json.svg')),
    );
    expect(badge.payload).toBe('{verify:{"url":"http://example.org"}}');
    expect(badge.warnings).toEqual([
      "the body is not valid JSON; the verify attribute holds 'http://example.org'",
    ]);
  });

  it('bakes into every unbaked image and reads the credential back, keeping the prolog', () => {
    const jwt = badgeOf(
      extractBadge(read('fixtures', 'real', 'images', 'ob3-1edtech-simple-jwt_v1.png')),
    ).payload;
    for (const row of rows.filter((r) => r.verdict.startsWith('NO-BADGE'))) {
      const input = read('fixtures', 'real', row.file);
      const baked = bakeImage(input, jwt);
      expect(badgeOf(extractBadge(baked.bytes)).payload, row.file).toBe(jwt);
      if (baked.kind === 'svg') {
        const before = input.toString('utf8');
        const prolog = before.slice(0, before.indexOf('<svg'));
        expect(Buffer.from(baked.bytes).toString('utf8').startsWith(`${prolog}<svg`)).toBe(true);
      } else {
        const kept = listChunks(Buffer.from(baked.bytes)).filter((c) => c.type !== 'iTXt');
        expect(kept.map((c) => c.raw.toString('hex'))).toEqual(
          listChunks(input).map((c) => c.raw.toString('hex')),
        );
      }
    }
  });
});

describe.runIf(hasShared)('shared/cases', () => {
  const caseFile = (name: string): Buffer => read('cases', name);

  it('case01: iTXt {} with CRLFs comes back as it is', () => {
    expect(badgeOf(extractBadge(caseFile('case01-itxt-empty-object.png')))).toMatchObject({
      payload: '{\r\n}\r\n',
      payloadKind: 'json',
      spec: 'ob2',
    });
  });

  it('case02: SVG with BOM and XML declaration: CDATA JSON extracted, prolog kept on bake', () => {
    const input = caseFile('case02-svg-xmldecl-bom.svg');
    const badge = badgeOf(extractBadge(input));
    expect(JSON.parse(badge.payload).id).toBe('urn:uuid:7b5c0d2e-1111-4a4a-9c9c-000000000001');
    const baked = bakeImage(input, '{"type":["VerifiableCredential","OpenBadgeCredential"]}');
    expect(baked.replaced).toBe(true);
    const out = Buffer.from(baked.bytes);
    expect(out.subarray(0, 41).equals(input.subarray(0, 41))).toBe(true);
    expect(badgeOf(extractBadge(out)).spec).toBe('ob3');
  });

  it('case03: verify attribute only gives the hosted URL', () => {
    expect(badgeOf(extractBadge(caseFile('case03-svg-verify-attribute-only.svg')))).toMatchObject({
      payload: 'https://issuer.example/assertions/1',
      payloadKind: 'url',
      spec: 'ob2',
    });
  });

  it('case04: compressed iTXt is inflated whole, equal to the expected payload', () => {
    const badge = badgeOf(extractBadge(caseFile('case04-itxt-compressed.png')));
    expect(
      Buffer.from(badge.payload, 'utf8').equals(caseFile('case04-expected-payload.json')),
    ).toBe(true);
    expect(badge.warnings).toHaveLength(1);
  });

  it('case06: a tEXt chunk with a bad CRC is a precise ERR_PNG_CRC', () => {
    expect(() => extractBadge(caseFile('case06-text-chunk-bad-crc.png'))).toThrow(
      expect.objectContaining({
        code: 'ERR_PNG_CRC',
        message: "chunk 'tEXt' at byte offset 33 has crc 0x12345678, its content gives 0xf956c8c6",
      }),
    );
  });

  it('case08: UTF-8 JSON round-trips byte for byte', () => {
    const input = caseFile('case08-unicode-utf8.png');
    const payload = badgeOf(extractBadge(input)).payload;
    expect(payload).toBe(chunkText(input, 'openbadges'));
    expect(payload).toContain('中文');
    const again = bakeImage(input, payload);
    expect(badgeOf(extractBadge(again.bytes)).payload).toBe(payload);
  });

  it('case08 mojibake: double-encoded text is read as the odd text it is, and no crash', async () => {
    const input = caseFile('case08-unicode-mojibake.json');
    const badge = badgeOf(extractBadge(input));
    expect(JSON.parse(badge.payload).badge.name).toBe(
      'Certified SAFe\u00c2\u00ae 4 Agilist \u00e2\u0080\u0093 \u00e4\u00b8\u00ad\u00e6\u0096\u0087 \u00c3\u00a9t\u00c3\u00a9',
    );
    const report = await verifyExtracted({
      extracted: extractBadge(input),
      trust: { entries: [] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(report.credential?.achievement).toBe(JSON.parse(badge.payload).badge.name);
    // A baker never makes mojibake from UTF-8: the UTF-8 case bakes and reads back unchanged.
    const utf8 = badgeOf(extractBadge(caseFile('case08-unicode-utf8.png'))).payload;
    const baked = badgeOf(
      extractBadge(bakeImage(Buffer.from(BASE_SVG_FOR_CASES), utf8).bytes),
    ).payload;
    expect(baked).toBe(utf8);
    expect(baked).not.toContain('\u00c2\u00ae');
  });

  it('every file of shared/cases is a row of some test', () => {
    const sources = readdirSync(join(repoRoot, 'test'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(repoRoot, 'test', f), 'utf8'))
      .join('\n');
    const missing = readdirSync(sharedPath('cases'))
      .filter((name) => /^case\d+/u.test(name))
      .filter((name) => !sources.includes(name));
    expect(missing).toEqual([]);
  });

  it('case21: keyword openbadge is no badge, with a hint', () => {
    const result = extractBadge(caseFile('case21-keyword-openbadge-singular.png'));
    expect(result).toEqual({
      found: false,
      reason: 'the png has no openbadgecredential or openbadges chunk',
      hints: [
        "the iTXt chunk at byte offset 33 has the keyword 'openbadge'; badges use 'openbadgecredential' (OB 3.0, iTXt) or 'openbadges' (OB 2.0)",
      ],
    });
  });

  it('case24: an unbound prefix is a clear ERR_SVG_MALFORMED', () => {
    expect(() => extractBadge(caseFile('case24-svg-unbound-prefix.svg'))).toThrow(
      expect.objectContaining({
        code: 'ERR_SVG_MALFORMED',
        message: 'the svg is not well-formed xml: 1:130: unbound namespace prefix: "openbadges".',
      }),
    );
  });
});
