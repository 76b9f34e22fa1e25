/** Parsing and checking `issue`'s option values: each bad one is a usage error with a hint. */
import { BadgesmithError } from '../core/errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../core/model/config.js';
import { futureIssuedProblem, parseIssuedDate } from '../core/model/dates.js';
import { PROOF_KINDS, type ProofKind } from '../adapters/credential-signer.js';

export function parseProof(value: string): ProofKind {
  const proof = PROOF_KINDS.find((known) => known === value.toLowerCase());
  if (proof === undefined) {
    throw badOption(`--proof '${value}' is not jwt or di`, 'use --proof jwt or --proof di');
  }
  return proof;
}

export function badOption(message: string, hint: string): BadgesmithError {
  return new BadgesmithError('ERR_USAGE_BAD_OPTION', message, { hint });
}

export function parseFormat(value: string | undefined, fallback: OutputFormat): OutputFormat {
  if (value === undefined) return fallback;
  const format = OUTPUT_FORMATS.find((known) => known === value.toLowerCase());
  if (format === undefined) {
    throw badOption(`--format '${value}' is not png, svg or both`, 'use --format png, svg or both');
  }
  return format;
}

export function parseIssued(value: string | undefined, now: Date, allowFuture: boolean): Date {
  if (value === undefined) return now;
  const date = parseIssuedDate(value);
  if (date === undefined) {
    throw badOption(
      `--issued '${value}' is not a date`,
      'write --issued 2025-06-01 or 2025-06-01T09:30:00Z',
    );
  }
  const future = allowFuture ? undefined : futureIssuedProblem(date, now);
  if (future !== undefined) {
    throw badOption(
      `--issued '${value}': ${future}`,
      'give the date the achievement was earned, or pass --allow-future to issue it anyway',
    );
  }
  return date;
}

export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 0 || jobs > 256) {
    throw badOption(
      `--jobs '${value}' is not a number of threads`,
      'use --jobs 0 (no threads) up to --jobs 256',
    );
  }
  return jobs;
}
