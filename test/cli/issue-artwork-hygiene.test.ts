import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.js';

const TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
<script>alert(1)</script>
<foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>
<set attributeName="onmouseover" to="alert(9)"/>
<text x="10" y="50">{{recipient.name}}</text>
</svg>
`;

describe('issue with hostile SVG artwork', () => {
  it('says once per run what was removed, and the badges are clean', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-hygiene-'));
    expect(run(['init', 'iss'], dir).code).toBe(0);
    await writeFile(join(dir, 'iss', 'templates', 'badge.svg'), TEMPLATE);
    const result = run(
      [
        'issue',
        '--config',
        'iss/badgesmith.yaml',
        '--achievement',
        'first-badge',
        '--roster',
        'iss/rosters/example.csv',
        '--format',
        'svg',
        '--out',
        'out',
        '--jobs',
        '0',
      ],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const art = join('iss', 'templates', 'badge.svg');
    expect(result.stderr).toBe(
      [
        `warning: removed from the artwork '${art}' in every svg badge: <script> element (line 2)`,
        `warning: removed from the artwork '${art}' in every svg badge: <foreignObject> element (line 3)`,
        `warning: removed from the artwork '${art}' in every svg badge: <set> element (line 4): sets the onmouseover event handler`,
        '',
      ].join('\n'),
    );
    const svgs = (await readdir(join(dir, 'out'))).filter((f) => f.endsWith('.svg'));
    expect(svgs).toHaveLength(2);
    for (const file of svgs) {
      const text = await readFile(join(dir, 'out', file), 'utf8');
      expect(text).not.toMatch(/script|foreignObject|alert|onmouseover/u);
      expect(text).toContain('<openbadges:credential');
    }
  });
});
