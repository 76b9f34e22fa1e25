import type { EntryOutcome, StatusListContext } from './types.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The 1EdTech revocation list check (OB 3.0 notes section 5.1, `1EdTechRevocationList`): the
 * credential is revoked when its `id` is in `revokedCredential` and `revoked` is not `false`.
 * The list is an unsigned document the issuer serves; here it must be a local copy the user
 * gave, or the status is indeterminate.
 */
export function checkRevocationList(
  url: string,
  credentialId: string | undefined,
  ctx: StatusListContext,
): EntryOutcome {
  const doc = ctx.lists.get(url);
  if (doc === undefined) {
    const message = `revocation list '${url}' is not available offline; pass --status-lists`;
    return { outcome: 'indeterminate', message };
  }
  if (!isObject(doc) || !Array.isArray(doc.revokedCredential)) {
    const message = `revocation list '${url}' has no revokedCredential array`;
    return { outcome: 'indeterminate', message };
  }
  if (credentialId === undefined) {
    const message = 'the credential has no id to look up in its revocation list';
    return { outcome: 'indeterminate', message };
  }
  const revoked: unknown[] = doc.revokedCredential;
  const hit = revoked.find(
    (entry) => isObject(entry) && entry.id === credentialId && entry.revoked !== false,
  );
  if (hit === undefined) {
    return { outcome: 'passed', message: `not revoked in the local copy of '${url}'` };
  }
  const reason =
    isObject(hit) && typeof hit.revocationReason === 'string' ? hit.revocationReason : '';
  const why = reason === '' ? '' : ` (reason: '${reason}')`;
  return { outcome: 'failed', message: `revoked in revocation list '${url}'${why}` };
}
