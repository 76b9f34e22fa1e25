import { describe, expect, it } from 'vitest';
import { bakeSvg, extractBadge, payloadOf, sniffImage } from '../../../src/core/bake/index.js';
import { BadgesmithError } from '../../../src/core/errors.js';

const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';
const ART =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n  <circle r="4"/>\n</svg>\n';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function extracted(text: string) {
  const result = extractBadge(utf8(text));
  if (!result.found) throw new Error(`not found: ${result.reason}`);
  return result;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadgesmithError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('bakeSvg', () => {
  it('puts a JWT in verify on an empty element right after the svg start tag', () => {
    const { text, replaced, removed } = bakeSvg(ART, payloadOf(JWT));
    expect(text).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" xmlns:openbadges="${OB3}">` +
        `<openbadges:credential verify="${JWT}"></openbadges:credential>\n  <circle r="4"/>\n</svg>\n`,
    );
    expect(replaced).toBe(false);
    expect(removed).toEqual([]);
  });

  it('puts JSON in CDATA and splits a ]]> inside it; extraction gives it back', () => {
    const json = '{"name":"a ]]> b ®","x":"中文"}';
    const { text } = bakeSvg(ART, payloadOf(json));
    expect(text).toContain(
      '<openbadges:credential><![CDATA[{"name":"a ]]]]><![CDATA[> b ®","x":"中文"}]]></openbadges:credential>',
    );
    const result = extracted(text);
    expect(result.badge).toMatchObject({ payload: json, payloadKind: 'json', container: 'svg' });
    expect(result.badge.location).toBe('SVG <openbadges:credential> body');
  });

  it('keeps the prolog (BOM, XML declaration, DOCTYPE, comments) exactly', () => {
    const prolog =
      '\uFEFF<?xml version="1.0"?>\n<!-- art -->\n<!DOCTYPE svg [ <!ENTITY x "y"> ]>\n';
    const { text } = bakeSvg(prolog + ART, payloadOf(JWT));
    expect(text.startsWith(prolog + '<svg ')).toBe(true);
    expect(sniffImage(utf8(text))).toBe('svg');
  });

  it('replaces an existing credential, never appends a second', () => {
    const once = bakeSvg(ART, payloadOf('{"first":1}')).text;
    const twice = bakeSvg(once, payloadOf(JWT));
    expect(twice.replaced).toBe(true);
    expect(twice.text.match(/<openbadges:credential/g)).toHaveLength(1);
    expect(twice.text.match(/xmlns:openbadges=/g)).toHaveLength(1);
    const result = extracted(twice.text);
    expect(result.others).toBe(0);
    expect(result.badge.payload).toBe(JWT);
  });

  it('replaces an OB 2.0 assertion and rebinds the openbadges prefix', () => {
    const ob2 =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">' +
      '<openbadges:assertion verify="https://example.org/a.json"/><rect/></svg>';
    const { text, replaced } = bakeSvg(ob2, payloadOf(JWT));
    expect(replaced).toBe(true);
    expect(text).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}">` +
        `<openbadges:credential verify="${JWT}"></openbadges:credential><rect/></svg>`,
    );
  });

  it('declares the namespace on the element when the artwork still uses the old prefix', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://example.org/other">' +
      '<openbadges:thing/></svg>';
    const { text } = bakeSvg(svg, payloadOf(JWT));
    expect(text).toContain(`<openbadges:credential xmlns:openbadges="${OB3}" verify="${JWT}">`);
    expect(extracted(text).badge.payload).toBe(JWT);
  });

  it('opens a self-closing root', () => {
    const { text } = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', payloadOf(JWT));
    expect(text).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}">` +
        `<openbadges:credential verify="${JWT}"></openbadges:credential></svg>`,
    );
  });

  it('removes scripts, event handlers and javascript: links from the artwork, and says so', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">\n' +
      '<script>alert(1)</script>\n<a xlink:href=" JaVa\tScript:alert(2)"><circle onclick="y()" r="1"/></a>\n' +
      '<a href="#top">ok</a>\n</svg>';
    const { text, removed } = bakeSvg(svg, payloadOf(JWT));
    expect(removed).toEqual([
      'onload event handler on <svg> (line 1)',
      '<script> element (line 2)',
      'xlink:href=" JaVa\tScript:alert(2)" script link on <a> (line 3)',
      'onclick event handler on <circle> (line 3)',
    ]);
    expect(text).not.toMatch(/script|onload|onclick/i);
    expect(text).toContain('<a href="#top">ok</a>');
  });

  it('refuses a root other than svg and malformed XML', () => {
    expect(codeOf(() => bakeSvg('<html/>', payloadOf(JWT)))).toBe('ERR_SVG_MALFORMED');
    expect(codeOf(() => bakeSvg('<svg><g></svg>', payloadOf(JWT)))).toBe('ERR_SVG_MALFORMED');
  });
});

describe('extracting from SVG', () => {
  it('matches the element by namespace, whatever the prefix, and joins CDATA and text', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="${OB3}"><ob:credential>\n  <![CDATA[{"a":]]>1<![CDATA[}]]>\n</ob:credential></svg>`;
    expect(extracted(svg).badge).toMatchObject({
      payload: '{"a":1}',
      location: 'SVG <ob:credential> body',
      spec: 'ob3',
      warnings: [],
    });
  });

  it('reads a wrong OB 3.0 namespace seen in the wild, with a warning', () => {
    const wrong = 'https://purl.imsglobal.org/spec/ob/v3p0';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${wrong}"><openbadges:credential verify="${JWT}"/></svg>`;
    expect(extracted(svg).badge.warnings).toEqual([
      `the credential element is in namespace '${wrong}', not '${OB3}'`,
    ]);
  });

  it('reads the OB 2.0 assertion: the body when there is one, else verify', () => {
    const withBody =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">' +
      '<openbadges:assertion verify="https://example.org/a"><![CDATA[{"type":"Assertion"}]]></openbadges:assertion></svg>';
    expect(extracted(withBody).badge).toMatchObject({
      payload: '{"type":"Assertion"}',
      spec: 'ob2',
    });
    const urlOnly = withBody.replace('<![CDATA[{"type":"Assertion"}]]>', '');
    expect(extracted(urlOnly).badge).toMatchObject({
      payload: 'https://example.org/a',
      payloadKind: 'url',
      location: 'SVG <openbadges:assertion> verify attribute',
    });
  });

  it('counts further credential elements and reads the first', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}"><openbadges:credential verify="${JWT}"/><openbadges:credential verify="a.b.c"/></svg>`;
    const result = extracted(svg);
    expect(result.others).toBe(1);
    expect(result.badge.payload).toBe(JWT);
  });

  it('says found:false for an unbaked svg or an empty element', () => {
    expect(extractBadge(utf8(ART))).toEqual({
      found: false,
      reason: 'the svg has no openbadges credential or assertion element',
      hints: [],
    });
    const empty = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}"><openbadges:credential> </openbadges:credential></svg>`;
    expect(extractBadge(utf8(empty)).found).toBe(false);
  });

  it('never expands entities from a DTD', () => {
    const svg = `<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB3}"><openbadges:credential>&e;</openbadges:credential></svg>`;
    expect(codeOf(() => extractBadge(utf8(svg)))).toBe('ERR_SVG_MALFORMED');
  });

  it('refuses millions of nested elements at depth 512, reading no further', () => {
    // The tail is not well-formed: a reader that went on past the 513th element would report
    // that instead, so the depth error shows the work stopped there.
    const n = 2_000_000;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(n)}</h>${'</g>'.repeat(n)}</svg>`;
    expect(() => extractBadge(utf8(svg))).toThrow(
      expect.objectContaining({
        code: 'ERR_SVG_MALFORMED',
        message: 'the svg nests elements more than 512 deep (line 1)',
      }),
    );
    expect(() => bakeSvg(svg, payloadOf('{"a":1}'))).toThrow(
      expect.objectContaining({ message: 'the svg nests elements more than 512 deep (line 1)' }),
    );
    const shallow = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(511)}</h>${'</g>'.repeat(511)}</svg>`;
    expect(() => extractBadge(utf8(shallow))).toThrow(/the svg is not well-formed xml/u);
    const fine = `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(511)}${'</g>'.repeat(511)}</svg>`;
    expect(extractBadge(utf8(fine)).found).toBe(false);
  });
});
