import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bakeImage, extractBadge, payloadOf, sniffImage } from '../../../src/core/bake/index.js';
import { makePng } from './png-helpers.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>\n';
const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

describe('sniffImage', () => {
  it('knows PNG by signature and SVG after any prolog', () => {
    expect(sniffImage(makePng())).toBe('png');
    expect(
      sniffImage(
        utf8(
          '\uFEFF<?xml version="1.0"?><!-- c --><?pi x?>\n<!DOCTYPE svg [<!ENTITY a "]>">]> <svg/>',
        ),
      ),
    ).toBe('svg');
    expect(sniffImage(utf8('<svg\nwidth="1"></svg>'))).toBe('svg');
    expect(sniffImage(utf8('<svgx/>'))).toBeUndefined();
    expect(sniffImage(utf8('<html><svg/></html>'))).toBeUndefined();
    expect(sniffImage(utf8('{"a":1}'))).toBeUndefined();
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e]))).toBeUndefined();
  });
});

describe('payloadOf', () => {
  it('tells JSON from JWS by the first character', () => {
    expect(payloadOf('  \n{"a":1}')).toEqual({ kind: 'json', text: '  \n{"a":1}' });
    expect(payloadOf(JWT)).toEqual({ kind: 'jwt', text: JWT });
  });
});

describe('bare credential files', () => {
  it('reads a credential JSON file and a compact JWS file as they are', () => {
    const json =
      '{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"]}';
    expect(extractBadge(utf8(`${json}\n`))).toEqual({
      found: true,
      others: 0,
      badge: {
        container: 'json',
        location: 'the file itself (credential JSON)',
        spec: 'ob3',
        payload: json,
        payloadKind: 'json',
        warnings: [],
      },
    });
    const result = extractBadge(utf8(`${JWT}\n`));
    expect(result.found && result.badge.container).toBe('jwt');
    expect(result.found && result.badge.payload).toBe(JWT);
  });

  it('rejects what is neither an image nor a credential with ERR_IMAGE_UNKNOWN', () => {
    for (const text of ['hello', '{"some":"bad"}', '[1,2]', '<html/>', '{not json']) {
      expect(() => extractBadge(utf8(text)), text).toThrow(
        expect.objectContaining({ code: 'ERR_IMAGE_UNKNOWN' }),
      );
    }
    expect(() => extractBadge(new Uint8Array([0xff, 0xfe, 0x00]))).toThrow(
      expect.objectContaining({ code: 'ERR_IMAGE_UNKNOWN' }),
    );
  });
});

describe('bakeImage', () => {
  it('round-trips any JSON text byte for byte, in PNG and SVG', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })),
        (object) => {
          const json = JSON.stringify({ type: 'OpenBadgeCredential', ...object });
          for (const image of [makePng(), utf8(SVG)]) {
            const result = extractBadge(bakeImage(image, json).bytes);
            expect(result.found && result.badge.payload).toBe(json);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('round-trips a fixed UTF-8 credential with ® and 中文', () => {
    const json = '{"name":"SAFe® Practitioner – 中文","recipient":"josé@example.org"}';
    for (const image of [makePng(), utf8(SVG)]) {
      const result = extractBadge(bakeImage(image, json).bytes);
      expect(result.found && result.badge.payload).toBe(json);
    }
  });

  it('drops outer white space, checks the credential, and warns when it replaces one', () => {
    const first = bakeImage(makePng(), `\n${JWT}\r\n`);
    expect(first).toMatchObject({ kind: 'png', replaced: false, warnings: [] });
    const second = bakeImage(first.bytes, '{"a":1}');
    expect(second.replaced).toBe(true);
    expect(second.warnings).toEqual(['replaced the credential already baked into the png']);
    expect(() => bakeImage(makePng(), '{"a":')).toThrow(
      expect.objectContaining({ code: 'ERR_CREDENTIAL_INVALID' }),
    );
    expect(() => bakeImage(makePng(), 'not a jwt')).toThrow(
      expect.objectContaining({ code: 'ERR_CREDENTIAL_INVALID' }),
    );
    expect(() => bakeImage(utf8('GIF89a'), JWT)).toThrow(
      expect.objectContaining({ code: 'ERR_IMAGE_UNKNOWN' }),
    );
  });

  it('lists what it cleaned out of SVG artwork', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><g onmouseover="x()"/></svg>';
    expect(bakeImage(utf8(svg), JWT).warnings).toEqual([
      'removed from the artwork: onmouseover event handler on <g> (line 1)',
    ]);
  });
});
