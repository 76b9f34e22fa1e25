import { describe, expect, it } from 'vitest';
import { isBadgesmithError } from '../../../src/core/errors.js';
import {
  assertTemplate,
  MAX_TEMPLATE_BYTES,
  templateWarnings,
} from '../../../src/core/model/template.js';

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string): string => `<svg ${NS} width="100" height="100">\n${body}\n</svg>\n`;

/** The error assertTemplate throws, as code, message and hint; undefined when it passes. */
function refusal(text: string) {
  try {
    assertTemplate(text, 'badge.svg');
    return undefined;
  } catch (error) {
    if (!isBadgesmithError(error)) throw error;
    return { code: error.code, exit: error.exitCode, message: error.message, hint: error.hint };
  }
}

describe('assertTemplate: markup checked once, with the line and column', () => {
  it('passes a template with placeholders in text and plain attributes', () => {
    const ok = svg(
      '<text aria-label="{{recipient.name}}">{{recipient.name}}</text>\n<a href="https://example.org/criteria"><text>{{achievement.name}}</text></a>',
    );
    expect(refusal(ok)).toBeUndefined();
  });

  it('refuses markup that is not well-formed, at its line:column', () => {
    const bad = svg('<text x="1">{{recipient.name}}</text>\n<rect width="10">');
    expect(refusal(bad)).toEqual({
      code: 'ERR_TEMPLATE_INVALID',
      exit: 65,
      message: "template 'badge.svg:4:6' is not well-formed xml: unexpected close tag",
      hint: 'fix the markup there (an XML-aware editor or `xmllint --noout` shows it)',
    });
  });

  it('refuses a DOCTYPE that declares entities, at the DOCTYPE', () => {
    const dtd = `<?xml version="1.0"?>\n<!DOCTYPE svg [\n  <!ENTITY ns "x">\n]>\n${svg('<text>&ns; {{recipient.name}}</text>')}`;
    expect(refusal(dtd)?.message).toBe(
      "template 'badge.svg:2:1' declares a DTD internal subset (entities): these are not supported",
    );
  });

  it('refuses an entity nothing declares, at the reference', () => {
    expect(refusal(svg('<text>&copy; {{recipient.name}}</text>'))?.message).toBe(
      "template 'badge.svg:2:12' is not well-formed xml: undefined entity (only &amp; &lt; &gt; &quot; &apos; and character references are read)",
    );
  });

  it('refuses a root that is not <svg>, as baking would on every row', () => {
    expect(refusal('<html><p>{{recipient.name}}</p></html>')?.message).toBe(
      "template 'badge.svg': the root element is <html>, not <svg>",
    );
  });
});

describe('assertTemplate: placeholders where a value would become a reference', () => {
  it.each([
    [
      '<a href="{{recipient.name}}"><text>x</text></a>',
      'href',
      '<a>',
      'a reference (a url there is loaded or followed)',
    ],
    [
      '<image xlink:href="{{recipient.name}}"/>',
      'xlink:href',
      '<image>',
      'a reference (a url there is loaded or followed)',
    ],
    [
      '<rect style="fill: {{recipient.name}}"/>',
      'style',
      '<rect>',
      'a reference (a url there is loaded or followed)',
    ],
    [
      '<rect fill="{{issuer.name}}"/>',
      'fill',
      '<rect>',
      'a reference (a url there is loaded or followed)',
    ],
    ['<rect data-x="url(#{{issued}})"/>', 'data-x', '<rect>', 'a reference (it holds a url())'],
    ['<rect onclick="{{recipient.name}}"/>', 'onclick', '<rect>', 'an event handler'],
    [
      '<set attributeName="href" to="{{recipient.name}}"/>',
      'to',
      '<set>',
      'an animation, which can set a link',
    ],
    [
      '<g xml:base="{{recipient.name}}"/>',
      'xml:base',
      '<g>',
      'a reference (a url there is loaded or followed)',
    ],
  ])('%s', (body, attribute, element, reason) => {
    const name = /\{\{([^}]+)\}\}/u.exec(body)![1]!;
    expect(refusal(svg(`<text>x</text>\n${body}`))).toEqual({
      code: 'ERR_TEMPLATE_INVALID',
      exit: 65,
      message: `template 'badge.svg:3:1' has placeholder '{{${name}}}' in attribute '${attribute}' of ${element}, which is ${reason}`,
      hint: expect.stringMatching(/^put placeholders in text/u),
    });
  });

  it('refuses a placeholder inside <style>, at the placeholder', () => {
    const style = svg('<style>\n  .n { background: url({{recipient.name}}); }\n</style>');
    expect(refusal(style)?.message).toBe(
      "template 'badge.svg:3:24' has placeholder '{{recipient.name}}' inside <style>, where it is code, not text",
    );
  });
});

describe('assertTemplate: placeholders in instructions', () => {
  it('refuses a placeholder in an <?xml-stylesheet?>, at the instruction', () => {
    const text = `<?xml-stylesheet href="{{recipient.name}}"?>\n${svg('<text>x</text>')}`;
    expect(refusal(text)?.message).toBe(
      "template 'badge.svg:1:1' has placeholder '{{recipient.name}}' in the <?xml-stylesheet?> instruction",
    );
  });
});

describe('assertTemplate: size', () => {
  it('refuses a template over 2 MB with its size and the limit, before parsing it', () => {
    const big = svg(`<text>{{recipient.name}}</text><!--${'x'.repeat(MAX_TEMPLATE_BYTES)}-->`);
    expect(refusal(big)).toEqual({
      code: 'ERR_TEMPLATE_INVALID',
      exit: 65,
      message: "template 'badge.svg' is 2.0 MB, over the 2.0 MB a template may be",
      hint: 'badge artwork is a few kilobytes: export it again without embedded fonts or bitmaps, or use a fixed `image:`',
    });
    const eleven = `<svg><!--${'x'.repeat(11 * 1024 * 1024)}`; // not even well-formed
    expect(refusal(eleven)?.message).toBe(
      "template 'badge.svg' is 11.0 MB, over the 2.0 MB a template may be",
    );
  });

  it('passes one just under the limit', () => {
    const head = svg('<text>{{recipient.name}}</text><!---->');
    const padded = head.replace(
      '<!---->',
      `<!--${'x'.repeat(MAX_TEMPLATE_BYTES - head.length)}-->`,
    );
    expect(refusal(padded)).toBeUndefined();
  });
});

describe('templateWarnings', () => {
  it('warns when no {{recipient.name}} is there, and only then', () => {
    expect(templateWarnings(svg('<text>{{issued}}</text>'), 'badge.svg')).toEqual([
      "template 'badge.svg' has no {{recipient.name}}: every personal image is drawn without the earner's name",
    ]);
    expect(templateWarnings(svg('<text>{{ recipient.name }}</text>'), 'badge.svg')).toEqual([]);
  });
});
