import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bakeImage, bakePng, prepareImage, preparePng } from '../../../src/core/bake/index.js';
import { BadgesmithError } from '../../../src/core/errors.js';
import { chunk, itxt, listChunks, makePng } from './png-helpers.js';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

// Artworks with nothing to replace, an OB 3.0 credential, an OB 2.0 tEXt one, and both.
const ARTWORKS: [string, Buffer][] = [
  ['plain', makePng()],
  ['baked', makePng([itxt('openbadgecredential', Buffer.from('old.jwt.sig'))])],
  ['ob2', makePng([chunk('tEXt', Buffer.from('openbadges\0{"a":1}', 'latin1'))])],
  [
    'both',
    makePng([
      chunk('tEXt', Buffer.from('openbadges\0{"a":1}', 'latin1')),
      itxt('openbadgecredential', Buffer.from('old.jwt.sig')),
    ]),
  ],
];

describe('preparePng', () => {
  it.each(ARTWORKS)('gives the bytes bakePng gives, for every payload (%s artwork)', (_, png) => {
    const prepared = preparePng(png);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (payload) => {
        const once = bakePng(png, payload);
        const again = prepared.bake(payload);
        expect(Buffer.from(again.bytes).equals(Buffer.from(once.bytes))).toBe(true);
        expect(again.replaced).toBe(once.replaced);
      }),
    );
  });

  it('puts the credential right after IHDR and copies every other chunk, row after row', () => {
    const png = ARTWORKS[3]![1];
    const prepared = preparePng(png);
    expect(prepared.replaced).toBe(true);
    for (const payload of ['a.b.c', JWT, 'x.y.z']) {
      const chunks = listChunks(prepared.bake(payload).bytes);
      expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'tEXt', 'IDAT', 'IEND']);
      expect(chunks[1]!.data.toString('latin1')).toBe(`openbadgecredential\0\0\0\0\0${payload}`);
      expect(chunks[2]!.data.toString('latin1')).toBe('Software\0test');
    }
  });

  it('checks the artwork once, up front: a bad CRC throws ERR_PNG_CRC before any bake', () => {
    const png = Buffer.from(makePng());
    png.writeUInt8(png.readUInt8(png.length - 1) ^ 0xff, png.length - 1);
    let error: unknown;
    try {
      preparePng(png);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadgesmithError);
    expect((error as BadgesmithError).code).toBe('ERR_PNG_CRC');
  });
});

describe('prepareImage', () => {
  it('bakes png and svg artwork as bakeImage does, warnings included', () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    for (const art of [ARTWORKS[0]![1], ARTWORKS[1]![1], svg]) {
      const prepared = prepareImage(art);
      for (const payload of [JWT, `  ${JWT}\n`]) {
        const expected = bakeImage(art, payload);
        const got = prepared.bake(payload);
        expect(got.kind).toBe(expected.kind);
        expect(Buffer.from(got.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
        expect(got.warnings).toEqual(expected.warnings);
      }
    }
  });

  it('refuses a bad credential per bake with ERR_CREDENTIAL_INVALID', () => {
    const prepared = prepareImage(makePng());
    let error: unknown;
    try {
      prepared.bake('not a credential');
    } catch (caught) {
      error = caught;
    }
    expect((error as BadgesmithError).code).toBe('ERR_CREDENTIAL_INVALID');
  });
});
