import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { BadgesmithError, EXIT } from '../../core/errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../core/model/config.js';
import { parseIssuedDate } from '../../core/model/dates.js';
import { isEmailAddress } from '../../core/model/identity.js';
import { loadAchievement } from '../../adapters/achievement-file.js';
import { assertFormatFits, issueBatch } from '../../adapters/issue-batch.js';
import { writeIssueReport } from '../../adapters/issue-report.js';
import { loadIssuer, resolveAchievementPath } from '../../adapters/issuer-folder.js';
import { readRoster, type RosterRow } from '../../adapters/roster.js';
import type { CliContext } from '../context.js';
import { askText } from '../prompts.js';

interface IssueFlags {
  config: string;
  achievement?: string;
  name?: string;
  email?: string;
  roster?: string;
  format?: string;
  out?: string;
  issued?: string;
  json?: boolean;
  dryRun?: boolean;
}

function missing(flag: string, what: string): BadgesmithError {
  return new BadgesmithError('ERR_USAGE_MISSING_OPTION', `missing ${flag}: ${what}`, {
    hint: 'run `badgesmith issue --help` for examples',
  });
}

function parseFormat(value: string | undefined, fallback: OutputFormat): OutputFormat {
  if (value === undefined) return fallback;
  const format = OUTPUT_FORMATS.find((known) => known === value.toLowerCase());
  if (format === undefined) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `--format '${value}' is not png, svg or both`,
      {
        hint: 'use --format png, --format svg or --format both',
      },
    );
  }
  return format;
}

function parseIssued(value: string | undefined, now: Date): Date {
  if (value === undefined) return now;
  const date = parseIssuedDate(value);
  if (date === undefined) {
    throw new BadgesmithError('ERR_USAGE_BAD_OPTION', `--issued '${value}' is not a date`, {
      hint: 'write --issued 2025-06-01 or --issued 2025-06-01T09:30:00Z',
    });
  }
  return date;
}

async function rowsFrom(flags: IssueFlags, ctx: CliContext): Promise<RosterRow[]> {
  if (flags.roster !== undefined) {
    if (flags.name !== undefined || flags.email !== undefined) {
      throw new BadgesmithError(
        'ERR_USAGE_CONFLICT',
        '--roster cannot be combined with --name or --email',
        {
          hint: 'issue to one earner with --name and --email, or to many with --roster',
        },
      );
    }
    const roster = await readRoster(resolve(ctx.cwd, flags.roster));
    if (roster.ignoredColumns.length > 0) {
      ctx.err(
        `warning: ignored roster columns: ${roster.ignoredColumns.map((c) => `'${c}'`).join(', ')}`,
      );
    }
    return roster.rows;
  }
  let { name, email } = flags;
  if (ctx.interactive) {
    name ??= await askText("Earner's name:", { required: true });
    email ??= await askText("Earner's e-mail:", {
      required: true,
      validate: (value) => isEmailAddress(value) || 'not an e-mail address',
    });
  }
  if (name === undefined)
    throw missing('--name', "the earner's name (or give --roster <file.csv>)");
  if (email === undefined)
    throw missing('--email', "the earner's e-mail (or give --roster <file.csv>)");
  if (!isEmailAddress(email)) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `--email '${email}' is not an e-mail address`,
      {
        hint: 'pass the earner address, e.g. --email ada@example.org',
      },
    );
  }
  return [{ row: 1, line: 1, name, email }];
}

async function achievementRef(flags: IssueFlags, ctx: CliContext): Promise<string> {
  if (flags.achievement !== undefined) return flags.achievement;
  if (ctx.interactive) return askText('Achievement (file or slug):', { required: true });
  throw missing('--achievement', 'the achievement file or slug to issue');
}

// --dry-run checks the config, key, achievement, artwork and every row, and writes nothing.
function dryRun(rows: RosterRow[], outDir: string, ctx: CliContext): number {
  const bad = rows.filter((row) => row.problem !== undefined);
  for (const row of bad)
    ctx.err(`FAILED row ${row.row} (${row.name || '-'}): ${row.problem ?? ''}`);
  const where = relative(ctx.cwd, outDir) || outDir;
  ctx.out(
    `dry run: would issue ${rows.length - bad.length}, failed ${bad.length}; nothing written to ${where}`,
  );
  return bad.length > 0 ? EXIT.notValid : EXIT.ok;
}

async function runIssue(flags: IssueFlags, ctx: CliContext): Promise<number> {
  const issuer = await loadIssuer(resolve(ctx.cwd, flags.config), ctx.err);
  const ref = await achievementRef(flags, ctx);
  const achievement = await loadAchievement(await resolveAchievementPath(ref, ctx.cwd, issuer.dir));
  const format = parseFormat(flags.format, issuer.config.defaults.format);
  const now = ctx.now();
  const issued = parseIssued(flags.issued, now);
  const rows = await rowsFrom(flags, ctx);
  const outDir =
    flags.out === undefined
      ? resolve(issuer.dir, issuer.config.defaults.output)
      : resolve(ctx.cwd, flags.out);
  assertFormatFits(achievement, format);
  if (flags.dryRun === true) return dryRun(rows, outDir, ctx);
  const reports = await issueBatch({
    issuer,
    achievement,
    rows,
    format,
    outDir,
    issued,
    onRow: (report) => {
      if (report.status === 'failed')
        ctx.err(`FAILED row ${report.row} (${report.name || '-'}): ${report.reason ?? ''}`);
      else if (ctx.verbosity > 1) ctx.err(`ok row ${report.row}: ${report.files.join(', ')}`);
    },
  });
  const paths = await writeIssueReport(outDir, reports, now);
  const issuedCount = reports.filter((r) => r.status === 'ok').length;
  const failed = reports.length - issuedCount;
  const shown = (path: string): string => relative(ctx.cwd, path) || path;
  if (flags.json === true) {
    ctx.out(
      JSON.stringify(
        { issued: issuedCount, failed, outDir, report: paths, rows: reports },
        null,
        2,
      ),
    );
  } else {
    for (const report of reports.filter((r) => r.status === 'ok')) {
      ctx.out(
        `${ctx.color.green('ISSUED')} row ${report.row} ${report.name}: ${report.files.map((file) => shown(resolve(outDir, file))).join(', ')}`,
      );
    }
    const failedWord = failed > 0 ? ctx.color.red(`failed ${failed}`) : `failed ${failed}`;
    ctx.out(`issued ${issuedCount}, ${failedWord}; report: ${shown(paths.csv)} (and .jsonl)`);
  }
  return failed > 0 ? EXIT.notValid : EXIT.ok;
}

/** `badgesmith issue`: signs and bakes one badge per earner. */
export function registerIssue(program: Command, getContext: () => CliContext): void {
  program
    .command('issue')
    .description('issue an achievement to one earner or a roster: sign, draw, bake')
    .option('--config <file>', 'issuer config', 'badgesmith.yaml')
    .option('--achievement <file|slug>', 'achievement yaml, or its slug in achievements/')
    .option('--name <name>', "earner's name (one earner)")
    .option(
      '--email <email>',
      "earner's e-mail (one earner; the credential holds only a salted hash)",
    )
    .option('--roster <file.csv>', 'csv with name,email[,issued,evidence,narrative,result]')
    .option('--format <format>', 'png, svg or both (default from badgesmith.yaml)')
    .option('--out <dir>', 'output folder (default from badgesmith.yaml, "out")')
    .option('--issued <date>', 'issue date, YYYY-MM-DD or ISO date-time (default now)')
    .option('--json', 'print one JSON document with every row')
    .option('--dry-run', 'check the config, key, achievement and every row; write nothing')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith issue --achievement first-badge --name "Ada Lovelace" --email ada@example.org
  badgesmith issue --achievement achievements/first-badge.yaml --roster rosters/cohort.csv --format both
  badgesmith issue --config ../issuer/badgesmith.yaml --achievement intro --roster r.csv --issued 2025-06-01

For each earner: <name>-<id>.png and/or .svg (baked) and <name>-<id>.credential.jwt, plus a
report-<time>.csv and .jsonl with one line per row. A bad row is reported and the others go on;
the exit code is 1 when any row failed.`,
    )
    .action(async (flags: IssueFlags) => {
      const code = await runIssue(flags, getContext());
      if (code !== EXIT.ok) process.exitCode = code;
    });
}
