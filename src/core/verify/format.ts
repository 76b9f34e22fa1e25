import type { ExtractedBadge } from '../bake/index.js';
import { KIND_LABEL, kindOf, type CredentialKind } from './credential-kind.js';
import { result, type CheckResult } from './report.js';

type Json = Record<string, unknown>;

const VCDM2 = 'https://www.w3.org/ns/credentials/v2';
const VCDM1 = 'https://www.w3.org/2018/credentials/v1';
const OB2 = 'https://w3id.org/openbadges/v2';

/** The proof formats badgesmith tells apart (DESIGN.md, verification model: format). */
export type ProofFormat = 'vc-jwt' | 'embedded' | 'none';

/** A credential read from its payload, ready for the checks after `format`. */
export interface DecodedCredential {
  proofFormat: ProofFormat;
  /** What the document is; decides which schema and steps apply (credential-kind.ts). */
  kind: CredentialKind;
  /** VCDM 2.0 (validFrom) or the older 1.1 form (issuanceDate), per `@context[0]`. */
  model: 'vcdm2' | 'vcdm1';
  credential: Json;
  jwt?: { token: string; header: Json; payload: Json; signingInput: string };
}

/** What the format check found: its result, the decoded credential when usable, warnings. */
export interface FormatOutcome {
  check: CheckResult;
  decoded?: DecodedCredential;
  warnings: string[];
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function typesOf(doc: Json): unknown[] {
  return Array.isArray(doc.type) ? doc.type : [doc.type];
}

function contextsOf(doc: Json): unknown[] {
  const context = doc['@context'];
  return Array.isArray(context) ? context : [context];
}

function isOb2(doc: Json): boolean {
  return contextsOf(doc).includes(OB2) || typesOf(doc).includes('Assertion');
}

function modelOf(doc: Json): 'vcdm2' | 'vcdm1' | undefined {
  const first = contextsOf(doc)[0];
  if (first === VCDM2) return 'vcdm2';
  if (first === VCDM1) return 'vcdm1';
  return undefined;
}

/**
 * The most JSON values (objects, arrays, strings, numbers...) a credential may hold. A real badge
 * has hundreds; a hostile one with millions would make every later check slow (one schema
 * finding per value, canonicalisation of every value), so it stops at the format check.
 */
export const MAX_CREDENTIAL_VALUES = 100_000;

/** How many JSON values `doc` holds, counting at most to `limit + 1`. */
function countValues(doc: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [doc];
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop();
    count += 1;
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (typeof node === 'object' && node !== null) {
      for (const value of Object.values(node)) stack.push(value);
    }
  }
  return count;
}

const fail = (message: string, warnings: string[] = []): FormatOutcome => ({
  check: result('format', 'failed', message),
  warnings,
});

const ob2 = (what: string): FormatOutcome => ({
  check: result('format', 'indeterminate', `${what}: not an OB 3.0 credential`, {
    format: 'ob2',
  }),
  warnings: [],
});

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/u.test(segment)) return undefined;
  return parseJson(Buffer.from(segment, 'base64url').toString('utf8'));
}

function readJwt(token: string): FormatOutcome {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return fail('not a compact JWS: it needs three dot-separated parts');
  const [headerPart, payloadPart] = parts as [string, string, string];
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (!isObject(header)) return fail('the JWS header is not base64url JSON');
  if (!isObject(payload)) return fail('the JWS payload is not base64url JSON');
  const jwt = {
    token: token.trim(),
    header,
    payload,
    signingInput: `${headerPart}.${payloadPart}`,
  };
  const warnings: string[] = [];

  // OB 3.0 section 4.2: VCDM 1.1-era tokens carry the credential in a `vc` claim; the payload
  // itself is the credential since the final release. Each form implies its @context[0].
  // A VCDM 1.1 presentation token likewise carries it in a `vp` claim (VC-JWT 1.1).
  let credential = payload;
  let expected: 'vcdm2' | 'vcdm1' = 'vcdm2';
  const claim = isObject(payload.vc) ? 'vc' : isObject(payload.vp) ? 'vp' : undefined;
  if (claim !== undefined) {
    credential = payload[claim] as Json;
    expected = 'vcdm1';
    warnings.push(`the token carries the credential in a "${claim}" claim (the VCDM 1.1-era form)`);
  }
  if (isOb2(credential)) return ob2('an OB 2.0 signed assertion');
  const kind = kindOf(credential);
  if (kind === undefined) {
    return fail(
      'the token holds neither a verifiable credential nor a presentation (type lacks VerifiableCredential)',
      warnings,
    );
  }
  const model = modelOf(credential);
  if (model !== expected) {
    const want = expected === 'vcdm1' ? VCDM1 : VCDM2;
    return fail(`@context[0] must be '${want}' for this token form (OB 3.0 section 4.2)`, warnings);
  }
  const era = model === 'vcdm2' ? 'VCDM 2.0' : 'VCDM 1.1';
  const what = kind === 'ob3' ? `OB 3.0 VC-JWT (${era})` : `${KIND_LABEL[kind]} as a JWT (${era})`;
  return {
    check: result('format', 'passed', what, { format: 'vc-jwt' }),
    decoded: { proofFormat: 'vc-jwt', kind, model, credential, jwt },
    warnings,
  };
}

function readJson(text: string): FormatOutcome {
  const doc = parseJson(text);
  if (!isObject(doc)) return fail('the payload is not a JSON object');
  if (isOb2(doc)) return ob2('an OB 2.0 assertion');
  const kind = kindOf(doc);
  if (kind === undefined) {
    return fail(
      'not an Open Badge nor any verifiable credential (type lacks VerifiableCredential)',
    );
  }
  const model = modelOf(doc);
  if (model === undefined) {
    return fail(`@context[0] must be '${VCDM2}' (or '${VCDM1}' for older credentials)`);
  }
  const era = model === 'vcdm2' ? 'VCDM 2.0' : 'VCDM 1.1';
  // An empty proof list is no proof at all (VCDM 2.0 section 4.12: proof is one or more).
  const hasProof = doc.proof !== undefined && !(Array.isArray(doc.proof) && doc.proof.length === 0);
  const what = hasProof
    ? `${KIND_LABEL[kind]} with an embedded proof (${era})`
    : `${KIND_LABEL[kind]} JSON (${era}), no proof`;
  return {
    check: result('format', 'passed', what, { format: hasProof ? 'embedded' : 'none' }),
    decoded: { proofFormat: hasProof ? 'embedded' : 'none', kind, model, credential: doc },
    warnings:
      model === 'vcdm1' ? ['the credential uses the VCDM 1.1 data model (pre-final OB 3.0)'] : [],
  };
}

/**
 * The `format` check: what kind of credential the extracted payload is. A VC-JWT (either token
 * form) or JSON credential goes on to the other checks, labelled with its kind (an Open Badge,
 * an EndorsementCredential, a ClrCredential, or a plain W3C credential or presentation, which is
 * said not to be an Open Badge); OB 2.0 is handled elsewhere; anything else fails.
 */
export function checkFormat(badge: ExtractedBadge): FormatOutcome {
  const outcome = readPayload(badge);
  const doc = outcome.decoded?.credential;
  if (doc !== undefined && countValues(doc, MAX_CREDENTIAL_VALUES) > MAX_CREDENTIAL_VALUES) {
    return fail(
      `the credential holds more than ${MAX_CREDENTIAL_VALUES.toLocaleString('en')} JSON values; no badge is that large, so it is not checked further`,
    );
  }
  return outcome;
}

function readPayload(badge: ExtractedBadge): FormatOutcome {
  if (badge.payloadKind === 'url') {
    return ob2(`a hosted assertion at '${badge.payload}' (cannot be fetched offline)`);
  }
  if (badge.payloadKind === 'jwt') return readJwt(badge.payload);
  if (badge.payloadKind === 'json') return readJson(badge.payload);
  const text = badge.payload.trim();
  if (text.startsWith('{')) return readJson(text);
  if (text.split('.').length === 3) return readJwt(text);
  return fail('the payload is neither JSON nor a compact JWS');
}
