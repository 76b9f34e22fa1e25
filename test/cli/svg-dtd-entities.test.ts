import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const MESSAGE =
  "DTD entities are not supported: remove the DOCTYPE's entity declarations (or re-export the SVG without them)";

/** The Adobe Illustrator export pattern: the namespaces come from internal-subset entities. */
const ILLUSTRATOR_SVG = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
  <!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg version="1.1" xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" width="10" height="10">
  <rect width="10" height="10"/>
</svg>
`;

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'badgesmith-dtd-'));
  await writeFile(join(dir, 'ai.svg'), ILLUSTRATOR_SVG);
  await writeFile(
    join(dir, 'c.json'),
    JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['X'] }),
  );
});

describe('an SVG with DTD entities', () => {
  it('bake names the artwork and says entities are not supported (exit 65)', () => {
    const result = runCli(
      ['bake', 'c.json', '--image', 'ai.svg', '-o', 'o.svg', '--unsigned'],
      dir,
    );
    expect(result.code).toBe(65);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`badgesmith: error: 'ai.svg': ${MESSAGE}`);
    expect(result.stderr).not.toContain('xmllint');
  });

  it('extract names the file (exit 65)', () => {
    const result = runCli(['extract', 'ai.svg'], dir);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n')[0]).toBe(`badgesmith: error: 'ai.svg': ${MESSAGE}`);
  });

  it('verify names the file and fails extract with the message (exit 65)', () => {
    const result = runCli(['verify', 'ai.svg'], dir);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n')[0]).toBe(`badgesmith: error: 'ai.svg': ${MESSAGE}`);
    expect(result.stdout).toContain(`NOT VALID   ai.svg\n  extract     FAILED      ${MESSAGE}\n`);
  });

  it('bake names the credential file when the credential is the bad input', async () => {
    await writeFile(join(dir, 'bad.jwt'), 'not a token');
    const result = runCli(['bake', 'bad.jwt', '--image', 'ai.svg', '-o', 'o.svg'], dir);
    expect(result.code).toBe(65);
    expect(result.stderr.split('\n')[0]).toBe(
      "badgesmith: error: 'bad.jwt': the credential is neither json nor a compact jws",
    );
  });
});
