import type { Command } from 'commander';
import { readInputFile } from '../../adapters/files.js';
import { loadVerifierSetup } from '../../adapters/verifier-setup.js';
import { expandBadgeInputs } from '../../adapters/walk.js';
import { extractBadge } from '../../core/bake/index.js';
import { BadgesmithError, isBadgesmithError } from '../../core/errors.js';
import {
  DEFAULT_LEEWAY_SECONDS,
  firstProblem,
  verifyExtracted,
  type CheckOutcome,
  type Verdict,
  type VerificationReport,
} from '../../core/verify/index.js';
import type { CliContext } from '../context.js';
import {
  exitCodeOfRows,
  printTable,
  unusableLines,
  unusableRow,
  type VerifyRow,
} from '../verify-table.js';

interface VerifyFlags {
  trust: string[];
  recipient?: string;
  json?: boolean;
  at?: string;
  leeway?: string;
  contexts?: string;
  statusLists?: string;
  trustStore?: string;
  ob2Documents?: string;
  strict?: boolean;
}

const VERDICT_WORD: Record<Verdict, string> = {
  valid: 'VALID',
  invalid: 'NOT VALID',
  indeterminate: 'CANNOT TELL',
};

const OUTCOME_WORD: Record<CheckOutcome, string> = {
  passed: 'passed',
  failed: 'FAILED',
  skipped: 'skipped',
  indeterminate: 'cannot tell',
};

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseAt(text: string | undefined, ctx: CliContext): Date {
  if (text === undefined) return ctx.now();
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/u.test(text) || Number.isNaN(at.getTime())) {
    throw new BadgesmithError('ERR_USAGE_BAD_OPTION', `--at '${text}' is not an ISO date-time`, {
      hint: 'write it like 2026-01-01T00:00:00Z',
    });
  }
  return at;
}

function parseLeeway(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LEEWAY_SECONDS;
  if (!/^\d+$/u.test(text)) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `--leeway '${text}' is not a whole number of seconds`,
      {
        hint: `give seconds, e.g. --leeway ${DEFAULT_LEEWAY_SECONDS}`,
      },
    );
  }
  return Number(text);
}

function paint(ctx: CliContext, verdict: Verdict, text: string): string {
  if (verdict === 'valid') return ctx.color.green(text);
  if (verdict === 'invalid') return ctx.color.red(text);
  return ctx.color.yellow(text);
}

/** `-q`: nothing for a VALID file, else one line naming the first failed (or undecided) check. */
function printQuiet(ctx: CliContext, report: VerificationReport): void {
  if (report.verdict === 'valid') return;
  const first = firstProblem(report.checks);
  const reason = first === undefined ? '' : `: ${first.name}: ${first.message}`;
  const word = paint(ctx, report.verdict, VERDICT_WORD[report.verdict]);
  ctx.out(`${word}  ${report.file ?? ''}${reason}`);
}

/**
 * The notes a check's one-line message does not already carry: each embedded endorsement, and
 * each proof of a Data Integrity proof set. Other checks' notes are in their message.
 */
function notesToList(check: VerificationReport['checks'][number]): string[] {
  const notes = check.details?.notes ?? [];
  if (check.name === 'endorsement' && notes.length > 1) return notes;
  if (check.name === 'proof' && check.message.endsWith('proofs verified (see notes)')) return notes;
  return [];
}

function printReport(ctx: CliContext, report: VerificationReport): void {
  if (ctx.verbosity === 0) {
    printQuiet(ctx, report);
    return;
  }
  const word = VERDICT_WORD[report.verdict];
  ctx.out(`${paint(ctx, report.verdict, word.padEnd(11))} ${report.file ?? ''}`);
  for (const check of report.checks) {
    const outcome = OUTCOME_WORD[check.outcome].padEnd(11);
    const colored =
      check.outcome === 'failed'
        ? ctx.color.red(outcome)
        : check.outcome === 'indeterminate'
          ? ctx.color.yellow(outcome)
          : outcome;
    ctx.out(`  ${check.name.padEnd(11)} ${colored} ${check.message}`);
    for (const finding of check.details?.findings?.slice(1) ?? []) {
      ctx.out(`  ${''.padEnd(11)} ${''.padEnd(11)} ${finding.path || '/'} ${finding.message}`);
    }
    for (const note of notesToList(check)) ctx.out(`  ${''.padEnd(11)} ${''.padEnd(11)} ${note}`);
  }
  if (report.trustedBy !== undefined) ctx.out(`  trusted by: ${report.trustedBy}`);
  for (const warning of report.warnings) ctx.out(`  warning: ${warning}`);
}

/** `badgesmith verify <files...>`: offline verification with a plain answer per file. */
export function registerVerify(program: Command, getContext: () => CliContext): void {
  program
    .command('verify')
    .description('check badges offline: VALID, NOT VALID, or CANNOT TELL, and why')
    .argument(
      '<files...>',
      'baked badges (.png, .svg), credential files (.json, .jwt), or folders of them',
    )
    .option(
      '--trust <file>',
      "an issuer's did.json, jwks.json or profile, or a did:key (repeatable)",
      collect,
      [],
    )
    .option('--recipient <email>', 'also check that the badge was issued to this e-mail or id')
    .option('--json', 'print one JSON document (schemas/verify-report.schema.json)')
    .option('--at <iso-date>', 'verify as of this time instead of now')
    .option(
      '--strict',
      'fail the schema check on conformance notes too (e.g. a subject with neither id nor identifier)',
    )
    .option(
      '--leeway <seconds>',
      `clock-skew allowance for the start of validity (default ${DEFAULT_LEEWAY_SECONDS})`,
    )
    .option(
      '--trust-store <dir>',
      'trusted issuers kept with `badgesmith trust add` (default ~/.config/badgesmith/trust)',
    )
    .option(
      '--contexts <dir>',
      'local JSON-LD contexts for embedded proofs: <dir>/map.json maps each URL to a file',
    )
    .option(
      '--status-lists <dir>',
      'local status list credentials: <dir>/map.json maps each list URL to a file',
    )
    .option(
      '--ob2-documents <dir>',
      'local copies of what OB 2.0 URLs serve: <dir>/map.json, or <dir>/<host>/<path>',
    )
    .addHelpText(
      'after',
      `
Examples:
  badgesmith verify ada.png --trust issuer/keys/jwks.json
  badgesmith verify out/*.png --trust did.json --recipient ada@example.org
  badgesmith verify badge.svg --trust did:key:z6Mk... --json
  badgesmith verify old-badge.png --trust jwks.json --at 2025-01-01T00:00:00Z
  badgesmith verify di-badge.png --trust did.json --contexts my-contexts/
  badgesmith verify badge.json --trust did.json --status-lists lists/
  badgesmith verify downloads/ --json
  badgesmith verify badge.json --trust did.json --strict
  badgesmith verify old-ob2.png --ob2-documents issuer-copies/

Checks, in order: extract, format, schema, proof, issuer-key, validity, status, recipient,
endorsement (each embedded EndorsementCredential, verified with the same trust and clock).
Each is passed, FAILED, skipped or "cannot tell". Trust is explicit: a key counts only when a
--trust file or the trust store (\`badgesmith trust add\`) lists it for the credential's
issuer; a did:key resolves by itself but is trusted only when listed. A credential with no
proof is "cannot tell", never VALID. Departures from OB 3.0 that leave the meaning intact (a
single value for a list, an image as a URL, an unlisted achievementType, a subject with neither
id nor identifier) pass the schema check with a warning; --strict fails them. Exit 0 when every file is VALID, 1 when any is
NOT VALID, 2 when some could not be decided offline. With -q (badgesmith -q verify ...) a VALID
file prints nothing and any other one line: NOT VALID  <file>: <check>: <message>.

Embedded (Data Integrity, eddsa-rdfc-2022) proofs are checked with JSON-LD contexts from the
copies badgesmith ships (VCDM 1.1 and 2.0, OB 3.0, Data Integrity) plus --contexts; a context
found in neither is "cannot tell", naming its URL. Nothing is ever fetched.

Status (Bitstring Status List revocation and suspension, 1EdTech revocation lists) is read
from --status-lists copies only. A list that is missing, expired, not yet valid, tampered
with, of the wrong type or from an issuer that is neither the badge's nor trusted makes the
status "cannot tell", never "not revoked".

A folder is walked for .png, .svg, .json, .jwt and .jws files and answered as a table (file,
verdict, reason). A file that is not a usable badge is a NOT VALID row of its own and the run
goes on; the exit code is then 65 (66 if it could not be read), whatever the other files say.

OB 2.0: a signed badge is checked with the issuer's CryptographicKey, a hosted one against
the local copy of its URL; both need the BadgeClass and issuer profile, all from
--ob2-documents (map.json of URL to file, or a mirror such as example.org/badge.json).`,
    )
    .action(async (files: string[], flags: VerifyFlags) => {
      const ctx = getContext();
      const now = parseAt(flags.at, ctx);
      const leewaySeconds = parseLeeway(flags.leeway);
      if (flags.recipient?.trim() === '') {
        throw new BadgesmithError('ERR_USAGE_BAD_OPTION', '--recipient is empty', {
          hint: 'pass the e-mail or id the badge was issued to, e.g. --recipient ada@example.org',
        });
      }
      const setup = await loadVerifierSetup({
        trust: flags.trust,
        ...(flags.trustStore === undefined ? {} : { trustStore: flags.trustStore }),
        ...(flags.contexts === undefined ? {} : { contexts: flags.contexts }),
        ...(flags.statusLists === undefined ? {} : { statusLists: flags.statusLists }),
        ...(flags.ob2Documents === undefined ? {} : { ob2Documents: flags.ob2Documents }),
        cwd: ctx.cwd,
        env: ctx.env,
      });
      for (const warning of setup.warnings) ctx.err(`warning: ${warning}`);
      const expanded = await expandBadgeInputs(files, ctx.cwd);
      const quiet = ctx.verbosity === 0 && flags.json !== true;
      // What a folder held besides badges is news, not a problem: -q leaves it out.
      if (expanded.skipped.length > 0 && !quiet) {
        ctx.err(
          `skipped ${expanded.skipped.length} file(s) that are not badges by name, e.g. '${expanded.skipped[0] ?? ''}'`,
        );
      }
      if (expanded.special.length > 0 && !quiet) {
        ctx.err(
          `skipped ${expanded.special.length} entr(ies) that are not regular files (pipes, sockets, devices), e.g. '${expanded.special[0] ?? ''}'`,
        );
      }
      if (expanded.links.length > 0 && !quiet) {
        ctx.err(
          `skipped ${expanded.links.length} symbolic link(s) in folders, which are not followed, e.g. '${expanded.links[0] ?? ''}'; name the file itself to verify it`,
        );
      }
      const asTable = expanded.folders > 0 && flags.json !== true && !quiet;
      const reports: VerifyRow[] = [];
      for (const { path, shown: file } of expanded.inputs) {
        let extracted;
        try {
          extracted = extractBadge(await readInputFile(path, 'badge file'));
        } catch (error) {
          if (!isBadgesmithError(error)) throw error;
          // One unusable file is a row of its own; the other files are still checked. With -q
          // its one NOT VALID line (printReport) says it all.
          if (!quiet) ctx.err(unusableLines(file, error));
          const row = unusableRow(file, error);
          reports.push(row);
          if (flags.json !== true && !asTable) printReport(ctx, row);
          continue;
        }
        const report = await verifyExtracted({
          ...setup.options,
          extracted,
          now,
          leewaySeconds,
          file,
          ...(flags.recipient === undefined ? {} : { recipient: flags.recipient }),
          strict: flags.strict === true,
        });
        reports.push(report);
        if (flags.json !== true && !asTable) printReport(ctx, report);
      }
      if (asTable) printTable(ctx, reports, VERDICT_WORD, (v, text) => paint(ctx, v, text));
      const count = (verdict: Verdict): number =>
        reports.filter((r) => r.verdict === verdict).length;
      const summary = {
        valid: count('valid'),
        invalid: count('invalid'),
        indeterminate: count('indeterminate'),
      };
      if (flags.json === true) {
        ctx.out(JSON.stringify({ verifiedAt: now.toISOString(), summary, reports }, null, 2));
      } else if (!quiet) {
        const noun = reports.length === 1 ? 'file' : 'files';
        ctx.out(
          `${reports.length} ${noun}: ${summary.valid} valid, ${summary.invalid} not valid, ${summary.indeterminate} cannot tell`,
        );
      }
      process.exitCode = exitCodeOfRows(reports);
    });
}
