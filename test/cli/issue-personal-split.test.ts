import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractBadge } from '../../src/core/bake/index.js';
import { runCli as run } from '../helpers/cli.js';
import { listChunks } from '../core/bake/png-helpers.js';

// Enough rows that the worker's split path is ready before the last ones (it is prepared in the
// background while the first rows are drawn whole).
const ROWS = 240;

describe('issue: personal PNGs from a template, split path', () => {
  it('bakes split-path PNGs (several IDAT chunks) that extract and verify VALID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-split-'));
    expect(run(['init', 'issuer', '--name', 'Test Org'], dir).code).toBe(0);
    const folder = join(dir, 'issuer');
    const names = ['Ada Lovelace', 'Zoë Ångström', '山田太郎', 'Ana 🎉', 'Very Long '.repeat(12)];
    const lines = ['name,email'];
    for (let i = 0; i < ROWS; i++)
      lines.push(`${names[i % names.length]!.trim()} ${i},e${i}@example.org`);
    await writeFile(join(folder, 'many.csv'), `${lines.join('\n')}\n`);
    const issued = run(
      [
        'issue',
        '--achievement',
        'first-badge',
        '--roster',
        'many.csv',
        '--issued',
        '2025-06-01',
        '--out',
        'out',
      ],
      folder,
    );
    expect(issued.code).toBe(0);
    // Every row with the very long name, drawn whole or split, is warned about: it is cut off
    // at the image's sides. No other row is.
    const long = lines.flatMap((line, i) => (line.startsWith('Very Long') ? [i] : []));
    expect(long).toHaveLength(ROWS / names.length);
    expect(issued.stderr.split('\n').filter((l) => l !== '')).toEqual(
      long.map(
        (row) =>
          `warning: row ${row} (${lines[row]!.split(',')[0]}): the name reaches an edge of the image (a side, the top or the bottom) and is cut off there: shorten it for this badge, or give the template's text more room (a smaller font-size, away from the edges)`,
      ),
    );
    expect(issued.stdout).toContain(`issued ${ROWS}, skipped 0`);
    const pngs = (await readdir(join(folder, 'out'))).filter((f) => f.endsWith('.png')).sort();
    expect(pngs).toHaveLength(ROWS);
    let split = 0;
    for (const png of pngs) {
      const bytes = await readFile(join(folder, 'out', png));
      const chunks = listChunks(bytes).map((c) => c.type);
      if (chunks.filter((t) => t === 'IDAT').length >= 4) split += 1;
      expect(chunks.slice(0, 2)).toEqual(['IHDR', 'iTXt']);
      const jwt = await readFile(
        join(folder, 'out', png.replace(/\.png$/u, '.credential.jwt')),
        'utf8',
      );
      const extracted = extractBadge(bytes);
      expect(extracted.found && extracted.badge.payload).toBe(jwt.trim());
    }
    expect(split).toBeGreaterThan(0);
    const trust = ['--trust', join('keys', 'did.json')];
    const verified = run(
      ['verify', '-q', ...trust, ...pngs.map((png) => join('out', png))],
      folder,
    );
    expect(verified).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
