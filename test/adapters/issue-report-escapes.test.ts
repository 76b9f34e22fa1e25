import { describe, expect, it } from 'vitest';
import {
  reportCsvLine,
  reportJsonl,
  type IssueRowReport,
} from '../../src/adapters/issue-report.js';

const BIDI: IssueRowReport = {
  row: 3,
  name: 'Ada\u202eecalevoL\u2069',
  email: 'ada@example.org',
  files: [],
  status: 'failed',
  reason: 'row 3: name contains bidirectional control character U+202E',
};

const INVISIBLE: IssueRowReport = {
  row: 4,
  name: '\u200b\u2060',
  email: 'zw@example.org\ufeff',
  identifier: 'x\u200dy',
  files: [],
  status: 'failed',
  reason: 'row 4: no name',
};

describe('the CSV report escapes what stderr escapes', () => {
  it('bidi controls are written as \\uXXXX', () => {
    expect(reportCsvLine(BIDI)).toBe(
      '3,Ada\\u202eecalevoL\\u2069,ada@example.org,,,,failed,row 3: name contains bidirectional control character U+202E\n',
    );
  });

  it('zero-width characters too; a ZWJ between letters stays', () => {
    expect(reportCsvLine(INVISIBLE)).toBe(
      '4,\\u200b\\u2060,zw@example.org\\ufeff,x\u200dy,,,failed,row 4: no name\n',
    );
  });

  it('the JSONL keeps the exact values', () => {
    const lines = reportJsonl([BIDI, INVISIBLE]).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([BIDI, INVISIBLE]);
  });
});
