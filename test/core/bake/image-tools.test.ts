import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakeImage } from '../../../src/core/bake/index.js';
import { makePng } from './png-helpers.js';

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const JSON_CREDENTIAL =
  '{"type":["VerifiableCredential","OpenBadgeCredential"],"name":"Café ® 中文"}';
const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6a2V5OnoifQ.c2lnbmF0dXJl';

describe('baked files pass independent image tools', () => {
  let dir = '';
  let png = '';
  let svg = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'badgesmith-tools-'));
    png = join(dir, 'baked.png');
    svg = join(dir, 'baked.svg');
    const twice = bakeImage(bakeImage(makePng(), JWT).bytes, JSON_CREDENTIAL);
    await writeFile(png, twice.bytes);
    const art =
      '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>\n';
    await writeFile(svg, bakeImage(new TextEncoder().encode(art), JSON_CREDENTIAL).bytes);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.runIf(has('pngcheck'))('pngcheck finds no errors and one iTXt chunk', () => {
    const report = execFileSync('pngcheck', ['-v', png], { encoding: 'utf8' });
    expect(report).toContain('No errors detected');
    expect(report.match(/chunk iTXt/g)).toHaveLength(1);
  });

  it.runIf(has('exiftool'))('exiftool shows exactly one openbadgecredential', () => {
    const report = execFileSync('exiftool', ['-a', '-G1', '-s', '-Openbadgecredential', png], {
      encoding: 'utf8',
    });
    const lines = report.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Openbadgecredential\s*: /i);
    expect(lines[0]).toContain('"name":"Café ® 中文"');
  });

  it.runIf(has('xmllint'))('xmllint --noout accepts the baked SVG', () => {
    const result = spawnSync('xmllint', ['--noout', '--nonet', svg], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
