/**
 * Dates as Open Badges 3.0 writes them: `DateTimeZ`, an ISO 8601 date-time with a zone (OB 3.0
 * section 3.2, `validFrom` / `validUntil`). badgesmith always writes UTC at seconds precision.
 */

/**
 * A date as `YYYY-MM-DDTHH:MM:SSZ` (UTC, seconds precision).
 *
 * @example toDateTimeZ(new Date(Date.UTC(2025, 5, 1))) // '2025-06-01T00:00:00Z'
 */
export function toDateTimeZ(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** A date as `YYYY-MM-DD` in UTC, the form personal images show. */
export function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/u;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/u;

/**
 * Reads an issue date given by a user: `YYYY-MM-DD` (midnight UTC) or a date-time with a zone.
 * Returns undefined for anything else, so the caller can say which flag or row was wrong.
 *
 * @example parseIssuedDate('2025-06-01')?.toISOString() // '2025-06-01T00:00:00.000Z'
 */
export function parseIssuedDate(text: string): Date | undefined {
  const value = text.trim();
  if (!DAY_ONLY.test(value) && !DATE_TIME.test(value)) return undefined;
  const date = new Date(DAY_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return undefined;
  if (DAY_ONLY.test(value) && toIsoDay(date) !== value) return undefined;
  return date;
}

/** How far ahead of the clock an issue date may be: a day, for time zones ahead of UTC. */
export const FUTURE_ISSUE_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * Why an issue date cannot be issued now, or undefined: a date more than a day after `now`
 * becomes `validFrom`, and a verifier reports such a credential "not yet valid" (OB 3.0
 * section 5.1 step 4) until then.
 *
 * @example futureIssuedProblem(new Date('2099-01-01T00:00:00Z'), now) // 'issued date … is in the future …'
 */
export function futureIssuedProblem(issued: Date, now: Date): string | undefined {
  if (issued.getTime() <= now.getTime() + FUTURE_ISSUE_SKEW_MS) return undefined;
  return `issued date ${toDateTimeZ(issued)} is in the future (now is ${toDateTimeZ(now)}): the badge would not be valid before then`;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/u;

/** Whether `text` is a duration badgesmith understands for `validFor`: `P1Y`, `P6M`, `P2W`, `P30D`. */
export function isValidForDuration(text: string): boolean {
  return DURATION.test(text) && text !== 'P';
}

/**
 * Adds an ISO 8601 calendar duration (years, months, weeks, days; no time part) to a date, in
 * UTC. Returns undefined when the duration is not one {@link isValidForDuration} accepts.
 *
 * @example addDuration(new Date('2025-01-31T00:00:00Z'), 'P1Y')?.toISOString()
 */
export function addDuration(date: Date, duration: string): Date | undefined {
  const match = DURATION.exec(duration);
  if (match === null || duration === 'P') return undefined;
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + (years ?? 0));
  result.setUTCMonth(result.getUTCMonth() + (months ?? 0));
  result.setUTCDate(result.getUTCDate() + (weeks ?? 0) * 7 + (days ?? 0));
  return result;
}

/**
 * Whether `text` is a `validFor` duration of no length at all (`P0D`, `P0Y0M`): a credential
 * whose `validUntil` equals its `validFrom` has expired as it is issued (OB 3.0 section 5.1
 * step 4 checks validUntil).
 *
 * @example isZeroDuration('P0D') // true
 */
export function isZeroDuration(text: string): boolean {
  const match = DURATION.exec(text);
  if (match === null || text === 'P') return false;
  return match.slice(1).every((part) => part === undefined || Number(part) === 0);
}

/**
 * The longest `validFor` badgesmith accepts, in years. `validUntil` is a `DateTimeZ` (OB 3.0
 * section 3.2), whose year has four digits: with issue dates up to a day from now, 1000 years
 * keeps every `validUntil` before 9999-12-31, where a longer one would not print (+011026-…) or
 * not be a date at all.
 */
export const MAX_VALID_FOR_YEARS = 1000;

/**
 * Whether a `validFor` duration is longer than {@link MAX_VALID_FOR_YEARS} (counting a month as
 * a twelfth of a year and a year as 365.25 days); false for text that is not a duration.
 *
 * @example isOverlongDuration('P1001Y') // true
 */
export function isOverlongDuration(text: string): boolean {
  const match = DURATION.exec(text);
  if (match === null || text === 'P') return false;
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  const total = (years ?? 0) + (months ?? 0) / 12 + ((weeks ?? 0) * 7 + (days ?? 0)) / 365.25;
  return total > MAX_VALID_FOR_YEARS;
}
