import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

describe('npm run demo', () => {
  it('issues the workshop roster and verifies every badge', async () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'demo.js')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('issued 5 badges (10 files, PNG and SVG), failed 0');
    expect(lines[1]).toBe('verified 10 of 10 VALID');
    const outDir = lines[2]!.replace(/^files: /u, '');
    const files = await readdir(outDir);
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(5);
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(5);
    expect(files.filter((f) => f.endsWith('.credential.jwt'))).toHaveLength(5);
    expect(files.some((f) => /^zoe-odegard-[0-9a-f]{8}\.png$/u.test(f))).toBe(true);
    expect(files.some((f) => /^jose-nunez-[0-9a-f]{8}\.svg$/u.test(f))).toBe(true);
    const zoe = files.find((f) => f.startsWith('zoe-odegard-') && f.endsWith('.svg'))!;
    expect(await readFile(join(outDir, zoe), 'utf8')).toContain('>Zoë Ødegård 🎉</text>');
  });
});
