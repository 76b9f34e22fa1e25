import type { DecodedCredential } from './format.js';
import { result, type CheckResult } from './report.js';

/**
 * The `status` check: a credential that names a status list cannot be called unrevoked without
 * reading that list, so it is indeterminate (OB 3.0 section 5.1 notes: never report "not
 * revoked" for an unchecked status). No `credentialStatus` means there is nothing to check.
 */
export function checkStatus(decoded: DecodedCredential): CheckResult {
  const status = decoded.credential.credentialStatus;
  if (status === undefined) return result('status', 'skipped', 'no credentialStatus');
  const entries: unknown[] = Array.isArray(status) ? status : [status];
  const types = entries.map((entry) =>
    typeof entry === 'object' && entry !== null ? String((entry as { type?: unknown }).type) : '?',
  );
  return result('status', 'indeterminate', `status lists not checked yet (${types.join(', ')})`);
}
