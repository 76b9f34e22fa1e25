import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issuerWithStaticBadge, run } from './batch-helpers.js';

let folder = '';
let result: { code: number | null; stdout: string; stderr: string };

const ROSTER =
  'name,email\nAda,ada@example.org\n\u200b,zw@example.org\nAda\u202eecalevoL,b@example.org\n';
const BIDI_REASON =
  'row 3: name contains bidirectional control character U+202E (right-to-left override) at character 4';

beforeAll(async () => {
  folder = await issuerWithStaticBadge();
  await writeFile(join(folder, 'r.csv'), ROSTER);
  result = run(
    ['issue', '--achievement', 'static', '--roster', 'r.csv', '--issued', '2025-06-01'],
    folder,
  );
}, 120_000);

const report = async (ext: string) => {
  const files = await readdir(join(folder, 'out'));
  const name = files.find((file) => file.startsWith('report-') && file.endsWith(ext))!;
  return (await readFile(join(folder, 'out', name), 'utf8')).trim().split('\n');
};

describe('a roster with a zero-width name and a bidi name', () => {
  it('the FAILED lines show the escaped characters; exit 1', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'FAILED row 2 (\\u200b): row 2: no name: the name has only invisible characters (U+200B)\n' +
        `FAILED row 3 (Ada\\u202eecalevoL): ${BIDI_REASON}\n`,
    );
  });

  it('the CSV report escapes them the same way', async () => {
    expect((await report('.csv')).slice(2)).toEqual([
      '2,\\u200b,zw@example.org,,,,failed,row 2: no name: the name has only invisible characters (U+200B)',
      `3,Ada\\u202eecalevoL,b@example.org,,,,failed,${BIDI_REASON}`,
    ]);
  });

  it('the JSONL keeps the exact names', async () => {
    const rows = (await report('.jsonl')).map((line) => JSON.parse(line) as { name: string });
    expect(rows.map((row) => row.name)).toEqual(['Ada', '\u200b', 'Ada\u202eecalevoL']);
  });
});
