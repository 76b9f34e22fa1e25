import { describe, expect, it } from 'vitest';
import { bakeSvg, payloadOf } from '../../../src/core/bake/index.js';
import { artworkRemovals } from '../../../src/core/bake/svg-bake.js';
import { readSvg } from '../../../src/core/bake/svg-read.js';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';
const OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n';
const KEEP = '<circle id="keep" r="4"/>';

/** Hostile markup (on line 2), what must be said about it, and a string that must be gone. */
const VECTORS: [string, string, string][] = [
  [
    '<set attributeName="onmouseover" to="alert(9)"/>',
    '<set> element (line 2): sets the onmouseover event handler',
    'alert(9)',
  ],
  [
    '<animate attributeName="href" values="javascript:alert(10)"/>',
    '<animate> element (line 2): sets href to "javascript:alert(10)"',
    'alert(10)',
  ],
  [
    '<animate attributeName="xlink:href" values="#a; data:text/html,x"/>',
    '<animate> element (line 2): sets xlink:href to "data:text/html,x"',
    'data:',
  ],
  [
    '<a><set attributeName="href" to=" JAVASCRIPT:alert(11)"/></a>',
    '<set> element (line 2): sets href to "JAVASCRIPT:alert(11)"',
    'alert(11)',
  ],
  [
    '<animateTransform attributeName="ONCLICK" to="alert(12)"/>',
    '<animateTransform> element (line 2): sets the ONCLICK event handler',
    'alert(12)',
  ],
  [
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(13)"/></div></foreignObject>',
    '<foreignObject> element (line 2)',
    'alert(13)',
  ],
  [
    '<use href="data:image/svg+xml;base64,PHN2Zz4="/>',
    '<use> element (line 2): references "data:image/svg+xml;base64,PHN2Zz4=" outside the document',
    'data:',
  ],
  [
    '<use xlink:href="https://evil.example/sprite.svg#x"/>',
    '<use> element (line 2): references "https://evil.example/sprite.svg#x" outside the document',
    'evil.example',
  ],
  [
    '<style>@import url(https://evil.example/a.css); circle { fill: red }</style>',
    '<style> element (line 2): it has an @import rule',
    'evil.example',
  ],
  [
    '<style><![CDATA[ circle { background: URL( "javascript:alert(14)" ) } ]]></style>',
    '<style> element (line 2): it loads a javascript: url',
    'alert(14)',
  ],
  [
    '<style>rect { fill: url(http://evil.example/p.svg#g) }</style>',
    '<style> element (line 2): it loads the external url(http://evil.example/p.svg#g)',
    'evil.example',
  ],
  ['<iframe src="https://evil.example/"/>', '<iframe> element (line 2)', 'evil.example'],
  ['<embed src="x.swf"/>', '<embed> element (line 2)', 'x.swf'],
  ['<object data="x.pdf"><param name="a"/></object>', '<object> element (line 2)', 'x.pdf'],
  [
    '<a href="javascript:alert(15)">x</a>',
    'href="javascript:alert(15)" script link on <a> (line 2)',
    'alert(15)',
  ],
  [
    '<a href="  JaVaScRiPt:alert(16)">x</a>',
    'href="  JaVaScRiPt:alert(16)" script link on <a> (line 2)',
    'alert(16)',
  ],
  [
    '<a xlink:href="&#106;ava&#x73;cript&#58;alert(17)">x</a>',
    'xlink:href="javascript:alert(17)" script link on <a> (line 2)',
    'alert(17)',
  ],
  [
    '<a href="&#x20;&#x09;java&#x0A;script:alert(18)">x</a>',
    'href=" \tjava\nscript:alert(18)" script link on <a> (line 2)',
    'alert(18)',
  ],
  [
    '<rect style="fill: url(javascript:alert(19))"/>',
    'style attribute on <rect> (line 2): it loads a javascript: url',
    'alert(19)',
  ],
  [
    '<image href="http://127.0.0.1:1/pixel.png"/>',
    'href="http://127.0.0.1:1/pixel.png" external reference on <image> (line 2): it would be fetched when the badge is opened',
    '127.0.0.1',
  ],
  [
    '<image xlink:href="https://t.example/p.png" width="1"/>',
    'xlink:href="https://t.example/p.png" external reference on <image> (line 2): it would be fetched when the badge is opened',
    't.example',
  ],
  [
    '<feImage href="//t.example/p.png"/>',
    'href="//t.example/p.png" external reference on <feImage> (line 2): it would be fetched when the badge is opened',
    't.example',
  ],
  [
    '<a href="ftp://t.example/">x</a>',
    'href="ftp://t.example/" external reference on <a> (line 2): it would be fetched when the badge is opened',
    't.example',
  ],
  [
    '<image href="logo.png"/>',
    'href="logo.png" local file reference on <image> (line 2): it would dangle in the badge',
    'logo.png',
  ],
  [
    '<image xlink:href="/abs/path.png"/>',
    'xlink:href="/abs/path.png" local file reference on <image> (line 2): it would dangle in the badge',
    'path.png',
  ],
  [
    '<image href="file:///etc/badge.png"/>',
    'href="file:///etc/badge.png" local file reference on <image> (line 2): it would dangle in the badge',
    'badge.png',
  ],
  [
    '<rect fill="url(http://t.example/p.svg#g)"/>',
    'fill attribute on <rect> (line 2): it loads the external url(http://t.example/p.svg#g)',
    't.example',
  ],
  [
    '<rect filter="URL(&quot;https://t.example/f.svg#f&quot;)"/>',
    'filter attribute on <rect> (line 2): it loads the external url(https://t.example/f.svg#f)',
    't.example',
  ],
  [
    '<rect style="background:url(https://t.example/p.png)"/>',
    'style attribute on <rect> (line 2): it loads the external url(https://t.example/p.png)',
    't.example',
  ],
  [
    '<rect style="background: \\75 rl(https://t.example/e.png)"/>',
    'style attribute on <rect> (line 2): it loads the external url(https://t.example/e.png)',
    't.example',
  ],
  [
    '<rect style="background-image: image-set(&quot;https://t.example/s.png&quot; 1x)"/>',
    'style attribute on <rect> (line 2): it loads the external url(https://t.example/s.png)',
    't.example',
  ],
  [
    '<rect style="fill: url(pattern.svg#p)"/>',
    'style attribute on <rect> (line 2): it refers to the local file url(pattern.svg#p), which would dangle in the badge',
    'pattern.svg',
  ],
  [
    "<style>rect { background: url('./bg.png') }</style>",
    '<style> element (line 2): it refers to the local file url(./bg.png), which would dangle in the badge',
    'bg.png',
  ],
  [
    '<style>@font-face { font-family: f; src: url(https://t.example/f.woff) }</style>',
    '<style> element (line 2): it loads the external url(https://t.example/f.woff)',
    't.example',
  ],
  [
    '<set attributeName="href" to="https://t.example/p.png"/>',
    '<set> element (line 2): sets href to "https://t.example/p.png"',
    't.example',
  ],
  [
    '<set attributeName="fill" to="url(https://t.example/p.svg#g)"/>',
    'to attribute on <set> (line 2): it loads the external url(https://t.example/p.svg#g)',
    't.example',
  ],
];

describe('the SVG sanitiser', () => {
  it.each(VECTORS)('removes %s', (markup, said, gone) => {
    const svg = `${OPEN}${markup}\n${KEEP}\n</svg>\n`;
    const { text, removed } = bakeSvg(svg, payloadOf(JWT));
    expect(removed).toEqual([said]);
    expect(text).not.toContain(gone);
    expect(text).toContain(KEEP);
    expect(readSvg(text).elements).toHaveLength(1);
    expect(artworkRemovals(svg)).toEqual([said]);
  });

  it('removes an external reference from the root element too', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" style="background:url(https://t.example/p.png)">\n' +
      `${KEEP}\n</svg>\n`;
    const { text, removed } = bakeSvg(svg, payloadOf(JWT));
    const said =
      'style attribute on <svg> (line 1): it loads the external url(https://t.example/p.png)';
    expect(removed).toEqual([said]);
    expect(artworkRemovals(svg)).toEqual([said]);
    expect(text).not.toContain('t.example');
    expect(text).toContain(KEEP);
  });

  it('removes an <?xml-stylesheet?> that names a style sheet, in the prolog or the document', () => {
    const svg =
      '<?xml version="1.0"?>\n<?xml-stylesheet type="text/css" href="https://t.example/a.css"?>\n' +
      `${OPEN.trimEnd()}<?xml-stylesheet type='text/xsl' href='x&#46;xsl'?>\n` +
      `<?xml-stylesheet title="none"?>${KEEP}\n</svg>\n`;
    const said = [
      '<?xml-stylesheet?> instruction (line 2): it loads the style sheet "https://t.example/a.css"',
      '<?xml-stylesheet?> instruction (line 3): it loads the style sheet "x.xsl"',
    ];
    const { text, removed } = bakeSvg(svg, payloadOf(JWT));
    expect(removed).toEqual(said);
    expect(artworkRemovals(svg)).toEqual(said);
    expect(text).not.toMatch(/t\.example|xsl/u);
    expect(text.startsWith('<?xml version="1.0"?>\n\n<svg ')).toBe(true);
    expect(text).toContain(`<?xml-stylesheet title="none"?>${KEEP}`);
    expect(readSvg(text).elements).toHaveLength(1);
  });

  it('keeps safe artwork as it is: local use, harmless animation, styles and data images', () => {
    const safe =
      `${OPEN}<style>circle { fill: url(#grad) } /* @import is only a comment */</style>\n` +
      '<use href="#keep"/><use xlink:href="#keep"/>\n' +
      '<animate attributeName="r" values="1;4;1" dur="2s"/><set attributeName="href" to="#b"/>\n' +
      '<image href="data:image/png;base64,iVBORw0KGgo="/><a href="#keep">a</a><a href="">b</a>\n' +
      // A hyperlink is only followed if the reader clicks it: nothing is fetched on opening.
      '<a href="https://example.org/criteria">c</a><a xlink:href="mailto:badges@example.org">d</a>\n' +
      '<rect fill="url(#grad)" style="fill: url( \'#grad\' ); mask: url(data:image/svg+xml,x)"/>\n' +
      `${KEEP}\n</svg>\n`;
    const { text, removed } = bakeSvg(safe, payloadOf(JWT));
    expect(removed).toEqual([]);
    expect(artworkRemovals(safe)).toEqual([]);
    expect(text.replace(/<openbadges:credential[^>]*><\/openbadges:credential>/, '')).toBe(
      safe.replace(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"',
      ),
    );
  });
});
