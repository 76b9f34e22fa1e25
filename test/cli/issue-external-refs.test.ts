import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

const TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
<image href="http://127.0.0.1:1/pixel.png" width="1" height="1"/>
<image xlink:href="https://t.example/p.png" width="1" height="1"/>
<rect width="100" height="100" fill="url(http://t.example/p.svg#g)" style="background:url(https://t.example/b.png)"/>
<image href="logo.png" width="1" height="1"/>
<text x="10" y="50">{{recipient.name}}</text>
</svg>
`;

const ISSUE = ['issue', '--config', 'iss/badgesmith.yaml', '--achievement', 'first-badge'];

describe('issue with an svg template holding external references', () => {
  it('--format both: says once what was removed, and no svg badge keeps a reference', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-external-refs-'));
    expect(run(['init', 'iss'], dir).code).toBe(0);
    await writeFile(join(dir, 'iss', 'templates', 'badge.svg'), TEMPLATE);
    const roster = ['--roster', 'iss/rosters/example.csv', '--format', 'both', '--out', 'out'];
    const result = run([...ISSUE, ...roster, '--jobs', '0'], dir);
    expect(result.code, result.stderr).toBe(0);
    const said = `warning: removed from the artwork '${join('iss', 'templates', 'badge.svg')}' in every svg badge:`;
    expect(result.stderr).toBe(
      [
        `${said} href="http://127.0.0.1:1/pixel.png" external reference on <image> (line 2): it would be fetched when the badge is opened`,
        `${said} xlink:href="https://t.example/p.png" external reference on <image> (line 3): it would be fetched when the badge is opened`,
        `${said} fill attribute on <rect> (line 4): it loads the external url(http://t.example/p.svg#g)`,
        `${said} style attribute on <rect> (line 4): it loads the external url(https://t.example/b.png)`,
        `${said} href="logo.png" local file reference on <image> (line 5): it would dangle in the badge`,
        '',
      ].join('\n'),
    );
    const files = await readdir(join(dir, 'out'));
    const svgs = files.filter((f) => f.endsWith('.svg'));
    expect(svgs).toHaveLength(2);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(2);
    for (const file of svgs) {
      const text = await readFile(join(dir, 'out', file), 'utf8');
      expect(text).not.toMatch(/127\.0\.0\.1|t\.example|logo\.png|href=|url\(/u);
      expect(text).toContain('<openbadges:credential');
      expect(text).toContain('<rect width="100" height="100"/>');
    }
  });
});
