import type { JsonWebKey } from 'node:crypto';
import { compactVerify } from 'jose';
import { hasPrivateMembers, publicKeyFromJwk } from '../keys/jwk.js';
import { keyMismatch } from '../keys/signing-key.js';
import type { SigningAlg } from '../keys/generate.js';
import type { ContextResolver } from '../proof/data-integrity/index.js';
import { checkDataIntegrity } from './check-di-proof.js';
import type { CredentialKind } from './credential-kind.js';
import type { DecodedCredential } from './format.js';
import { compareClaims, signerIdOf } from './jwt-claims.js';
import { result, show, type CheckResult } from './report.js';
import { resolveKey, type ResolvedKey } from './resolve-key.js';
import type { TrustSet } from './trust.js';

/** An algorithm a signature may be checked with: those badgesmith signs with, and ES384. */
export type VerifyAlg = SigningAlg | 'ES384';

/** The only algorithms a signature is checked with: an explicit allow-list, never `none`/HS*. */
export const ACCEPTED_ALGS: readonly VerifyAlg[] = ['EdDSA', 'ES256', 'ES384', 'RS256'];

// OB 3.0 section 4.2 allows only these headers; `typ` is `JWT`, and the W3C VC-JOSE-COSE values
// are read leniently with a warning.
const ALLOWED_HEADERS = new Set(['alg', 'kid', 'jwk', 'typ']);
const LENIENT_TYPS = new Set(['vc+jwt', 'vc+ld+json+jwt']);

// W3C VC-JOSE-COSE section 3.1.1/3.1.2: the media types of a secured credential or presentation.
// `typ` SHOULD be vc+jwt (vp+jwt), `cty` when present SHOULD be vc (vp); the suite's
// "bad media type" vector (typ bad+typ, cty bad+cty) must be rejected although it verifies.
const W3C_TYP = {
  credential: new Set(['vc+jwt', 'vc+ld+json+jwt', 'JWT']),
  presentation: new Set(['vp+jwt', 'vp+ld+json+jwt', 'JWT']),
};
const W3C_CTY = {
  credential: new Set(['vc', 'vc+ld+json']),
  presentation: new Set(['vp', 'vp+ld+json']),
};

/** The media type rules of a plain W3C VC or VP token; `undefined` when they hold. */
function w3cMediaTypeProblem(
  header: Record<string, unknown>,
  kind: CredentialKind,
): string | undefined {
  const what = kind === 'vp' ? 'presentation' : 'credential';
  const { typ, cty } = header;
  if (typ !== undefined && (typeof typ !== 'string' || !W3C_TYP[what].has(typ))) {
    const want = kind === 'vp' ? 'vp+jwt' : 'vc+jwt';
    return `bad media type: typ '${show(typ)}' is not '${want}' (VC-JOSE-COSE section 3.1)`;
  }
  if (cty !== undefined && (typeof cty !== 'string' || !W3C_CTY[what].has(cty))) {
    const want = kind === 'vp' ? 'vp' : 'vc';
    return `bad media type: cty '${show(cty)}' is not '${want}' (VC-JOSE-COSE section 3.1)`;
  }
  return undefined;
}

/** The proof check's result, the key it used (for `issuer-key`) and warnings. */
export interface ProofOutcome {
  check: CheckResult;
  key?: ResolvedKey;
  /** The key reference an embedded proof names, as `{ kid }`, for `issuer-key`. */
  keyRef?: { kid: string };
  warnings: string[];
}

function headerProblem(
  header: Record<string, unknown>,
  kind: CredentialKind,
  warnings: string[],
): string | undefined {
  const alg = header.alg;
  if (typeof alg !== 'string') return 'the JWS header has no "alg"';
  if (alg.toLowerCase() === 'none') return 'unsigned JWT (alg none) is never accepted';
  if (/^HS/iu.test(alg)) return `alg '${alg}' is a shared-secret MAC, not an issuer's signature`;
  if (!(ACCEPTED_ALGS as readonly string[]).includes(alg)) {
    return `alg '${alg}' is not accepted (only ${ACCEPTED_ALGS.join(', ')})`;
  }
  const w3c = kind === 'vc' || kind === 'vp';
  if (w3c) {
    const media = w3cMediaTypeProblem(header, kind);
    if (media !== undefined) return media;
  }
  const typ = header.typ;
  if (!w3c && typ !== undefined && typ !== 'JWT') {
    if (typeof typ === 'string' && LENIENT_TYPS.has(typ)) {
      warnings.push(`the JWS header has typ '${typ}'; OB 3.0 says 'JWT'`);
    } else {
      return `the JWS header typ '${show(typ)}' is not 'JWT'`;
    }
  }
  // VC-JOSE-COSE allows `cty` (checked above); OB 3.0 section 4.2 allows no other header.
  const allowed = (name: string): boolean => ALLOWED_HEADERS.has(name) || (w3c && name === 'cty');
  const extra = Object.keys(header).filter((name) => !allowed(name));
  if (extra.includes('crit'))
    return 'the JWS header has "crit" extensions, which are not supported';
  if (extra.length > 0) {
    warnings.push(
      `the JWS header has ${extra.map((n) => `"${n}"`).join(', ')}, which OB 3.0 does not allow`,
    );
  }
  if (header.jwk !== undefined) {
    if (typeof header.jwk !== 'object' || header.jwk === null)
      return 'the "jwk" header is not a JWK';
    if (hasPrivateMembers(header.jwk as JsonWebKey)) return 'the "jwk" header holds a private key';
  }
  if (header.kid === undefined && header.jwk === undefined)
    return 'the JWS header names no key (kid or jwk)';
  if (header.kid !== undefined && typeof header.kid !== 'string')
    return 'the "kid" header is not a string';
  return undefined;
}

/**
 * A DID without a fragment names a DID document, not a key: only a did:key, whose document holds
 * exactly one key, may be used bare (OB 3.0 section 4.2: `kid` dereferences to a JWK).
 */
export function bareDidProblem(kid: string): string | undefined {
  if (!kid.startsWith('did:') || kid.startsWith('did:key:') || kid.includes('#')) return undefined;
  return `kid '${kid}' must be a DID URL naming one key ('${kid}#<key id>'); only a did:key may be bare`;
}

/** How a report names a key: its id, and where it came from. */
export function describeKey(key: ResolvedKey): string {
  const name = key.kid === undefined ? 'the key' : `key '${key.kid}'`;
  if (key.origin === 'did-key') return `${name} (decoded from the did:key)`;
  if (key.origin === 'jwk-header') return `${name} in the jwk header`;
  if (key.origin === 'multikey-fragment') return `${name} (the multikey of its fragment)`;
  return `${name} from '${key.entry?.source ?? '?'}'`;
}

/**
 * The `proof` check. VC-JWT: header rules, then the signature with the key the header names
 * (jose `compactVerify` with the single allowed algorithm, the key's type matching it), then the
 * claims against the credential. Embedded Data Integrity proofs go to {@link checkDataIntegrity}
 * with the run's JSON-LD contexts. A credential with no proof is never valid; its proof step is
 * indeterminate, as the source projects class unsigned credentials ("not verifiable"), rather
 * than failed: nothing in it is wrong, it is just not signed.
 */
export async function checkProof(
  decoded: DecodedCredential,
  trust: TrustSet,
  contexts?: ContextResolver,
): Promise<ProofOutcome> {
  const warnings: string[] = [];
  if (decoded.proofFormat === 'none') {
    const message = 'no proof: the credential is not signed, so nothing in it can be verified';
    return { check: result('proof', 'indeterminate', message), warnings };
  }
  if (decoded.proofFormat === 'embedded') return checkDataIntegrity(decoded, trust, contexts);
  const jwt = decoded.jwt!;
  const problem = headerProblem(jwt.header, decoded.kind, warnings);
  if (problem !== undefined) return { check: result('proof', 'failed', problem), warnings };
  const alg = jwt.header.alg as VerifyAlg;
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
  const details = { alg, ...(kid === undefined ? {} : { kid }) };

  const key = resolveKey(jwt.header, signerIdOf(decoded) ?? '', trust);
  if (key === undefined && kid !== undefined && bareDidProblem(kid) !== undefined) {
    return { check: result('proof', 'failed', bareDidProblem(kid)!, details), warnings };
  }
  if (key === undefined) {
    const message = `key '${kid ?? '?'}' is not among the trusted keys, so the signature cannot be checked; pass --trust`;
    return { check: result('proof', 'indeterminate', message, details), warnings };
  }
  let keyObject;
  try {
    keyObject = publicKeyFromJwk(key.publicJwk);
  } catch {
    return {
      check: result('proof', 'failed', `${describeKey(key)} is not a usable public key`, details),
      key,
      warnings,
    };
  }
  const mismatch = keyMismatch(keyObject, alg);
  const jwkAlg = key.publicJwk.alg;
  if (mismatch !== undefined || (typeof jwkAlg === 'string' && jwkAlg !== alg)) {
    const why = mismatch ?? `the key is for '${String(jwkAlg)}'`;
    return {
      check: result(
        'proof',
        'failed',
        `alg '${alg}' does not fit ${describeKey(key)}: ${why}`,
        details,
      ),
      key,
      warnings,
    };
  }
  try {
    await compactVerify(jwt.token, keyObject, { algorithms: [alg] });
  } catch {
    return {
      check: result(
        'proof',
        'failed',
        `the signature does not verify with ${describeKey(key)}`,
        details,
      ),
      key,
      warnings,
    };
  }
  const claims = compareClaims(decoded);
  warnings.push(...claims.warnings);
  if (claims.errors.length > 0) {
    return {
      check: result(
        'proof',
        'failed',
        `signature verified, but ${claims.errors.join('; ')}`,
        details,
      ),
      key,
      warnings,
    };
  }
  return {
    check: result('proof', 'passed', `${alg} signature verified with ${describeKey(key)}`, details),
    key,
    warnings,
  };
}
