/** The OB 2.0 checks after the proof: dates, revocation, the recipient, the hosted scope. */
import { identityMatches, isEmailAddress } from '../../model/identity.js';
import { result, show, type CheckResult } from '../report.js';
import { isObject, many, str, type Json } from './json.js';
import { isLinked, type Ob2Links } from './resolve.js';
import { ob2Instant, revocationListShape } from './shape.js';

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * `validity` for OB 2.0: `issuedOn` not after the clock (with the leeway for a clock a little
 * behind the issuer's), `expires` not before it (notes section 6, Assertion; [ours] leeway).
 */
export function checkOb2Validity(assertion: Json, now: Date, leewaySeconds: number): CheckResult {
  const issued = ob2Instant(assertion.issuedOn);
  const expires = assertion.expires === undefined ? undefined : ob2Instant(assertion.expires);
  if (issued === undefined) {
    return result(
      'validity',
      'failed',
      `issuedOn '${show(assertion.issuedOn)}' is not a date-time`,
    );
  }
  if (assertion.expires !== undefined && expires === undefined) {
    return result('validity', 'failed', `expires '${show(assertion.expires)}' is not a date-time`);
  }
  const at = now.getTime();
  if (at < issued - leewaySeconds * 1000) {
    return result(
      'validity',
      'failed',
      `not yet issued: issued on ${iso(issued)}, the time is ${iso(at)}`,
    );
  }
  if (expires !== undefined && at > expires) {
    return result('validity', 'failed', `expired at ${iso(expires)}, the time is ${iso(at)}`);
  }
  const span =
    expires === undefined
      ? `issued ${iso(issued)}, no expiry`
      : `issued ${iso(issued)}, expires ${iso(expires)}`;
  return result('validity', 'passed', span);
}

function listed(entry: unknown, ids: string[]): { hit: boolean; reason?: string } {
  if (typeof entry === 'string') return { hit: ids.includes(entry) };
  if (!isObject(entry)) return { hit: false };
  const id = str(entry.id) ?? str(entry.uid);
  // An entry may say `revoked: false` to take a revocation back (notes section 6).
  if (id === undefined || !ids.includes(id) || entry.revoked === false) return { hit: false };
  const reason = str(entry.revocationReason);
  return reason === undefined ? { hit: true } : { hit: true, reason };
}

/**
 * `status` for OB 2.0: `revoked: true` on the assertion, then the issuer's `revocationList`
 * when it has one: the assertion's `id` (or legacy `uid`) must not be in `revokedAssertions`.
 */
export async function checkOb2Status(
  assertion: Json,
  issuer: Json | undefined,
  links: Ob2Links,
  hosted: boolean,
): Promise<CheckResult> {
  if (assertion.revoked === true) {
    const reason = str(assertion.revocationReason);
    return result(
      'status',
      'failed',
      `revoked: the assertion says "revoked": true${reason ? ` (${reason})` : ''}`,
    );
  }
  if (issuer === undefined) {
    return result(
      'status',
      'indeterminate',
      'the issuer profile is needed to find its revocation list',
    );
  }
  if (issuer.revocationList === undefined) {
    return result(
      'status',
      'passed',
      hosted
        ? 'not marked revoked in the hosted copy; the issuer publishes no revocation list'
        : 'not revoked: the issuer publishes no revocation list',
    );
  }
  const list = await links.follow(
    issuer.revocationList,
    'the revocation list',
    'the issuer profile',
  );
  if (!isLinked(list)) {
    return result('status', list.missing ? 'indeterminate' : 'failed', list.message);
  }
  const shape = revocationListShape(list.doc, '');
  if (shape.findings.length > 0) {
    return result(
      'status',
      'failed',
      `the revocation list (${list.source}): ${shape.findings[0]?.message ?? ''}`,
    );
  }
  const ids = [str(assertion.id), str(assertion.uid)].filter((v): v is string => v !== undefined);
  for (const entry of many(list.doc.revokedAssertions)) {
    const hit = listed(entry, ids);
    if (hit.hit) {
      const why = hit.reason === undefined ? '' : ` (${hit.reason})`;
      return result(
        'status',
        'failed',
        `revoked: listed in the issuer's revocation list (${list.source})${why}`,
      );
    }
  }
  return result('status', 'passed', `not in the issuer's revocation list (${list.source})`);
}

/**
 * `recipient` for OB 2.0 (notes section 6, Recipient): the known value, hashed with the salt by
 * the algorithm the `identity` prefix names, against `identity`; hex compared case-insensitively.
 */
export function checkOb2Recipient(assertion: Json, recipient: string | undefined): CheckResult {
  if (recipient === undefined) return result('recipient', 'skipped', 'no recipient given to check');
  const identity = isObject(assertion.recipient) ? assertion.recipient : undefined;
  const value = str(identity?.identity);
  if (identity === undefined || value === undefined) {
    return result('recipient', 'failed', 'the assertion names no recipient identity');
  }
  const type = str(identity.type) ?? 'email';
  const email = isEmailAddress(recipient);
  if ((type === 'email') !== email) {
    return result(
      'recipient',
      'failed',
      `not issued to '${recipient}' (the recipient is a '${type}' identity)`,
    );
  }
  const matches = identityMatches(
    {
      type: 'IdentityObject',
      identityHash: value,
      identityType: email ? 'email' : type,
      hashed: identity.hashed === true,
      ...(typeof identity.salt === 'string' ? { salt: identity.salt } : {}),
    },
    recipient,
  );
  return matches
    ? result('recipient', 'passed', `issued to '${recipient}' (recipient identity matches)`)
    : result('recipient', 'failed', `not issued to '${recipient}'`);
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * `issuer-key` for a hosted assertion (notes section 6, Hosted verification): the URL it is
 * served at must be the issuer's: within `verification.allowedOrigins` / `startsWith` when the
 * issuer profile sets them, else on the same origin as the profile's id.
 */
export function checkHostedScope(assertionId: string, issuer: Json, source: string): CheckResult {
  const policy = isObject(issuer.verification) ? issuer.verification : {};
  const starts = many(policy.startsWith).filter((v): v is string => typeof v === 'string');
  const origins = many(policy.allowedOrigins).filter((v): v is string => typeof v === 'string');
  const host = (() => {
    try {
      return new URL(assertionId).host;
    } catch {
      return undefined;
    }
  })();
  if (starts.length > 0 || origins.length > 0) {
    const okStart = starts.length === 0 || starts.some((s) => assertionId.startsWith(s));
    const okOrigin = origins.length === 0 || (host !== undefined && origins.includes(host));
    if (okStart && okOrigin) {
      return result(
        'issuer-key',
        'passed',
        `'${assertionId}' is within the issuer's verification policy (${source})`,
      );
    }
    const rule = [
      ...starts.map((s) => `starts with '${s}'`),
      ...origins.map((o) => `host '${o}'`),
    ].join(' or ');
    return result(
      'issuer-key',
      'failed',
      `'${assertionId}' is outside the issuer's policy: ${rule}`,
    );
  }
  const issuerOrigin = originOf(str(issuer.id) ?? '');
  if (issuerOrigin !== undefined && originOf(assertionId) === issuerOrigin) {
    return result(
      'issuer-key',
      'passed',
      `'${assertionId}' is on the issuer's origin ${issuerOrigin} (${source})`,
    );
  }
  return result(
    'issuer-key',
    'failed',
    `'${assertionId}' is not on the issuer's origin ${issuerOrigin ?? `'${show(issuer.id)}'`}`,
  );
}
