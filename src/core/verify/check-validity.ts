import type { DecodedCredential } from './format.js';
import { datesOf } from './jwt-claims.js';
import { result, show, type CheckResult } from './report.js';

function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function claim(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * The `validity` check: the later of validFrom/nbf and the earlier of validUntil/exp against
 * `now` (OB 3.0 section 5.1 step 4). The leeway forgives a clock that is a little behind the
 * issuer's at the start only; an expired credential is expired to the second.
 */
export function checkValidity(
  decoded: DecodedCredential,
  now: Date,
  leewaySeconds: number,
): CheckResult {
  const { from, until } = datesOf(decoded);
  const payload = decoded.jwt?.payload ?? {};
  const fromMs = instant(from);
  const untilMs = instant(until);
  if (from !== undefined && fromMs === undefined) {
    return result('validity', 'failed', `the start date '${show(from)}' is not a date-time`);
  }
  if (until !== undefined && untilMs === undefined) {
    return result('validity', 'failed', `the end date '${show(until)}' is not a date-time`);
  }
  const starts = [fromMs, claim(payload.nbf)].filter((v): v is number => v !== undefined);
  const ends = [untilMs, claim(payload.exp)].filter((v): v is number => v !== undefined);
  // VCDM 2.0 section 4.9 makes validFrom optional, so a plain VC or VP may state no start; the
  // OB 3.0 and CLR 2.0 classes require it.
  const optional = decoded.kind === 'vc' || decoded.kind === 'vp';
  if (starts.length === 0 && !optional)
    return result('validity', 'failed', 'the credential states no start of validity');
  const start = starts.length > 0 ? Math.max(...starts) : undefined;
  const end = ends.length > 0 ? Math.min(...ends) : undefined;
  const at = now.getTime();
  const notes: string[] = [];

  if (start !== undefined && at < start - leewaySeconds * 1000) {
    return result(
      'validity',
      'failed',
      `not yet valid: valid from ${iso(start)}, the time is ${iso(at)}`,
    );
  }
  if (start !== undefined && at < start) {
    const ahead = Math.ceil((start - at) / 1000);
    notes.push(`starts ${ahead} s after the clock; accepted within the ${leewaySeconds} s leeway`);
  }
  if (end !== undefined && at > end) {
    return result('validity', 'failed', `expired at ${iso(end)}, the time is ${iso(at)}`);
  }
  const begins = start === undefined ? 'no start of validity stated' : `valid from ${iso(start)}`;
  const span = end === undefined ? `${begins}, no expiry` : `${begins} until ${iso(end)}`;
  const message = notes.length > 0 ? `${span} (${notes.join('; ')})` : span;
  return result('validity', 'passed', message, notes.length > 0 ? { notes } : undefined);
}
