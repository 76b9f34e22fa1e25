import type { ExtractedBadge } from '../bake/index.js';
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

function isOb3(doc: Json): boolean {
  const types = typesOf(doc);
  return (
    types.includes('VerifiableCredential') &&
    (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))
  );
}

function modelOf(doc: Json): 'vcdm2' | 'vcdm1' | undefined {
  const first = contextsOf(doc)[0];
  if (first === VCDM2) return 'vcdm2';
  if (first === VCDM1) return 'vcdm1';
  return undefined;
}

const fail = (message: string, warnings: string[] = []): FormatOutcome => ({
  check: result('format', 'failed', message),
  warnings,
});

const ob2 = (what: string): FormatOutcome => ({
  check: result('format', 'indeterminate', `${what}: OB 2.0 not supported yet`, {
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
  let credential = payload;
  let expected: 'vcdm2' | 'vcdm1' = 'vcdm2';
  if (isObject(payload.vc)) {
    credential = payload.vc;
    expected = 'vcdm1';
    warnings.push('the token carries the credential in a "vc" claim (the VCDM 1.1-era form)');
  }
  if (isOb2(credential)) return ob2('an OB 2.0 signed assertion');
  if (!isOb3(credential)) {
    return fail('the token does not hold an OpenBadgeCredential (type lacks it)', warnings);
  }
  const model = modelOf(credential);
  if (model !== expected) {
    const want = expected === 'vcdm1' ? VCDM1 : VCDM2;
    return fail(`@context[0] must be '${want}' for this token form (OB 3.0 section 4.2)`, warnings);
  }
  return {
    check: result(
      'format',
      'passed',
      `OB 3.0 VC-JWT (${model === 'vcdm2' ? 'VCDM 2.0' : 'VCDM 1.1'})`,
      {
        format: 'vc-jwt',
      },
    ),
    decoded: { proofFormat: 'vc-jwt', model, credential, jwt },
    warnings,
  };
}

function readJson(text: string): FormatOutcome {
  const doc = parseJson(text);
  if (!isObject(doc)) return fail('the payload is not a JSON object');
  if (isOb2(doc)) return ob2('an OB 2.0 assertion');
  if (!isOb3(doc))
    return fail('not an Open Badges assertion or credential (type lacks OpenBadgeCredential)');
  const model = modelOf(doc);
  if (model === undefined) {
    return fail(`@context[0] must be '${VCDM2}' (or '${VCDM1}' for older credentials)`);
  }
  const era = model === 'vcdm2' ? 'VCDM 2.0' : 'VCDM 1.1';
  const hasProof = doc.proof !== undefined;
  const what = hasProof
    ? `OB 3.0 credential with an embedded proof (${era})`
    : `OB 3.0 credential JSON (${era}), no proof`;
  return {
    check: result('format', 'passed', what, { format: hasProof ? 'embedded' : 'none' }),
    decoded: { proofFormat: hasProof ? 'embedded' : 'none', model, credential: doc },
    warnings:
      model === 'vcdm1' ? ['the credential uses the VCDM 1.1 data model (pre-final OB 3.0)'] : [],
  };
}

/**
 * The `format` check: what kind of credential the extracted payload is. OB 3.0 VC-JWT (either
 * token form) and OB 3.0 JSON go on to the other checks; OB 2.0 is indeterminate (not supported
 * yet); anything else fails.
 */
export function checkFormat(badge: ExtractedBadge): FormatOutcome {
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
