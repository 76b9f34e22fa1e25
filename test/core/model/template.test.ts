import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../../src/core/errors.js';
import {
  assertTemplate,
  escapeXml,
  fillTemplate,
  hasPlaceholders,
  listPlaceholders,
  type TemplateValues,
} from '../../../src/core/model/template.js';

const values: TemplateValues = {
  'recipient.name': `<script>&"'`,
  'achievement.name': 'Intro',
  'issuer.name': 'Org',
  issued: '2025-06-01',
};

describe('badge templates', () => {
  it('escapes every value as XML text', () => {
    const svg =
      '<svg><text title="{{recipient.name}}">{{ recipient.name }}</text><t>{{issued}}</t></svg>';
    expect(fillTemplate(svg, values)).toBe(
      '<svg><text title="&lt;script&gt;&amp;&quot;&apos;">&lt;script&gt;&amp;&quot;&apos;</text><t>2025-06-01</t></svg>',
    );
  });

  it('fills all four placeholders', () => {
    const svg = '{{achievement.name}}|{{issuer.name}}|{{issued}}';
    expect(fillTemplate(svg, values)).toBe('Intro|Org|2025-06-01');
  });

  it('lists placeholders once, in order', () => {
    expect(listPlaceholders('{{issued}} {{ recipient.name }} {{issued}}')).toEqual([
      'issued',
      'recipient.name',
    ]);
    expect(hasPlaceholders('<svg/>')).toBe(false);
  });

  it('rejects an unknown placeholder by name', () => {
    let caught: unknown;
    try {
      assertTemplate('<svg>{{recipent.name}}</svg>', 'badge.svg');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BadgesmithError);
    expect((caught as BadgesmithError).code).toBe('ERR_TEMPLATE_INVALID');
    expect((caught as BadgesmithError).message).toBe(
      "template 'badge.svg' uses unknown placeholder '{{recipent.name}}'",
    );
    expect(() => assertTemplate('<svg>{{recipient.name}}</svg>', 'ok.svg')).not.toThrow();
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });
});
