/**
 * The credentials a presentation carries as `EnvelopedVerifiableCredential` entries (VCDM 2.0
 * section 4.13.1; VC-JOSE-COSE section 3.1.2): each `id` is a data: URL holding a secured
 * credential. A presentation is only as good as what it presents, so each enveloped VC-JWT is
 * verified like a file of its own; a media type badgesmith cannot check makes the presentation
 * indeterminate, never valid.
 */
import type { ExtractResult } from '../bake/index.js';
import type { DecodedCredential } from './format.js';
import { problemOf, result, type CheckResult, type VerificationReport } from './report.js';

const VC_JWT = 'data:application/vc+jwt,';

/** Verifies one extracted payload (the runner itself, passed in to avoid an import cycle). */
export type VerifyOne = (extracted: ExtractResult) => Promise<VerificationReport>;

function mediaTypeOf(id: string): string {
  const end = id.search(/[;,]/u);
  return end === -1 ? id : id.slice('data:'.length, end);
}

/**
 * The proof check of a presentation whose own signature verified, extended by its enveloped
 * credentials: failed if one fails, indeterminate if one cannot be checked here, else passed.
 */
export async function checkEnvelopes(
  decoded: DecodedCredential,
  presentationProof: CheckResult,
  verifyOne: VerifyOne,
): Promise<CheckResult> {
  const listed = decoded.credential.verifiableCredential;
  const entries: unknown[] = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
  if (entries.length === 0) return presentationProof;
  const notes: string[] = [];
  let failed = 0;
  let unknown = 0;
  for (const [index, entry] of entries.entries()) {
    const n = index + 1;
    const envelope =
      typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const id = typeof envelope.id === 'string' ? envelope.id : '';
    if (envelope.type !== 'EnvelopedVerifiableCredential' || !id.startsWith('data:')) {
      unknown += 1;
      notes.push(
        `credential ${n}: not an enveloped credential; embedded ones are not checked here`,
      );
      continue;
    }
    if (!id.startsWith(VC_JWT)) {
      unknown += 1;
      notes.push(`credential ${n}: media type '${mediaTypeOf(id)}' is not supported`);
      continue;
    }
    const token = id.slice(VC_JWT.length);
    const report = await verifyOne({
      found: true,
      others: 0,
      badge: {
        container: 'jwt',
        location: `enveloped credential ${n}`,
        spec: 'unknown',
        payload: token,
        payloadKind: 'jwt',
        warnings: [],
      },
    });
    if (report.verdict === 'invalid') failed += 1;
    if (report.verdict === 'indeterminate') unknown += 1;
    notes.push(
      `credential ${n} (vc+jwt): ${report.verdict === 'valid' ? 'valid' : problemOf(report)}`,
    );
  }
  const outcome = failed > 0 ? 'failed' : unknown > 0 ? 'indeterminate' : 'passed';
  const verified = entries.length - failed - unknown;
  const summary = `${presentationProof.message}; enveloped credentials: ${verified} of ${entries.length} verified (${notes.join('; ')})`;
  return result('proof', outcome, summary, { ...presentationProof.details, notes });
}
