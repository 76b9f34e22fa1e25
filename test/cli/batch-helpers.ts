import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

/** The built CLI. */
export const bin = join(repoRoot, 'bin', 'badgesmith.js');

const env = { ...process.env, CI: '1', NO_COLOR: '1' };

/** Runs the built CLI to its end. */
export function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built CLI without waiting for it. */
export function start(args: string[], cwd: string) {
  return spawn(process.execPath, [bin, ...args], { cwd, env, stdio: 'ignore' });
}

/**
 * A fresh issuer folder with a `static` achievement drawn from a small PNG (no rendering, so a
 * few hundred rows take well under a second).
 */
export async function issuerWithStaticBadge(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'badgesmith-registrar-'));
  expect(run(['init', 'issuer', '--name', 'Registrar Org'], dir).code).toBe(0);
  const folder = join(dir, 'issuer');
  const png = await sharp({
    create: { width: 16, height: 16, channels: 4, background: { r: 9, g: 99, b: 199, alpha: 1 } },
  })
    .png()
    .toBuffer();
  await writeFile(join(folder, 'achievements', 'art.png'), png);
  await writeFile(
    join(folder, 'achievements', 'static.yaml'),
    'name: Static\ndescription: d\ncriteria:\n  narrative: n\nimage: art.png\n',
  );
  return folder;
}

/** Roster lines `Name <n>,p<n>@example.org`, with some names that try to escape the folder. */
export function goodRows(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const name =
      n % 50 === 0 ? `../../Zoë ${n} 🎉` : n % 70 === 0 ? `=cmd|' /C calc'!A${n}` : `Person ${n}`;
    return `"${name}",p${n}@example.org`;
  });
}
