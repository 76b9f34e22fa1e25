import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import { BadgesmithError, EXIT } from '../../core/errors.js';
import { isEmailAddress } from '../../core/model/identity.js';
import { mergeRosterMaps, parseMapOptions } from '../../core/model/roster-map.js';
import {
  blankNameProblem,
  escapeControls,
  isBlankName,
  unsafeNameProblem,
} from '../../core/model/roster-values.js';
import { loadAchievement, type LoadedAchievement } from '../../adapters/achievement-file.js';
import { issueBatch, type BatchSummary } from '../../adapters/issue-batch.js';
import { CHANGED_REASON, onlyRerunNotes } from '../../adapters/issue-rerun.js';
import {
  loadIssuer,
  resolveAchievementPath,
  type LoadedIssuer,
} from '../../adapters/issuer-folder.js';
import { countRosterRows, openRoster, type RosterRow } from '../../adapters/roster.js';
import { runIgnoreColumns } from '../../adapters/roster-ignore.js';
import type { CliContext } from '../context.js';
import { createProgress } from '../progress.js';
import { askText } from '../prompts.js';
import { badOption, parseFormat, parseIssued, parseJobs, parseProof } from '../issue-flags.js';
import { describeRow, summaryLine, warnRemovals, warnTemplate } from '../issue-lines.js';

interface IssueFlags {
  config: string;
  achievement?: string;
  name?: string;
  email?: string;
  roster?: string;
  map: string[];
  ignoreColumn: string[];
  format?: string;
  out?: string;
  issued?: string;
  json?: boolean;
  dryRun?: boolean;
  jobs?: string;
  fsync?: boolean;
  credentialFile?: boolean;
  proof?: string;
  allowFuture?: boolean;
  reissue?: boolean;
  newIssuer?: boolean;
}

function missing(flag: string, what: string): BadgesmithError {
  return new BadgesmithError('ERR_USAGE_MISSING_OPTION', `missing ${flag}: ${what}`, {
    hint: 'run `badgesmith issue --help` for examples',
  });
}

interface Rows {
  rows: AsyncIterable<RosterRow> | RosterRow[];
  total: number;
  fromRoster: boolean;
}

async function rowsFrom(flags: IssueFlags, ctx: CliContext, issuer: LoadedIssuer): Promise<Rows> {
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
    const flagMap = parseMapOptions(flags.map);
    const map = mergeRosterMaps(issuer.config.roster?.map, flagMap);
    // roster.ignore in badgesmith.yaml, plus the --ignore-column values.
    const ignore = await runIgnoreColumns(issuer.config, issuer.configPath, {
      map: flagMap,
      ignore: flags.ignoreColumn,
    });
    const path = resolve(ctx.cwd, flags.roster);
    // A first pass checks the encoding and every line's CSV syntax, so a broken file stops the
    // run before anything is issued, and it gives the progress bar its total.
    const total = await countRosterRows(path, map, ignore);
    const roster = await openRoster(path, map, ignore);
    if (roster.ignoredColumns.length > 0) {
      ctx.err(
        `warning: ignored roster columns: ${roster.ignoredColumns.map((c) => `'${c}'`).join(', ')}`,
      );
    }
    return { rows: roster.rows, total, fromRoster: true };
  }
  let { name, email } = flags;
  if (ctx.interactive) {
    name ??= await askText("Earner's name:", {
      required: true,
      validate: (value) =>
        isBlankName(value)
          ? 'the name cannot be empty or invisible'
          : (unsafeNameProblem('the name', value) ?? true),
    });
    email ??= await askText("Earner's e-mail:", {
      required: true,
      validate: (value) => isEmailAddress(value) || 'not an e-mail address',
    });
  }
  if (name === undefined)
    throw missing('--name', "the earner's name (or give --roster <file.csv>)");
  // A name that shows nothing would issue a badge naming no one; a roster row fails the same way.
  const blank = blankNameProblem('--name', name);
  if (blank !== undefined) {
    throw badOption(blank, "pass the earner's name as it should read, e.g. --name 'Ada Lovelace'");
  }
  if (email === undefined)
    throw missing('--email', "the earner's e-mail (or give --roster <file.csv>)");
  if (!isEmailAddress(email)) {
    throw badOption(
      `--email '${email}' is not an e-mail address`,
      'pass the earner address, e.g. --email ada@example.org',
    );
  }
  const control = unsafeNameProblem('--name', name);
  if (control !== undefined) {
    throw badOption(control, "pass the earner's name as plain text, e.g. --name 'Ada Lovelace'");
  }
  return { rows: [{ row: 1, line: 1, name, email }], total: 1, fromRoster: false };
}

async function achievementRef(flags: IssueFlags, ctx: CliContext): Promise<string | undefined> {
  if (flags.achievement !== undefined) return flags.achievement;
  if (flags.roster !== undefined) return undefined;
  if (ctx.interactive) return askText('Achievement (file or slug):', { required: true });
  throw missing('--achievement', 'the achievement file or slug to issue');
}

// Rows skipped for other data, or issued again only to repair or --reissue them, that get a
// stderr line each; the rest are counted (a changed achievement or format touches every row).
const CHANGED_SHOWN = 20;

/** The exit code after SIGTERM: 128 + 15, as a shell reports a process ended by it. */
const EXIT_TERMINATED = 143;

async function runIssue(flags: IssueFlags, ctx: CliContext): Promise<number> {
  const issuer = await loadIssuer(resolve(ctx.cwd, flags.config), ctx.err);
  const ref = await achievementRef(flags, ctx);
  const format = parseFormat(flags.format, issuer.config.defaults.format);
  const warned = new Set<string>();
  const noted = new Set<string>();
  const load = async (r: string): Promise<LoadedAchievement> => {
    const loaded = await loadAchievement(await resolveAchievementPath(r, ctx.cwd, issuer.dir));
    warnTemplate(loaded, noted, ctx);
    warnRemovals(loaded, format, warned, ctx);
    return loaded;
  };
  const achievement = ref === undefined ? undefined : await load(ref);
  const jobs = parseJobs(flags.jobs);
  const now = ctx.now();
  const allowFuture = flags.allowFuture === true;
  const issued = parseIssued(flags.issued, now, allowFuture);
  const { rows, total, fromRoster } = await rowsFrom(flags, ctx, issuer);
  const outDir = resolve(
    flags.out === undefined
      ? resolve(issuer.dir, issuer.config.defaults.output)
      : resolve(ctx.cwd, flags.out),
  );
  const shown = (file: string): string => relative(ctx.cwd, resolve(outDir, file)) || file;
  const dry = flags.dryRun === true;
  const json = flags.json === true;
  const progress = createProgress(ctx, total, (text) => process.stderr.write(text));
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  // The first signal stops taking rows; the rows already started are finished, recorded and
  // reported, which takes a moment. A second Ctrl-C during that moment must not kill the run
  // half-written (temp files, no report): it is only answered with a note.
  const stop = (signal: NodeJS.Signals): void => {
    if (signalled !== undefined) {
      progress.end();
      ctx.err(`${signal} again: finishing the rows already started, then stopping`);
      return;
    }
    signalled = signal;
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let count = 0;
  let changedShown = 0;
  let againShown = 0;
  let failedShown = 0;
  let firstJsonRow = true;
  if (json) ctx.out('{\n"rows": [');
  let summary: BatchSummary;
  try {
    summary = await issueBatch({
      issuer,
      ...(achievement === undefined ? {} : { achievement }),
      loadAchievement: load,
      rows,
      format,
      ...(flags.proof === undefined ? {} : { proof: parseProof(flags.proof) }),
      outDir,
      issued,
      now,
      allowFuture,
      ...(jobs === undefined ? {} : { jobs }),
      dryRun: dry,
      fsync: flags.fsync === true,
      credentialFile: flags.credentialFile !== false,
      reissue: flags.reissue === true,
      newIssuer: flags.newIssuer === true,
      onWarning: (text) => {
        progress.end();
        ctx.err(escapeControls(`warning: ${text}`));
      },
      signal: controller.signal,
      onRow: (report) => {
        count += 1;
        const problem = report.status === 'failed' || report.status === 'duplicate';
        const line = describeRow(report, shown);
        if (problem && line !== undefined) {
          if (report.status === 'failed') failedShown += 1;
          progress.end();
          ctx.err(line);
        } else if (report.status === 'skipped' && report.reason === CHANGED_REASON) {
          changedShown += 1;
          if (changedShown <= CHANGED_SHOWN && !dry) {
            progress.end();
            ctx.err(
              escapeControls(`warning: row ${report.row} (${report.name}): ${report.reason}`),
            );
          }
        } else if (report.status === 'issued' && report.reason !== undefined) {
          // A new --format or --reissue can write every row again: those say so up to a count.
          const rerun = onlyRerunNotes(report.reason);
          if (rerun) againShown += 1;
          if (!rerun || againShown <= CHANGED_SHOWN) {
            progress.end();
            ctx.err(
              escapeControls(`warning: row ${report.row} (${report.name}): ${report.reason}`),
            );
          }
        }
        if (json) {
          ctx.out(`${firstJsonRow ? '' : ','}${JSON.stringify(report)}`);
          firstJsonRow = false;
        } else if (
          !problem &&
          line !== undefined &&
          ctx.verbosity > 0 &&
          (dry || !fromRoster || ctx.verbosity > 1)
        ) {
          ctx.out(line);
        }
        progress.update(count);
      },
    });
  } finally {
    progress.end();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
  if (againShown > CHANGED_SHOWN) {
    ctx.err(
      `warning: ${againShown - CHANGED_SHOWN} more rows issued again under their id; the report lists them`,
    );
  }
  if (changedShown > CHANGED_SHOWN && !dry) {
    ctx.err(
      `warning: ${changedShown - CHANGED_SHOWN} more rows already issued with other data; the report lists them`,
    );
  }
  if (json) {
    ctx.out(`],\n${JSON.stringify({ ...summary, outDir, dryRun: dry }).slice(1)}`);
  } else if (ctx.verbosity > 0) {
    // -q says only what went wrong: the FAILED lines, the warnings and the exit code.
    ctx.out(summaryLine(summary, ctx, shown, dry, total));
  }
  if (fromRoster && summary.total === 0) ctx.err('the roster has no rows');
  if (summary.stopped !== undefined) {
    // An output error that every later row would meet (a full disk, a file size limit, no
    // permission): the rows before it are issued and recorded; exit 73 with the one cause.
    const { code, message, hint } = summary.stopped;
    const more = summary.failed - failedShown;
    if (more > 0) ctx.err(`${more} more rows in flight failed the same way; the report lists them`);
    throw new BadgesmithError(code, message, hint === undefined ? {} : { hint });
  }
  if (summary.interrupted) {
    ctx.err(
      `interrupted after ${summary.total} of ${total} rows; rerun the same command to finish (already issued rows are skipped)`,
    );
    // The shell convention: 128 + the signal number (SIGINT 2, SIGTERM 15).
    return signalled === 'SIGTERM' ? EXIT_TERMINATED : EXIT.interrupted;
  }
  return summary.failed > 0 ? EXIT.notValid : EXIT.ok;
}

/** `badgesmith issue`: signs and bakes one badge per earner. */
export function registerIssue(program: Command, getContext: () => CliContext): void {
  program
    .command('issue')
    .description('issue an achievement to one earner or a roster: sign, draw, bake')
    .option('--config <file>', 'issuer config', 'badgesmith.yaml')
    .option(
      '--achievement <file|slug>',
      "achievement yaml, or its slug in achievements/ (or a roster 'achievement' column)",
    )
    .option('--name <name>', "earner's name (one earner)")
    .option(
      '--email <email>',
      "earner's e-mail (one earner; the credential holds only a salted hash)",
    )
    .option(
      '--roster <file.csv>',
      'csv: name, email or identifier, [achievement, issued, evidence, narrative, result, language]',
    )
    .option(
      '--map <field=header>',
      'read a roster field from another column (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option(
      '--ignore-column <header>',
      'a roster column that holds other data, read by no field and never taken for a typo (repeatable; adds to roster.ignore in badgesmith.yaml)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--format <format>', 'png, svg or both (default from badgesmith.yaml)')
    .option('--out <dir>', 'output folder (default from badgesmith.yaml, "out")')
    .option('--issued <date>', 'issue date, YYYY-MM-DD or ISO date-time (default now)')
    .option(
      '--allow-future',
      'issue dates more than a day ahead (such badges are not valid until that date)',
    )
    .option('--jobs <n>', 'worker threads for signing and drawing (default: one per core; 0: none)')
    .option(
      '--fsync',
      'flush every badge file to disk before it is renamed (survives power cuts; slower)',
    )
    .option(
      '--no-credential-file',
      'write only the baked images, not also <name>.credential.jwt (half the files)',
    )
    .option(
      '--proof <proof>',
      'jwt (a VC-JWT) or di (Data Integrity, Ed25519); default from badgesmith.yaml',
    )
    .option(
      '--reissue',
      'issue again, under the same ids and files, rows the ledger has with other data (a corrected name, a changed achievement)',
    )
    .option(
      '--new-issuer',
      "issue into a folder whose ledger holds another issuer's rows (a new key): everyone gets a new badge",
    )
    .option('--json', 'print one JSON document with every row')
    .option('--dry-run', 'check the config, key, achievement and every row; write nothing')
    .addHelpText(
      'after',
      `
Examples:
  badgesmith issue --achievement first-badge --name "Ada Lovelace" --email ada@example.org
  badgesmith issue --achievement first-badge --roster rosters/cohort.csv --format both
  badgesmith issue --achievement intro --roster export.csv --map email="E-mail Address" --dry-run
  badgesmith roster template first-badge     (writes a roster skeleton with the right headers)

For each earner: <name>-<id>.png and/or .svg (baked) and <name>-<id>.credential.jwt (not with
--no-credential-file), plus a report-<time>.csv and .jsonl with one line per row. The id is stable: the same issuer,
achievement and e-mail (or identifier) always give the same credential id.
SVG badges are baked from sanitised artwork: scripts, event handlers, embedded HTML and
external references are removed, and stderr lists each removal once per run.

The output folder keeps an append-only ledger, issue-ledger.jsonl: a rerun (after a crash,
Ctrl-C or a fix to bad rows) issues only the rows not yet done, and a finished run run again
issues nothing. A done row whose files are missing (deleted, or another --format) is written
again under its id and name; one whose data changed (name, dates, evidence, result, language,
the achievement) is skipped with a note until --reissue. A folder of another issuer's rows (a
new key) stops the run: exit 64; use a new --out or --new-issuer. Repeated rows (same earner
and achievement) are reported as DUPLICATE, issued once. A bad row is reported as FAILED
and the others go on: exit 1.

Ctrl-C (SIGINT) or SIGTERM stops taking rows; the rows started are finished, the report is
written for the rows done, and a rerun of the same command finishes the rest: exit 130
after SIGINT, 143 after SIGTERM.`,
    )
    .action(async (flags: IssueFlags) => {
      const code = await runIssue(flags, getContext());
      if (code !== EXIT.ok) process.exitCode = code;
    });
}
