import { sameKey } from '../keys/jwk.js';
import { verifyDataIntegrityProof } from '../proof/data-integrity/verify.js';
import { decodeEncodedList } from './bitstring.js';
import type { StatusEntryKind } from './entries.js';
import { listSignerKey, type ListSignerKey } from './list-signer.js';
import type { StatusListContext } from './types.js';

type Json = Record<string, unknown>;

/** A usable status list, or why the list cannot be used (then the status is indeterminate). */
export type ListRead =
  { ok: true; bits: Uint8Array; signer: string } | { ok: false; message: string };

// Bitstring Status List section 2.2; StatusList2021 used its own names for the same things.
const NAMES = {
  bitstring: { credential: 'BitstringStatusListCredential', subject: 'BitstringStatusList' },
  'status-list-2021': { credential: 'StatusList2021Credential', subject: 'StatusList2021' },
} as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function instant(value: unknown): number | undefined | 'bad' {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? 'bad' : ms;
}

function windowProblem(doc: Json, ctx: StatusListContext): string | undefined {
  const from = instant(doc.validFrom ?? doc.issuanceDate);
  const until = instant(doc.validUntil ?? doc.expirationDate);
  if (from === 'bad' || until === 'bad') return 'has a validity date that is not a date-time';
  const at = ctx.now.getTime();
  if (from !== undefined && at < from - ctx.leewaySeconds * 1000) {
    return `is not valid yet (valid from ${new Date(from).toISOString()})`;
  }
  if (until !== undefined && at > until) {
    return `expired at ${new Date(until).toISOString()}`;
  }
  return undefined;
}

function issuerOf(doc: Json): string | undefined {
  const issuer = isObject(doc.issuer) ? doc.issuer.id : doc.issuer;
  return typeof issuer === 'string' ? issuer : undefined;
}

// The list's own proof (Bitstring Status List section 3.2, validate step: verify the status list
// credential). Its signer must be its issuer, and that issuer the credential's or a trusted one.
async function signerProblem(
  doc: Json,
  listIssuer: string,
  ctx: StatusListContext,
): Promise<string | undefined> {
  if (ctx.contexts === undefined) return 'cannot be checked: no json-ld contexts were given';
  const keys = new Map<string, ListSignerKey>();
  const outcome = await verifyDataIntegrityProof(doc, {
    resolver: ctx.contexts,
    resolveVerificationMethod: (method) => {
      const key = listSignerKey(method, listIssuer, ctx.trust);
      if (key !== undefined) keys.set(method, key);
      return key;
    },
  });
  if (outcome.status !== 'ok') {
    const why = outcome.reason?.message ?? 'it could not be checked';
    return `has a proof that does not hold (${why})`;
  }
  const sameIssuer = listIssuer === ctx.issuerId;
  const accepted = outcome.proofs.some((proof) => {
    const key = proof.status === 'ok' ? keys.get(proof.verificationMethod ?? '') : undefined;
    if (key === undefined) return false;
    if (key.trusted) return true;
    const credentialKey = ctx.credentialKey;
    const sameKeyAsCredential =
      credentialKey !== undefined && sameKey(credentialKey, key.publicJwk);
    return sameIssuer && (key.selfCertifying || sameKeyAsCredential);
  });
  if (accepted) return undefined;
  return sameIssuer
    ? `is signed by a key not shown to be the issuer's; pass --trust for '${listIssuer}'`
    : `is issued by '${listIssuer}', not by the credential's issuer, and that issuer is not trusted; pass --trust for it`;
}

/**
 * Reads and checks the status list credential at `url` (Bitstring Status List section 3.2):
 * present locally, of the list type, within its validity period, its proof verified and made by
 * its issuer, that issuer the credential's own or trusted, the purpose matching, and the list
 * decodable. Any failure makes the list unusable: the caller reports the status indeterminate,
 * never "not revoked".
 */
export async function readStatusListCredential(
  url: string,
  kind: Exclude<StatusEntryKind, '1edtech-revocation-list'>,
  purpose: string,
  ctx: StatusListContext,
): Promise<ListRead> {
  const fail = (why: string): ListRead => ({
    ok: false,
    message: `status list '${url}' ${why}`,
  });
  const doc = ctx.lists.get(url);
  if (doc === undefined) return fail('is not available offline; pass --status-lists');
  if (!isObject(doc)) return fail('is not a JSON credential');
  const names = NAMES[kind];
  if (!listOf(doc.type).includes(names.credential)) {
    return fail(`is not a ${names.credential} (type lacks it)`);
  }
  const window = windowProblem(doc, ctx);
  if (window !== undefined) return fail(window);
  const listIssuer = issuerOf(doc);
  if (listIssuer === undefined) return fail('names no issuer');
  const signer = await signerProblem(doc, listIssuer, ctx);
  if (signer !== undefined) return fail(signer);
  const subject = doc.credentialSubject;
  if (!isObject(subject) || !listOf(subject.type).includes(names.subject)) {
    return fail(`has no ${names.subject} subject`);
  }
  if (!listOf(subject.statusPurpose).includes(purpose)) {
    return fail(`is for purpose '${String(subject.statusPurpose)}', not '${purpose}'`);
  }
  const decoded = decodeEncodedList(subject.encodedList, {
    prefixOptional: kind === 'status-list-2021',
  });
  if (!decoded.ok) return fail(`cannot be read: ${decoded.message}`);
  return { ok: true, bits: decoded.bits, signer: listIssuer };
}
