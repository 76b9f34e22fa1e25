import { describe, expect, it } from 'vitest';
import {
  bandStacker,
  splitTemplateLayers,
  stackBands,
} from '../../../src/core/model/template-layers.js';
import { fillTemplate } from '../../../src/core/model/template.js';

const svg = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">',
  '<defs><linearGradient id="g"/></defs>',
  '<rect width="100" height="50" fill="url(#g)"/>',
  '<text x="5" y="20">To {{recipient.name}}</text>',
  '<text x="5" y="40">{{issued}}</text>',
  '</svg>',
].join('');

describe('splitTemplateLayers', () => {
  it('cuts out the name text, keeps definitions, and splits what is drawn above it', () => {
    expect(splitTemplateLayers(svg)).toEqual({
      ok: true,
      base: svg.replace('<text x="5" y="20">To {{recipient.name}}</text>', ''),
      under: svg
        .replace('<text x="5" y="20">To {{recipient.name}}</text>', '')
        .replace('<text x="5" y="40">{{issued}}</text>', ''),
      names: svg
        .replace('<rect width="100" height="50" fill="url(#g)"/>', '')
        .replace('<text x="5" y="40">{{issued}}</text>', ''),
    });
  });

  it.each([
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><rect id="{{recipient.name}}"/></svg>',
      'the name is in an attribute',
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><g opacity="0.5"><text>{{recipient.name}}</text></g></svg>',
      "a group around the name has 'opacity'",
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><switch><text>{{recipient.name}}</text></switch></svg>',
      'the name sits in a <switch>',
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><text><textPath href="#p">{{recipient.name}}</textPath></text></svg>',
      "the name's text holds a <textPath>",
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><style>.a{}{{recipient.name}}</style></svg>',
      'the name is in a <style>, not a <text>',
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><text>{{issued}}</text></svg>',
      'the name is drawn nowhere',
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><g><linearGradient id="g"/><rect/></g><text>{{recipient.name}}</text></svg>',
      'a <g> holds definitions the name may use',
    ],
    ['<html><text>{{recipient.name}}</text></html>', 'the root element is not <svg>'],
  ])('declines %s', (template, reason) => {
    expect(splitTemplateLayers(template)).toEqual({ ok: false, reason });
  });

  it('ignores the name in a title, which draws nothing', () => {
    const titled = svg.replace('<defs>', '<title>Badge of {{recipient.name}}</title><defs>');
    expect(splitTemplateLayers(titled).ok).toBe(true);
  });
});

describe('stackBands', () => {
  it('stacks cropped copies of each layer, the root sized to the whole image', () => {
    const layer =
      '<svg xmlns="http://www.w3.org/2000/svg" width="50%" viewBox="0 0 10 5"><text>A</text></svg>';
    const band = { width: 200, height: 100, top: 40, rows: 20, scale: 2 };
    const inner =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 5" x="0" y="0" width="100" height="50"><text>A</text></svg>';
    expect(stackBands([layer, layer], band)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20">' +
        `<svg x="0" y="0" width="100" height="10" viewBox="0 20 100 10">${inner}</svg>` +
        `<svg x="0" y="10" width="100" height="10" viewBox="0 20 100 10">${inner}</svg>` +
        '</svg>',
    );
  });

  it('bandStacker gives what stackBands gives for the filled layers, the root read once', () => {
    const layer =
      '<svg xmlns="http://www.w3.org/2000/svg" aria-label="{{issuer.name}}" viewBox="0 0 10 5">' +
      '<text>{{recipient.name}} &amp; co</text></svg>';
    const band = { width: 200, height: 100, top: 40, rows: 20, scale: 2 };
    const values = (name: string) => ({
      'recipient.name': name,
      'achievement.name': 'A',
      'issuer.name': 'Uni <North>',
      issued: '2025-06-01',
    });
    const rows = ['Ada', 'Zoë & <Bo>'].map(values);
    const stacker = bandStacker(fillTemplate(layer, values('sample')), layer, band);
    expect(stacker.stack(rows.map((v) => fillTemplate(stacker.body, v)))).toBe(
      stackBands(
        rows.map((v) => fillTemplate(layer, v)),
        band,
      ),
    );
  });
});
