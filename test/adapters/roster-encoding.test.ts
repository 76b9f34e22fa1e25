import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRosterRows, parseRoster } from '../../src/adapters/roster.js';
import { looksLikeUtf16 } from '../../src/adapters/roster-encoding.js';

const NUL_ROW = Buffer.from('name,email\nNul\0byte,n@example.org\n', 'utf8');

describe('looksLikeUtf16', () => {
  it('is true for a BOM, and for NULs at most odd or most even offsets', () => {
    expect(looksLikeUtf16(Buffer.from([0xff, 0xfe, 0x6e, 0x00]))).toBe(true);
    expect(looksLikeUtf16(Buffer.from([0xfe, 0xff, 0x00, 0x6e]))).toBe(true);
    expect(looksLikeUtf16(Buffer.from('name,email\n', 'utf16le'))).toBe(true);
    expect(looksLikeUtf16(Buffer.from('name,email\n', 'utf16le').subarray(1))).toBe(true);
  });

  it('is false for UTF-8 with one stray NUL, or none', () => {
    expect(looksLikeUtf16(NUL_ROW)).toBe(false);
    expect(looksLikeUtf16(Buffer.from('name,email\n'))).toBe(false);
    expect(looksLikeUtf16(Buffer.alloc(0))).toBe(false);
  });
});

describe('a UTF-8 roster with a stray NUL byte', () => {
  const expected = {
    code: 'ERR_ROSTER_ENCODING',
    exitCode: 65,
    message: "roster 'r.csv' has a NUL byte at line 2",
    hint: "a roster is text, and a NUL byte is not: the file may be damaged; delete the byte (e.g. tr -d '\\000' < 'r.csv' > roster-fixed.csv) and check line 2",
  };

  it('parseRoster names its line, not UTF-16', () => {
    expect(() => parseRoster(NUL_ROW, 'r.csv')).toThrow(expect.objectContaining(expected));
  });

  it('the line is counted inside a quoted cell over several lines, and in the header', () => {
    const quoted = Buffer.from('name,email,narrative\nAda,a@b.org,"one\ntwo\0"\n');
    expect(() => parseRoster(quoted, 'r.csv')).toThrow("roster 'r.csv' has a NUL byte at line 3");
    expect(() => parseRoster(Buffer.from('na\0me,email\n'), 'r.csv')).toThrow(
      "roster 'r.csv' has a NUL byte at line 1",
    );
  });

  it('the streamed read stops on it too, also past the first chunk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-nul-'));
    const rows = Array.from({ length: 20_000 }, (_, i) => `P${i},p${i}@example.org`);
    rows.push('Late\0nul,late@example.org');
    const path = join(dir, 'r.csv');
    await writeFile(path, `name,email\n${rows.join('\n')}\n`);
    await expect(countRosterRows(path)).rejects.toMatchObject({
      code: 'ERR_ROSTER_ENCODING',
      message: `roster '${path}' has a NUL byte at line 20002`,
    });
  });
});
