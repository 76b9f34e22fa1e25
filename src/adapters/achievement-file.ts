import { dirname, resolve } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { sniffImage } from '../core/bake/index.js';
import type { AchievementSpec } from '../core/model/achievement.js';
import { isOverlongDuration, isZeroDuration, MAX_VALID_FOR_YEARS } from '../core/model/dates.js';
import { assertTemplate, hasPlaceholders } from '../core/model/template.js';
import { readInputFile, readInputText } from './files.js';
import { readYamlText } from './yaml-document.js';
import { achievementSlug } from './issuer-folder.js';
import { parseYamlFile, type YamlFieldProblem } from './yaml-files.js';

/** The artwork of an achievement: a template with placeholders, or a fixed PNG or SVG. */
export type Artwork =
  | { kind: 'template'; file: string; svg: string }
  | { kind: 'svg'; file: string; svg: string }
  | { kind: 'png'; file: string; bytes: Uint8Array };

/** An achievement file read and checked, with its artwork loaded. */
export interface LoadedAchievement {
  file: string;
  slug: string;
  spec: AchievementSpec;
  artwork: Artwork;
}

async function loadArtwork(spec: AchievementSpec, file: string): Promise<Artwork> {
  const base = dirname(file);
  if (spec.template !== undefined) {
    const path = resolve(base, spec.template);
    const svg = await readInputText(path, 'template');
    assertTemplate(svg, path);
    return { kind: 'template', file: path, svg };
  }
  if (spec.image === undefined) {
    throw new BadgesmithError(
      'ERR_ACHIEVEMENT_INVALID',
      `achievement '${file}:1:1': no artwork: neither 'template' nor 'image'`,
      {
        hint: 'add `template: ../templates/badge.svg` (personal images) or `image: badge.png`',
      },
    );
  }
  const path = resolve(base, spec.image);
  const bytes = await readInputFile(path, 'image');
  const kind = sniffImage(bytes);
  if (kind === undefined) {
    throw new BadgesmithError('ERR_IMAGE_UNKNOWN', `image '${path}' is neither png nor svg`, {
      hint: 'point `image:` at a .png or .svg file',
    });
  }
  if (kind === 'png') return { kind: 'png', file: path, bytes };
  const svg = Buffer.from(bytes).toString('utf8');
  if (hasPlaceholders(svg)) {
    assertTemplate(svg, path);
    return { kind: 'template', file: path, svg };
  }
  return { kind: 'svg', file: path, svg };
}

// Beyond the schema: a zero validFor would make every badge expire as it is issued, and one over
// MAX_VALID_FOR_YEARS would put validUntil past the year 9999 that DateTimeZ can write.
function validForProblem(validFor: string | undefined): YamlFieldProblem | undefined {
  if (validFor === undefined) return undefined;
  if (isZeroDuration(validFor)) {
    return {
      path: ['validFor'],
      problem: `field 'validFor' is a zero duration ('${validFor}'): every badge would expire as it is issued`,
      hint: 'give a length, e.g. `validFor: P1Y`, or remove `validFor` for badges that do not expire',
    };
  }
  if (isOverlongDuration(validFor)) {
    return {
      path: ['validFor'],
      problem: `field 'validFor' ('${validFor}') is longer than ${MAX_VALID_FOR_YEARS} years: validUntil would be past the year 9999`,
      hint: `give at most ${MAX_VALID_FOR_YEARS} years, e.g. \`validFor: P10Y\`, or remove \`validFor\` for badges that do not expire`,
    };
  }
  return undefined;
}

// `requires` is in the schema (so it is not taken for a misspelling) but stacking is not built:
// accepting it would issue badges without the badges they require.
function specProblem(spec: AchievementSpec): YamlFieldProblem | undefined {
  if (spec.requires !== undefined) {
    return {
      path: ['requires'],
      problem:
        "field 'requires': stacking (a badge that needs other badges first) is not supported yet",
      hint: 'remove `requires`; badgesmith issues this badge to every row of the roster, whatever else they hold',
    };
  }
  return validForProblem(spec.validFor);
}

/** Reads an achievement YAML, validates it, and loads its artwork. */
export async function loadAchievement(file: string): Promise<LoadedAchievement> {
  const text = await readYamlText(file, 'achievement');
  const spec = parseYamlFile<AchievementSpec>(text, file, 'achievement', specProblem);
  return { file, slug: achievementSlug(file), spec, artwork: await loadArtwork(spec, file) };
}
