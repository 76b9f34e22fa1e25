import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadgesmithError } from '../../src/core/errors.js';
import { parseYamlFile } from '../../src/adapters/yaml-files.js';
import { MAX_YAML_BYTES, readYamlText } from '../../src/adapters/yaml-document.js';

const BASE = 'name: Intro\ndescription: Did the intro.\ncriteria:\n  narrative: Came.\n';

function failure(text: string): BadgesmithError {
  try {
    parseYamlFile(text, 'intro.yaml', 'achievement');
  } catch (error) {
    if (error instanceof BadgesmithError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

// Six levels of anchors, each reusing the one before nine times: 9^6 copies when expanded.
function billionLaughs(): string {
  let text = `${BASE}a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (const [prev, name] of [...'abcdef'].map((c, i) => [c, 'bcdefg'[i]!])) {
    text += `${name}: &${name} [${Array<string>(9).fill(`*${prev}`).join(', ')}]\n`;
  }
  return text;
}

describe('yaml limits', () => {
  it('refuses an alias bomb at its first alias, exit 65, no internal error', () => {
    const error = failure(billionLaughs());
    expect(error.code).toBe('ERR_YAML_TOO_LARGE');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      '\'intro.yaml:6:8\': yaml aliases expand too far (more than 100 copies, as in a "billion laughs" file)',
    );
    expect(error.hint).toBe(
      'write the values out instead of reusing anchors (`*name`) inside other anchors',
    );
  });

  it('names an alias with no anchor above it', () => {
    const error = failure(`${BASE}tags: *nope\n`);
    expect(error.code).toBe('ERR_YAML_SYNTAX');
    expect(error.message).toBe("'intro.yaml:5:7': yaml alias '*nope' names no anchor above it");
    expect(error.hint).toBe('put `&nope` on a value above this line, or write the value out');
  });

  it('reads an alias of a whole value', () => {
    const text = 'name: &n Intro\ndescription: *n\ncriteria:\n  narrative: *n\n';
    expect(parseYamlFile(text, 'intro.yaml', 'achievement')).toEqual({
      name: 'Intro',
      description: 'Intro',
      criteria: { narrative: 'Intro' },
    });
  });

  it('refuses text over 1 MB before parsing, naming the size and the limit', () => {
    expect(MAX_YAML_BYTES).toBe(1048576);
    const error = failure(`${BASE}description2: ${'x'.repeat(MAX_YAML_BYTES)}\n`);
    expect(error.code).toBe('ERR_YAML_TOO_LARGE');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe(
      "'intro.yaml' is 1048660 bytes, more than the 1048576 a badgesmith yaml file may be",
    );
  });

  it('refuses a file over 1 MB before reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-yaml-limits-'));
    const file = join(dir, 'big.yaml');
    await writeFile(file, `${BASE}#${'x'.repeat(MAX_YAML_BYTES)}\n`);
    const error = await readYamlText(file, 'achievement').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadgesmithError);
    expect((error as BadgesmithError).code).toBe('ERR_YAML_TOO_LARGE');
    expect((error as BadgesmithError).message).toBe(
      `'${file}' is 1048647 bytes, more than the 1048576 a badgesmith yaml file may be`,
    );
    const small = join(dir, 'small.yaml');
    await writeFile(small, BASE);
    expect(await readYamlText(small, 'achievement')).toBe(BASE);
  });

  it('says that deep nesting is too deep, in block and flow style', () => {
    let block = `${BASE}extra:\n`;
    for (let i = 0; i < 100; i += 1) block += `${' '.repeat(i + 2)}k${i}:\n`;
    const deep = failure(block);
    expect(deep.code).toBe('ERR_YAML_TOO_DEEP');
    expect(deep.exitCode).toBe(65);
    expect(deep.message).toBe(
      "'intro.yaml:69:66': yaml nesting is too deep (more than 64 levels of maps and lists)",
    );
    const flow = failure(`${BASE}tags: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(flow.code).toBe('ERR_YAML_TOO_DEEP');
    expect(flow.message).toMatch(
      /^'intro\.yaml:5:\d+': yaml nesting is too deep for the parser \(more than 64 levels/u,
    );
    expect(flow.message).not.toMatch(/call stack/u);
  });

  it('names a duplicate key and where the first one is', () => {
    const error = failure(`${BASE}name: Again\n`);
    expect(error.code).toBe('ERR_YAML_DUPLICATE_KEY');
    expect(error.exitCode).toBe(65);
    expect(error.message).toBe("'intro.yaml:5:1': duplicate key 'name' (also at line 1)");
    expect(error.hint).toBe('keep one `name:` line and delete the other');
    const nested = failure(`${BASE}  narrative: Again\n`);
    expect(nested.message).toBe(
      "'intro.yaml:5:3': duplicate key 'criteria.narrative' (also at line 4)",
    );
  });

  it('says merge keys are not supported', () => {
    const text =
      'name: Intro\ndescription: d\nbase: &base\n  narrative: Came.\ncriteria:\n  <<: *base\n';
    const error = failure(text);
    expect(error.code).toBe('ERR_YAML_UNSUPPORTED');
    expect(error.message).toBe("'intro.yaml:6:3': yaml merge keys ('<<') are not supported");
    expect(error.hint).toBe(
      'write the fields out in this map; an alias of a whole value (`criteria: *base`) works',
    );
  });

  it('reports a 40,000-key unknown block quickly, at the block', () => {
    let text = `${BASE}extra:\n`;
    for (let i = 0; i < 40_000; i += 1) text += `  k${i}: v\n`;
    const started = performance.now();
    const error = failure(text);
    const elapsed = performance.now() - started;
    expect(error.message).toBe("achievement 'intro.yaml:5:1': unknown field 'extra'");
    // Was 16 s with the parser's pairwise duplicate-key check; the parse itself is about 1 s.
    expect(elapsed).toBeLessThan(8000);
  });
});
