import { extractBadge } from '../bake/index.js';
import { verifyExtracted, type VerifyInput } from './runner.js';
import type { VerificationReport } from './report.js';

/** What {@link verifyBadge} needs besides the file's bytes. */
export type VerifyBadgeOptions = Omit<VerifyInput, 'extracted'>;

/**
 * Verifies one badge file offline: extracts the credential from a PNG, an SVG, a credential
 * JSON or a compact JWS, then runs every check. A bad credential gives a report, not an error;
 * input that is not a badge at all throws a BadgesmithError (ERR_IMAGE_UNKNOWN, ERR_PNG_*, …).
 *
 * @example
 * ```ts
 * const trust = { entries: [trustEntryFromJson(JSON.parse(jwksText), 'jwks.json')] };
 * const report = await verifyBadge(await readFile('badge.png'), { trust, now: new Date() });
 * if (report.verdict === 'valid') console.log('VALID');
 * ```
 */
export async function verifyBadge(
  bytes: Uint8Array,
  options: VerifyBadgeOptions,
): Promise<VerificationReport> {
  return verifyExtracted({ ...options, extracted: extractBadge(bytes) });
}
