import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { ROSTER_FIELDS, mergeRosterMaps, parseMapOptions } from '../../core/model/roster-map.js';
import { loadAchievement } from '../../adapters/achievement-file.js';
import { writeFileAtomic } from '../../adapters/files.js';
import { loadIssuer, resolveAchievementPath } from '../../adapters/issuer-folder.js';
import type { CliContext } from '../context.js';

interface TemplateFlags {
  config: string;
  out?: string;
  map: string[];
  force?: boolean;
}

// Per-row fields worth a column in a skeleton; `achievement` is left out because the file is
// for one achievement, and `identifier` because most rosters name earners by e-mail.
const SKELETON_FIELDS = ROSTER_FIELDS.filter((f) => f !== 'achievement' && f !== 'identifier');

function csvHeaderCell(name: string): string {
  return /[",\r\n]/u.test(name) ? `"${name.replace(/"/gu, '""')}"` : name;
}

async function writeTemplate(ref: string, flags: TemplateFlags, ctx: CliContext): Promise<void> {
  const issuer = await loadIssuer(resolve(ctx.cwd, flags.config), ctx.err);
  const achievement = await loadAchievement(await resolveAchievementPath(ref, ctx.cwd, issuer.dir));
  const map = mergeRosterMaps(issuer.config.roster?.map, parseMapOptions(flags.map));
  const header = SKELETON_FIELDS.map((field) => csvHeaderCell(map[field] ?? field)).join(',');
  const text = `${header}\n`;
  if (flags.out === '-') {
    ctx.out(header);
    return;
  }
  const path = resolve(
    ctx.cwd,
    flags.out ?? resolve(issuer.dir, 'rosters', `${achievement.slug}.csv`),
  );
  await writeFileAtomic(path, text, { overwrite: flags.force === true });
  ctx.out(`wrote ${relative(ctx.cwd, path) || path}: ${header}`);
}

/** `badgesmith roster template`: a skeleton roster CSV with the headers `issue` reads. */
export function registerRoster(program: Command, getContext: () => CliContext): void {
  const roster = program.command('roster').description('roster helpers');
  roster
    .command('template <achievement>')
    .description('write a skeleton roster csv for an achievement, with the headers issue reads')
    .option('--config <file>', 'issuer config', 'badgesmith.yaml')
    .option('--out <file>', 'where to write it ("-" for stdout; default rosters/<slug>.csv)')
    .option(
      '--map <field=header>',
      'name a column differently (repeatable; also roster.map in badgesmith.yaml)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--force', 'replace an existing file')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith roster template first-badge
  badgesmith roster template first-badge --out - --map email="E-mail Address"

Columns: name and email are required (or identifier instead of email); issued (YYYY-MM-DD),
evidence (a URL or a text), narrative, result and language are optional per row.`,
    )
    .action(async (ref: string, flags: TemplateFlags) => {
      await writeTemplate(ref, flags, getContext());
    });
}
