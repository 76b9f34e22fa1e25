import { relative } from 'node:path';
import type { OutputFormat } from '../core/model/config.js';
import { escapeControls } from '../core/model/roster-values.js';
import type { LoadedAchievement } from '../adapters/achievement-file.js';
import { artworkRemovals } from '../core/bake/svg-bake.js';
import { templateWarnings } from '../core/model/template.js';
import type { BatchSummary } from '../adapters/issue-batch.js';
import type { IssueRowReport } from '../adapters/issue-report.js';
import type { CliContext } from './context.js';

// What `badgesmith issue` prints: a line a row, the closing summary, and the warnings said once
// a run about its artwork.

// A roster's names reach these lines: control characters are escaped so a row cannot drive the
// operator's terminal.
/** A row's line on stdout or stderr, its names' control characters escaped. */
export function describeRow(
  r: IssueRowReport,
  shown: (file: string) => string,
): string | undefined {
  const line = rowLine(r, shown);
  return line === undefined ? undefined : escapeControls(line);
}

function rowLine(r: IssueRowReport, shown: (file: string) => string): string | undefined {
  const who = r.name || '-';
  if (r.status === 'failed') return `FAILED row ${r.row} (${who}): ${r.reason ?? ''}`;
  if (r.status === 'duplicate') return `DUPLICATE row ${r.row} (${who}): ${r.reason ?? ''}`;
  const why = r.reason === undefined ? '' : ` (${r.reason})`;
  if (r.status === 'skipped' && r.reason !== undefined && r.reason !== 'already issued')
    return `SKIPPED row ${r.row} ${who}: ${r.reason}, ${r.files.map(shown).join(', ')}`;
  if (r.status === 'skipped')
    return `SKIPPED row ${r.row} ${who}: already issued, ${r.files.map(shown).join(', ')}`;
  if (r.status === 'would-issue')
    return `WOULD ISSUE row ${r.row} ${who}: ${r.files.map(shown).join(', ')}${why}`;
  return `ISSUED row ${r.row} ${who}: ${r.files.map(shown).join(', ')}`;
}

/** The closing line of a run: what was issued, skipped, failed; where the report is. */
export function summaryLine(
  s: BatchSummary,
  ctx: CliContext,
  shown: (p: string) => string,
  dry: boolean,
  total: number,
) {
  const failed = s.failed > 0 ? ctx.color.red(`failed ${s.failed}`) : `failed ${s.failed}`;
  // Rerun counts (issue #5) only when there are any, so a plain run's line stays as it was.
  const changed =
    s.changed > 0 ? `; ${s.changed} with other data, pass --reissue to issue them again` : '';
  const counts = `skipped ${s.skipped} (already issued${changed}), duplicates ${s.duplicates}, ${failed}`;
  const again = s.again > 0 ? ` (${s.again} again under their id)` : '';
  if (dry) return `dry run: would issue ${s.issued}${again}, ${counts}; nothing written`;
  const head = s.interrupted
    ? `INTERRUPTED after ${s.total} of ${total} rows: issued`
    : s.stopped !== undefined
      ? `STOPPED after ${s.total} of ${total} rows: issued`
      : 'issued';
  const report = s.report === undefined ? '' : `; report: ${shown(s.report.csv)} (and .jsonl)`;
  return `${head} ${s.issued}${again}, ${counts}${report}; ledger: ${shown(s.ledger)}`;
}

/**
 * Says once per artwork file what the SVG sanitiser takes out of the baked SVG badges (the
 * same for every row, so not once per badge). PNG output is drawn, not baked from the markup.
 */
export function warnRemovals(
  loaded: LoadedAchievement,
  format: OutputFormat,
  warned: Set<string>,
  ctx: CliContext,
): void {
  const { artwork } = loaded;
  if (artwork.kind === 'png' || format === 'png' || warned.has(artwork.file)) return;
  warned.add(artwork.file);
  let removed: string[];
  try {
    removed = artworkRemovals(artwork.svg);
  } catch {
    return; // A malformed artwork fails its rows with the reason; nothing to say here.
  }
  const shown = relative(ctx.cwd, artwork.file) || artwork.file;
  for (const what of removed) {
    ctx.err(`warning: removed from the artwork '${shown}' in every svg badge: ${what}`);
  }
}

/** Says once per template what may not be what the user meant (no earner's name in it). */
export function warnTemplate(loaded: LoadedAchievement, noted: Set<string>, ctx: CliContext): void {
  const { artwork } = loaded;
  if (artwork.kind !== 'template' || noted.has(artwork.file)) return;
  noted.add(artwork.file);
  const shown = relative(ctx.cwd, artwork.file) || artwork.file;
  for (const warning of templateWarnings(artwork.svg, shown)) ctx.err(`warning: ${warning}`);
}
