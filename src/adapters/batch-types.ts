import type { OutputFormat } from '../core/model/config.js';
import type { LoadedAchievement } from './achievement-file.js';
import type { ProofKind } from './credential-signer.js';
import type { IssueRowReport } from './issue-report.js';
import type { LoadedIssuer } from './issuer-folder.js';
import type { RosterRow } from './roster.js';

/** One run of `issue`: who issues what to whom, in which format, and where the files go. */
export interface IssueBatch {
  issuer: LoadedIssuer;
  /** The achievement of rows that name none. */
  achievement?: LoadedAchievement;
  /** Loads an achievement a row names in its `achievement` column. */
  loadAchievement?: (ref: string) => Promise<LoadedAchievement>;
  rows: AsyncIterable<RosterRow> | Iterable<RosterRow>;
  format: OutputFormat;
  /** The proof format (default: `defaults.proof` of badgesmith.yaml). */
  proof?: ProofKind;
  outDir: string;
  /** The issue date of rows that have none of their own. */
  issued: Date;
  /** The run's clock: names the report, and dates over a day after it fail their row. */
  now: Date;
  /** Issue rows dated more than a day in the future (their badges are not valid until then). */
  allowFuture?: boolean;
  /** Worker threads; 0 issues in this thread. Default: one per core. */
  jobs?: number;
  /** Check every row and write nothing. */
  dryRun?: boolean;
  /** fsync every badge file before its rename (survives a power cut; slower). */
  fsync?: boolean;
  /**
   * Also write the credential on its own, `<name>.credential.jwt` (or `.json`), beside the
   * images that hold it baked (default true; false halves the files a run creates).
   */
  credentialFile?: boolean;
  /** Aborting stops taking rows; rows already started are finished and recorded. */
  signal?: AbortSignal;
  /** Called for each row, in roster order. */
  onRow?: (report: IssueRowReport) => void;
  /** Issue again, under the same ids and files, rows the ledger has with other data. */
  reissue?: boolean;
  /** Issue into a folder whose ledger holds another issuer's rows (everyone gets a new id). */
  newIssuer?: boolean;
  /**
   * Called with each run-wide warning (a kept report, what the clean-up left, a changed
   * achievement, unreadable ledger lines).
   */
  onWarning?: (text: string) => void;
}

/** What a run did, counted. */
export interface BatchSummary {
  total: number;
  issued: number;
  skipped: number;
  /** Of the skipped, rows the ledger has with other data (issued again with `reissue`). */
  changed: number;
  /** Of the issued, rows issued again under their id: files missing, a new format, `reissue`. */
  again: number;
  duplicates: number;
  failed: number;
  interrupted: boolean;
  /** The report files (not in a dry run). */
  report?: { csv: string; jsonl: string };
  ledger: string;
  /**
   * Set when an output error no later row escapes (a full disk, a file size limit, no
   * permission) stopped the run: the rows before it are issued and recorded, the rest are not.
   */
  stopped?: { code: 'ERR_OUTPUT_WRITE'; message: string; hint?: string };
}
