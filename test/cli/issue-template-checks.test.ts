import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

let issuer = '';
let template = '';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-template-checks-'));
  expect(run(['init', 'issuer', '--name', 'Template Lab'], dir).code).toBe(0);
  issuer = join(dir, 'issuer');
  template = await readFile(join(issuer, 'templates', 'badge.svg'), 'utf8');
  await writeFile(
    join(issuer, 'two.csv'),
    'name,email\nAda Lovelace,ada@example.org\nGrace Hopper,grace@example.org\n',
  );
}, 120_000);

const TEMPLATE = join('templates', 'badge.svg');

async function issueWith(svg: string, extra: string[] = []) {
  await writeFile(join(issuer, TEMPLATE), svg);
  const out = await mkdtemp(join(tmpdir(), 'badgesmith-template-out-'));
  const result = run(
    ['issue', '--achievement', 'first-badge', '--roster', 'two.csv', '--out', out, ...extra],
    issuer,
  );
  return { ...result, written: await readdir(out) };
}

const full = () => join(issuer, TEMPLATE);

describe('issue: the template is checked once, before anything is signed (exit 65)', () => {
  it('a malformed template names the file and line:column, and no row is tried', async () => {
    const broken = template.replace('</svg>', '<rect width="1">\n</svg>');
    const line = broken.split('\n').length - 1;
    const result = await issueWith(broken);
    expect(result.code).toBe(65);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `badgesmith: error: template '${full()}:${line}:6' is not well-formed xml: unexpected close tag\n` +
        'hint: fix the markup there (an XML-aware editor or `xmllint --noout` shows it)\n',
    );
    expect(result.written).toEqual([]);
  });

  it('a template with DTD entities is refused at its DOCTYPE', async () => {
    const dtd = `<!DOCTYPE svg [\n  <!ENTITY org "Lab">\n]>\n${template.replace('{{issuer.name}}', '&org;')}`;
    const result = await issueWith(dtd);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n')[0]).toBe(
      `badgesmith: error: template '${full()}:1:1' declares a DTD internal subset (entities): these are not supported`,
    );
    expect(result.written).toEqual([]);
  });

  it('a placeholder in a link is refused, naming the attribute and the line', async () => {
    const linked = template.replace(
      '<text x="200" y="210"',
      '<a href="{{recipient.name}}"><text>see</text></a>\n  <text x="200" y="210"',
    );
    const line = linked.split('\n').findIndex((l) => l.includes('<a href')) + 1;
    const result = await issueWith(linked, ['--format', 'svg']);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n')[0]).toBe(
      `badgesmith: error: template '${full()}:${line}:3' has placeholder '{{recipient.name}}' in attribute 'href' of <a>, which is a reference (a url there is loaded or followed)`,
    );
    expect(result.written).toEqual([]);
  });

  it('a template over 2 MB is refused at once with its size and the limit', async () => {
    const huge = template.replace('</svg>', `<!--${'x'.repeat(11 * 1024 * 1024)}-->\n</svg>`);
    const started = Date.now();
    const result = await issueWith(huge);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n')[0]).toBe(
      `badgesmith: error: template '${full()}' is 11.0 MB, over the 2.0 MB a template may be`,
    );
    expect(result.written).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('issue: a template without {{recipient.name}} is warned about once', () => {
  it('one warning at the start for two rows, both issued', async () => {
    const nameless = template.replace('{{recipient.name}}', 'Participant');
    const result = await issueWith(nameless);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: template '${TEMPLATE}' has no {{recipient.name}}: every personal image is drawn without the earner's name\n`,
    );
    expect(result.stdout).toMatch(/^issued 2, skipped 0/u);
  });
});

describe('issue: names that show nothing or stack marks', () => {
  it('--name U+2800 (braille blank) is refused like other invisible names (exit 64)', async () => {
    await writeFile(join(issuer, TEMPLATE), template);
    const result = run(
      ['issue', '--achievement', 'first-badge', '--name', '\u2800', '--email', 'a@example.org'],
      issuer,
    );
    expect(result.code).toBe(64);
    expect(result.stderr.split('\n')[0]).toBe(
      'badgesmith: error: --name has only invisible characters (U+2800)',
    );
  });

  it('--name of only combining marks is refused (exit 64)', () => {
    const result = run(
      [
        'issue',
        '--achievement',
        'first-badge',
        '--name',
        '\u0301\u0301\u0301',
        '--email',
        'a@example.org',
      ],
      issuer,
    );
    expect(result.code).toBe(64);
    expect(result.stderr.split('\n')[0]).toBe(
      'badgesmith: error: --name has only combining marks (U+0301)',
    );
  });

  it('a roster row with 500 marks on one letter fails with the reason; the other is issued', async () => {
    await writeFile(join(issuer, TEMPLATE), template);
    await writeFile(
      join(issuer, 'zalgo.csv'),
      `name,email\nA${'\u0336'.repeat(500)},z@example.org\nAda Lovelace,ada@example.org\n`,
    );
    const out = await mkdtemp(join(tmpdir(), 'badgesmith-zalgo-'));
    const result = run(
      ['issue', '--achievement', 'first-badge', '--roster', 'zalgo.csv', '--out', out],
      issuer,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^FAILED row 1 \(A.+\): row 1: name has 500 combining marks on one character \(character 1\); a name needs at most 4\n$/u,
    );
    expect(result.stdout).toMatch(
      /^issued 1, skipped 0 \(already issued\), duplicates 0, failed 1;/u,
    );
  });
});
