/**
 * `proof` and `issuer-key` for an OB 2.0 signed assertion (notes section 6, "Signed
 * verification", steps 4-5): the key comes from the issuer Profile's `publicKey` (the
 * `verification.creator` may name it, but it must be listed there), never from the token.
 */
import { OB2_JWS_ALGS, verifyOb2Jws } from '../../proof/ob2-jws.js';
import { result, show, type CheckResult } from '../report.js';
import { documentKey } from './documents.js';
import { iriOf, isObject, many, str, type Json } from './json.js';
import { isLinked, type Linked, type Ob2Links } from './resolve.js';
import { keyShape } from './shape.js';

/** The proof and issuer-key results, and the issuer file that vouched for the key. */
export interface SignedOutcome {
  proof: CheckResult;
  issuerKey: CheckResult;
  trustedBy?: string;
}

const skippedKey = (why: string): CheckResult => result('issuer-key', 'skipped', why);

/** Checks the JWS header before any key is looked at: an allowed `alg` only. */
function headerProblem(header: Json): string | undefined {
  const alg = str(header.alg);
  if (alg === undefined) return 'the JWS header has no "alg"';
  if (!OB2_JWS_ALGS.includes(alg))
    return `alg '${alg}' is not accepted (only ${OB2_JWS_ALGS.join(', ')})`;
  return undefined;
}

/** Verifies the token with the issuer's keys; `issuer` undefined means it was not available. */
export async function checkSigned(
  token: string,
  header: Json,
  assertion: Json,
  issuer: Linked | undefined,
  links: Ob2Links,
): Promise<SignedOutcome> {
  const bad = headerProblem(header);
  if (bad !== undefined)
    return {
      proof: result('proof', 'failed', bad),
      issuerKey: skippedKey('no verified signature'),
    };
  if (issuer === undefined) {
    return {
      proof: result(
        'proof',
        'indeterminate',
        'the issuer profile is needed to find its public key',
      ),
      issuerKey: skippedKey('the issuer profile is not available'),
    };
  }
  const issuerId = str(issuer.doc.id) ?? '';
  const published = many(issuer.doc.publicKey);
  const publishedIds = published.map(iriOf).filter((v): v is string => v !== undefined);
  const verification = isObject(assertion.verification) ? assertion.verification : {};
  const creator = str(verification.creator);
  const candidates: unknown[] = creator === undefined ? published : [creator];
  if (candidates.length === 0) {
    return {
      proof: result(
        'proof',
        'failed',
        `the issuer profile '${issuerId}' lists no publicKey, and the assertion names no creator`,
      ),
      issuerKey: skippedKey('no key to check'),
    };
  }
  const problems: string[] = [];
  let refused = false;
  for (const candidate of candidates) {
    // A key embedded in the profile is used as it is; a URL is followed in the documents.
    const embedded = published.find((p) => isObject(p) && iriOf(p) === iriOf(candidate));
    const key = await links.follow(embedded ?? candidate, 'the key', 'the issuer profile');
    if (!isLinked(key)) {
      refused ||= !key.missing;
      problems.push(key.message);
      continue;
    }
    const shape = keyShape(key.doc, '');
    const pem = str(key.doc.publicKeyPem);
    refused = true;
    if (shape.findings.length > 0 || pem === undefined) {
      problems.push(
        `the key ${show(iriOf(candidate))}: ${shape.findings[0]?.message ?? 'no publicKeyPem'}`,
      );
      continue;
    }
    const checked = await verifyOb2Jws(token, pem);
    if (!checked.ok) {
      problems.push(`${checked.message} (${key.source})`);
      continue;
    }
    const kid = iriOf(candidate) ?? key.url ?? '';
    const alg = str(header.alg) ?? '';
    return {
      proof: result('proof', 'passed', `${alg} signature verifies with the key '${kid}'`, {
        kid,
        alg,
      }),
      ...keyLink(kid, key.doc, issuerId, publishedIds, issuer.source),
    };
  }
  return {
    proof: result('proof', refused ? 'failed' : 'indeterminate', problems.join('; ')),
    issuerKey: skippedKey('no verified signature'),
  };
}

function keyLink(
  kid: string,
  key: Json,
  issuerId: string,
  publishedIds: string[],
  issuerSource: string,
): { issuerKey: CheckResult; trustedBy?: string } {
  if (!publishedIds.some((id) => documentKey(id) === documentKey(kid))) {
    return {
      issuerKey: result(
        'issuer-key',
        'failed',
        `the key '${kid}' is not listed in the publicKey of the issuer profile '${issuerId}'`,
        { kid },
      ),
    };
  }
  const owner = str(key.owner);
  if (owner !== undefined && documentKey(owner) !== documentKey(issuerId)) {
    return {
      issuerKey: result(
        'issuer-key',
        'failed',
        `the key '${kid}' is owned by '${owner}', not by the issuer '${issuerId}'`,
        { kid },
      ),
    };
  }
  return {
    issuerKey: result(
      'issuer-key',
      'passed',
      `the issuer profile '${issuerId}' (${issuerSource}) lists the key '${kid}'`,
      { kid },
    ),
    trustedBy: issuerSource,
  };
}
