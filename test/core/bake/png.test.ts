import fc from 'fast-check';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bakePng, crc32, extractBadge, readPngChunks } from '../../../src/core/bake/index.js';
import { BadgesmithError } from '../../../src/core/errors.js';
import { chunk, itxt, listChunks, makePng } from './png-helpers.js';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

function errorOf(fn: () => unknown): BadgesmithError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected a BadgesmithError');
}

function found(bytes: Uint8Array) {
  const result = extractBadge(bytes);
  if (!result.found) throw new Error(`not found: ${result.reason}`);
  return result;
}

describe('crc32', () => {
  it('gives the PNG spec values', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IE'), new TextEncoder().encode('ND'))).toBe(0xae426082);
  });

  it('agrees with zlib on any bytes, split anywhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        expect(crc32(bytes.subarray(0, at), bytes.subarray(at))).toBe(zlibCrc32(bytes));
      }),
    );
  });
});

describe('bakePng', () => {
  it('splices one uncompressed iTXt openbadgecredential chunk right after IHDR', () => {
    const input = makePng();
    const { bytes, replaced } = bakePng(input, JWT);
    expect(replaced).toBe(false);
    const chunks = listChunks(bytes);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'tEXt', 'IDAT', 'IEND']);
    expect(chunks[1]!.data.toString('latin1')).toBe(`openbadgecredential\0\0\0\0\0${JWT}`);
    expect(
      Buffer.from(bytes).equals(
        Buffer.concat([
          input.subarray(0, 33),
          itxt('openbadgecredential', Buffer.from(JWT)),
          input.subarray(33),
        ]),
      ),
    ).toBe(true);
  });

  it('baking twice leaves exactly one chunk and every other chunk byte-identical', () => {
    const input = makePng([chunk('pHYs', Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1]))]);
    const once = bakePng(input, '{"a":1}');
    const twice = bakePng(once.bytes, JWT);
    expect(twice.replaced).toBe(true);
    const after = listChunks(twice.bytes);
    expect(after.filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(after.filter((c) => c.type !== 'iTXt').map((c) => c.raw.toString('hex'))).toEqual(
      listChunks(input).map((c) => c.raw.toString('hex')),
    );
    expect(found(twice.bytes).badge.payload).toBe(JWT);
  });

  it('also removes an OB 2.0 openbadges chunk (iTXt or tEXt), and keeps other text chunks', () => {
    const input = makePng([
      itxt('openbadges', Buffer.from('{"type":"Assertion"}')),
      chunk('tEXt', Buffer.from('openbadges\0https://example.org/a', 'latin1')),
      chunk('tEXt', Buffer.from('Comment\0kept', 'latin1')),
    ]);
    const { bytes, replaced } = bakePng(input, JWT);
    expect(replaced).toBe(true);
    const texts = listChunks(bytes).filter((c) => c.type === 'tEXt' || c.type === 'iTXt');
    expect(texts.map((c) => c.data.toString('latin1').split('\0')[0])).toEqual([
      'openbadgecredential',
      'Comment',
      'Software',
    ]);
    const result = found(bytes);
    expect(result.others).toBe(0);
  });

  it('round-trips UTF-8 text byte for byte', () => {
    const json = '{"name":"SAFe® Agilist – 中文 café","email":"josé@example.org"}';
    const { bytes } = bakePng(makePng(), json);
    const result = found(bytes);
    expect(result.badge.payload).toBe(json);
    const data = listChunks(bytes)[1]!.data;
    expect(data.subarray(24).equals(Buffer.from(json, 'utf8'))).toBe(true);
  });

  it('refuses a damaged image instead of baking into it', () => {
    const input = makePng();
    const last = input.length - 17; // the last data byte of IDAT
    input[last] = input[last]! ^ 0xff;
    expect(errorOf(() => bakePng(input, JWT)).code).toBe('ERR_PNG_CRC');
  });
});

describe('reading PNG chunks', () => {
  it('reports a truncated chunk with its byte offset and type', () => {
    const input = makePng();
    const cut = input.subarray(0, input.length - 20);
    const error = errorOf(() => extractBadge(cut));
    expect(error.code).toBe('ERR_PNG_MALFORMED');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      "truncated chunk 'IDAT' at byte offset 58: it needs 24 bytes, the file ends after 16",
    );
  });

  it('reports a missing IEND, a bad length and a first chunk other than IHDR', () => {
    const input = makePng();
    expect(errorOf(() => readPngChunks(input.subarray(0, input.length - 12))).message).toBe(
      'the png ends without an IEND chunk (the file is cut short)',
    );
    const huge = Buffer.from(input);
    huge.writeUInt32BE(0x80000000, 8);
    expect(errorOf(() => readPngChunks(huge)).message).toBe(
      "chunk 'IHDR' at byte offset 8 declares length 2147483648",
    );
    const noIhdr = Buffer.concat([input.subarray(0, 8), input.subarray(33)]);
    expect(errorOf(() => readPngChunks(noIhdr)).message).toBe(
      "the first chunk is 'tEXt' at byte offset 8, not 'IHDR'",
    );
  });

  it('stops at the 64 MiB size cap', () => {
    const big = new Uint8Array(64 * 1024 * 1024 + 1);
    big.set(makePng().subarray(0, 8));
    const error = errorOf(() => extractBadge(big));
    expect(error.code).toBe('ERR_IMAGE_TOO_LARGE');
    expect(error.message).toBe('the png is 67108865 bytes, more than the 67108864 this reads');
  });

  it('reports a CRC mismatch with the chunk and offset', () => {
    const input = makePng();
    input.writeUInt32BE(0x12345678, 8 + 8 + 13);
    const error = errorOf(() => extractBadge(input));
    expect(error.code).toBe('ERR_PNG_CRC');
    expect(error.message).toMatch(
      /^chunk 'IHDR' at byte offset 8 has crc 0x12345678, its content gives 0x[0-9a-f]{8}$/,
    );
  });
});

describe('extracting from PNG', () => {
  it('returns found:false for an unbaked image, with a near-miss hint', () => {
    expect(extractBadge(makePng())).toEqual({
      found: false,
      reason: 'the png has no openbadgecredential or openbadges chunk',
      hints: [],
    });
    const result = extractBadge(makePng([itxt('OpenBadges', Buffer.from('{}'))]));
    expect(result.found).toBe(false);
    if (!result.found) expect(result.hints[0]).toContain("keyword 'OpenBadges'");
  });

  it('inflates a compressed iTXt with a warning, and caps inflation', () => {
    const json = '{"@context":"https://w3id.org/openbadges/v2","type":"Assertion"}';
    const result = found(makePng([itxt('openbadges', deflateSync(json), true)]));
    expect(result.badge.payload).toBe(json);
    expect(result.badge.spec).toBe('ob2');
    expect(result.badge.warnings).toEqual([
      "the iTXt chunk 'openbadges' is compressed, which baking forbids; it was inflated",
    ]);
    const bomb = makePng([
      itxt('openbadgecredential', deflateSync(Buffer.alloc(9 * 1024 * 1024, 0x20)), true),
    ]);
    expect(errorOf(() => extractBadge(bomb)).code).toBe('ERR_IMAGE_TOO_LARGE');
  });

  it('reads OB 3.0 content under the OB 2.0 keyword with a warning', () => {
    const json =
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]}';
    const result = found(makePng([itxt('openbadges', Buffer.from(json))]));
    expect(result.badge.spec).toBe('ob3');
    expect(result.badge.location).toBe("PNG iTXt chunk 'openbadges'");
    expect(result.badge.warnings).toEqual([
      "an OB 3.0 credential is stored under the OB 2.0 keyword 'openbadges'",
    ]);
  });

  it('prefers the OB 3.0 chunk and counts the others', () => {
    const result = found(
      makePng([
        chunk('tEXt', Buffer.from('openbadges\0https://example.org/a', 'latin1')),
        itxt('openbadgecredential', Buffer.from(JWT)),
        itxt('openbadgecredential', Buffer.from('{"second":true}')),
      ]),
    );
    expect(result.others).toBe(2);
    expect(result.badge.payload).toBe(JWT);
    expect(result.badge.payloadKind).toBe('jwt');
    expect(result.badge.warnings).toEqual([
      "the png holds 3 credential chunks; only the iTXt 'openbadgecredential' one at byte offset 77 was read",
    ]);
  });

  it('reads a legacy tEXt URL with a warning, and hints at a tEXt openbadgecredential', () => {
    const legacy = found(
      makePng([chunk('tEXt', Buffer.from('openbadges\0https://example.org/a', 'latin1'))]),
    );
    expect(legacy.badge).toMatchObject({
      payload: 'https://example.org/a',
      payloadKind: 'url',
      spec: 'ob2',
    });
    expect(legacy.badge.warnings).toEqual([
      "read the legacy tEXt chunk 'openbadges' (pre-2013 OB baking, a hosted URL)",
    ]);
    const wrong = extractBadge(
      makePng([chunk('tEXt', Buffer.from(`openbadgecredential\0${JWT}`, 'latin1'))]),
    );
    expect(wrong.found).toBe(false);
    if (!wrong.found) expect(wrong.hints[0]).toContain('OB 3.0 bakes into iTXt only');
  });

  it('refuses a credential iTXt whose header is cut', () => {
    const error = errorOf(() =>
      extractBadge(makePng([chunk('iTXt', Buffer.from('openbadgecredential\0\0\0', 'latin1'))])),
    );
    expect(error.code).toBe('ERR_PNG_MALFORMED');
    expect(error.message).toBe(
      'iTXt chunk at byte offset 33: the language tag or translated keyword is not terminated',
    );
  });
});
