import { spawnSync } from 'node:child_process';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

const bin = join(repoRoot, 'bin', 'badgesmith.js');
let dir = '';

// Only a real hang is caught here: a run killed after a minute. How fast a refusal is belongs to
// the benchmarks, not to a test that a busy machine can fail.
const HANG_MS = 60_000;

function run(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
    timeout: HANG_MS,
  });
  const { error } = result;
  const hung = error !== undefined && 'code' in error && error.code === 'ETIMEDOUT';
  expect(hung, `'badgesmith ${args.join(' ')}' was still running after ${HANG_MS} ms`).toBe(false);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const UNKNOWN = 'the file is not a png, an svg, a credential json or a compact jws';
const UNKNOWN_HINT =
  'hint: give a baked badge image (.png or .svg), or a credential file (.json, .jwt)';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-not-a-badge-'));
  await writeFile(join(dir, 'json.png'), '{"some": "bad", "json": true}\n');
  await writeFile(
    join(dir, 'photo.jpg'),
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer(),
  );
  await writeFile(join(dir, 'empty.png'), '');
  await writeFile(join(dir, 'nested.json'), `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`);
  // A sparse 2 GiB file: the reader must refuse it by its size, before reading a byte.
  await writeFile(join(dir, 'huge.png'), '');
  await truncate(join(dir, 'huge.png'), 2 * 1024 ** 3);
});

describe('inputs that are not badges', () => {
  it.each([
    ['json.png', UNKNOWN],
    ['photo.jpg', UNKNOWN],
    ['empty.png', UNKNOWN],
    ['nested.json', UNKNOWN],
  ])(
    '%s: exit 65, a NOT VALID row and a one-line reason, without hanging',
    (file, why) => {
      const result = run(['verify', file, '--at', '2026-01-01T00:00:00Z']);
      expect(result.code).toBe(65);
      expect(result.stderr).toBe(`badgesmith: error: '${file}': ${why}\n${UNKNOWN_HINT}\n`);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(`NOT VALID   ${file}`);
      expect(lines[1]).toBe(`  extract     FAILED      ${why}`);
      expect(lines.at(-1)).toBe('1 file: 0 valid, 1 not valid, 0 cannot tell');
    },
    2 * HANG_MS,
  );

  // The refusal names the size it read from the file system and the limit, so the file was
  // judged by its size, not read.
  it(
    'a 2 GiB file is refused by its size, which the refusal names with the limit',
    () => {
      const result = run(['verify', 'huge.png', '--json', '--at', '2026-01-01T00:00:00Z']);
      expect(result.code).toBe(65);
      const path = join(dir, 'huge.png');
      const message = `badge file '${path}' is 2147483648 bytes, more than the 67108864 this reads`;
      expect(result.stderr.split('\n')[0]).toBe(`badgesmith: error: ${message}`);
      const doc = JSON.parse(result.stdout);
      expect(doc.reports).toHaveLength(1);
      expect(doc.reports[0]).toMatchObject({
        file: 'huge.png',
        verdict: 'invalid',
        error: { code: 'ERR_IMAGE_TOO_LARGE', exitCode: 65, message },
      });
    },
    2 * HANG_MS,
  );

  it('one unusable file does not stop the others; the exit code is 65', () => {
    const result = run([
      'verify',
      'json.png',
      'empty.png',
      '--json',
      '--at',
      '2026-01-01T00:00:00Z',
    ]);
    expect(result.code).toBe(65);
    const doc = JSON.parse(result.stdout);
    expect(
      doc.reports.map((r: { file: string; error: { code: string } }) => [r.file, r.error.code]),
    ).toEqual([
      ['json.png', 'ERR_IMAGE_UNKNOWN'],
      ['empty.png', 'ERR_IMAGE_UNKNOWN'],
    ]);
    expect(doc.summary).toEqual({ valid: 0, invalid: 2, indeterminate: 0 });
  });

  it('a missing file is still exit 66 before anything is checked', () => {
    const result = run(['verify', 'json.png', 'nope.png']);
    expect(result.code).toBe(66);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `badgesmith: error: badge file '${join(dir, 'nope.png')}' does not exist\nhint: check the path and the current folder\n`,
    );
  });
});
