/**
 * Offline verification of OB 2.0 badges (notes section 6; DESIGN.md, verification model): signed
 * assertions against the issuer's CryptographicKey, hosted assertions against the local copy of
 * what their URL serves, both with the BadgeClass and issuer Profile from embedded objects or the
 * user's documents. What is not available offline is `indeterminate`, naming the URLs needed.
 */
import type { ExtractedBadge } from '../../bake/index.js';
import { result, type CheckResult, type CredentialSummary } from '../report.js';
import { checkHostedScope, checkOb2Recipient, checkOb2Status, checkOb2Validity } from './checks.js';
import type { Ob2Form } from './detect.js';
import type { Ob2Documents } from './documents.js';
import { isHttpUrl, isObject, sameJson, str, typesOf, type Json } from './json.js';
import { isLinked, Ob2Links, type Linked } from './resolve.js';
import { assertionShape, badgeClassShape, profileShape } from './shape.js';
import { checkSigned } from './signed.js';

/** What an OB 2.0 verification needs besides the badge. */
export interface Ob2VerifyInput {
  documents: Ob2Documents;
  now: Date;
  leewaySeconds: number;
  recipient?: string;
}

/** The checks (in any order; the runner orders them), warnings and summary of one badge. */
export interface Ob2Outcome {
  checks: CheckResult[];
  warnings: string[];
  credential?: CredentialSummary;
  trustedBy?: string;
}

interface Parts {
  badge?: Linked;
  issuer?: Linked;
  findings: CheckResult['details'] & object;
  messages: string[];
}

/** The schema check over the assertion, its BadgeClass and its issuer, following links. */
async function checkShapes(
  assertion: Json,
  links: Ob2Links,
): Promise<{ check: CheckResult; parts: Parts }> {
  const own = assertionShape(assertion);
  const neededBefore = links.needed.length;
  const findings = [...own.findings];
  const parts: Parts = { findings: {}, messages: [] };
  let missing = false;
  const badge = await links.follow(assertion.badge, 'the BadgeClass', 'the assertion');
  if (isLinked(badge)) {
    parts.badge = badge;
    const badgeShape = badgeClassShape(badge.doc, '/badge');
    findings.push(...badgeShape.findings);
    links.warnings.push(...badgeShape.warnings);
    const issuer = await links.follow(badge.doc.issuer, 'the issuer profile', 'the BadgeClass');
    if (isLinked(issuer)) {
      parts.issuer = issuer;
      const shape = profileShape(issuer.doc, '/badge/issuer');
      findings.push(...shape.findings);
      links.warnings.push(...shape.warnings);
    } else if (issuer.missing) missing = true;
    else findings.push({ path: '/badge/issuer', message: issuer.message });
  } else if (badge.missing) missing = true;
  else findings.push({ path: '/badge', message: badge.message });

  if (findings.length > 0) {
    const first = findings[0];
    const message = `${first?.path || '/'} ${first?.message ?? ''}${findings.length > 1 ? ` (and ${findings.length - 1} more)` : ''}`;
    return { check: result('schema', 'failed', message, { findings }), parts };
  }
  if (missing) {
    const urls = links.needed.slice(neededBefore).map((u) => `'${u}'`);
    const needs = `needs ${urls.join(', ')} (give them with --ob2-documents)`;
    return {
      check: result(
        'schema',
        'indeterminate',
        `the assertion's shape is right; the BadgeClass or issuer ${needs}`,
      ),
      parts,
    };
  }
  return {
    check: result(
      'schema',
      'passed',
      'an OB 2.0 Assertion, with its BadgeClass and issuer profile',
    ),
    parts,
  };
}

function summaryOf(assertion: Json, parts: Parts, proofFormat: string): CredentialSummary {
  const recipient = isObject(assertion.recipient) ? assertion.recipient : {};
  const entries: [keyof CredentialSummary, string | undefined][] = [
    ['id', str(assertion.id)],
    ['issuer', str(parts.issuer?.doc.id)],
    ['issuerName', str(parts.issuer?.doc.name)],
    ['achievement', str(parts.badge?.doc.name)],
    [
      'recipient',
      recipient.hashed === true
        ? `hashed ${str(recipient.type) ?? 'identity'}`
        : str(recipient.identity),
    ],
    ['validFrom', str(assertion.issuedOn)],
    ['validUntil', str(assertion.expires)],
    ['proofFormat', proofFormat],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

/** The hosted copy of an assertion: the local document at its id, which wins over the baked one. */
async function hostedCopy(
  given: Json,
  links: Ob2Links,
  warnings: string[],
): Promise<{ assertion: Json; proof: CheckResult }> {
  const id = str(given.id);
  if (id === undefined || !isHttpUrl(id)) {
    const proof = result(
      'proof',
      'failed',
      `a hosted assertion's id must be the http(s) URL it is served at, not '${id ?? ''}'`,
    );
    return { assertion: given, proof };
  }
  const copy = await links.follow(id, 'the hosted assertion', 'the badge');
  if (!isLinked(copy)) {
    const needs = `cannot be checked offline: the hosted assertion '${id}' is not among the local documents (give it with --ob2-documents)`;
    return {
      assertion: given,
      proof: result(
        'proof',
        copy.missing ? 'indeterminate' : 'failed',
        copy.missing ? needs : copy.message,
      ),
    };
  }
  if (!sameJson(copy.doc, given)) {
    warnings.push(
      `the baked assertion differs from the hosted copy of '${id}'; the hosted copy was checked (OB 2.0 hosted verification)`,
    );
  }
  return {
    assertion: copy.doc,
    proof: result(
      'proof',
      'passed',
      `hosted verification: the copy of '${id}' from ${copy.source}`,
    ),
  };
}

/** An OB 2.0 assertion, signed or hosted. */
async function verifyAssertion(
  given: Json,
  signed: { token: string; header: Json } | undefined,
  input: Ob2VerifyInput,
): Promise<Ob2Outcome> {
  const links = new Ob2Links(input.documents);
  const warnings: string[] = [];
  const verification = isObject(given.verification)
    ? given.verification
    : isObject(given.verify)
      ? given.verify
      : {};
  const kind = str(verification.type) ?? '';
  const isSigned = signed !== undefined;
  const label = isSigned ? 'OB 2.0 signed assertion (JWS)' : 'OB 2.0 hosted assertion';
  const checks: CheckResult[] = [
    result('format', 'passed', label, { format: isSigned ? 'ob2-signed' : 'ob2-hosted' }),
  ];
  let assertion = given;
  let proof: CheckResult | undefined;
  if (!isSigned && (kind === 'signed' || kind === 'SignedBadge')) {
    proof = result(
      'proof',
      'failed',
      'a signed assertion is verified from its JWS; this file holds only the assertion JSON',
    );
  } else if (!isSigned) {
    ({ assertion, proof } = await hostedCopy(given, links, warnings));
  } else if (kind !== 'signed' && kind !== 'SignedBadge') {
    warnings.push(`the JWS payload says verification type '${kind}', not 'signed'`);
  }
  const shapes = await checkShapes(assertion, links);
  checks.push(shapes.check);
  const issuer = shapes.parts.issuer;
  let trustedBy: string | undefined;
  if (signed !== undefined) {
    const outcome = await checkSigned(signed.token, signed.header, assertion, issuer, links);
    checks.push(outcome.proof, outcome.issuerKey);
    trustedBy = outcome.trustedBy;
  } else if (proof !== undefined) {
    checks.push(proof);
    if (proof.outcome === 'passed' && issuer !== undefined) {
      const scope = checkHostedScope(str(assertion.id) ?? '', issuer.doc, issuer.source);
      checks.push(scope);
      if (scope.outcome === 'passed') trustedBy = issuer.source;
    } else {
      checks.push(
        result(
          'issuer-key',
          proof.outcome === 'passed' ? 'indeterminate' : 'skipped',
          'the issuer profile is needed to check where the assertion is hosted',
        ),
      );
    }
  }
  checks.push(checkOb2Validity(assertion, input.now, input.leewaySeconds));
  checks.push(await checkOb2Status(assertion, issuer?.doc, links, !isSigned));
  checks.push(checkOb2Recipient(assertion, input.recipient));
  warnings.push(...links.warnings);
  if (shapes.parts.badge?.doc.endorsement !== undefined || assertion.endorsement !== undefined) {
    warnings.push('endorsements are not checked');
  }
  const credential = summaryOf(
    assertion,
    shapes.parts,
    isSigned ? 'OB 2.0 signed' : 'OB 2.0 hosted',
  );
  return { checks, warnings, credential, ...(trustedBy === undefined ? {} : { trustedBy }) };
}

/** A BadgeClass given by itself: its shape and its issuer; it is awarded to no one. */
async function verifyDocument(document: Json, input: Ob2VerifyInput): Promise<Ob2Outcome> {
  const types = typesOf(document);
  if (!types.includes('BadgeClass')) {
    const what = types.length === 0 ? 'has no type' : `is a '${types.join("', '")}'`;
    return {
      checks: [
        result('format', 'failed', `the OB 2.0 document ${what}, not an Assertion or a BadgeClass`),
      ],
      warnings: [],
    };
  }
  const links = new Ob2Links(input.documents);
  const ownShape = badgeClassShape(document);
  const findings = [...ownShape.findings];
  links.warnings.push(...ownShape.warnings);
  let schema: CheckResult | undefined;
  const issuer = await links.follow(document.issuer, 'the issuer profile', 'the BadgeClass');
  if (isLinked(issuer)) {
    const shape = profileShape(issuer.doc, '/issuer');
    findings.push(...shape.findings);
    links.warnings.push(...shape.warnings);
  } else if (!issuer.missing) findings.push({ path: '/issuer', message: issuer.message });
  else
    schema = result('schema', 'indeterminate', `${issuer.message} (give it with --ob2-documents)`);
  if (findings.length > 0) {
    schema = result(
      'schema',
      'failed',
      `${findings[0]?.path ?? ''} ${findings[0]?.message ?? ''}`,
      { findings },
    );
  }
  const checks = [
    result('format', 'passed', 'an OB 2.0 BadgeClass (a badge definition, not an award)', {
      format: 'ob2-badgeclass',
    }),
    schema ?? result('schema', 'passed', 'an OB 2.0 BadgeClass, with its issuer profile'),
    result('proof', 'skipped', 'a BadgeClass carries no proof'),
    result('issuer-key', 'skipped', 'a BadgeClass carries no proof'),
    result('validity', 'skipped', 'a BadgeClass has no validity period'),
    result('status', 'skipped', 'a BadgeClass is not revoked'),
    input.recipient === undefined
      ? result('recipient', 'skipped', 'no recipient given to check')
      : result('recipient', 'failed', 'a BadgeClass is awarded to no one'),
  ];
  const warnings = [
    'this is a BadgeClass: only its shape and issuer were checked; it shows no one earned it',
    ...links.warnings,
  ];
  return { checks, warnings };
}

/**
 * Verifies an OB 2.0-era payload. Never throws for a bad badge; every problem is a check.
 *
 * @example
 * ```ts
 * const form = ob2FormOf(extracted.badge);
 * if (form) await verifyOb2(extracted.badge, form, { documents, now, leewaySeconds: 60 });
 * ```
 */
export async function verifyOb2(
  badge: ExtractedBadge,
  form: Ob2Form,
  input: Ob2VerifyInput,
): Promise<Ob2Outcome> {
  switch (form.form) {
    case 'signed':
      return verifyAssertion(form.assertion, { token: form.token, header: form.header }, input);
    case 'assertion':
      return verifyAssertion(form.assertion, undefined, input);
    case 'document':
      return verifyDocument(form.document, input);
    case 'legacy': {
      const where = form.url === undefined ? '' : ` (hosted at '${form.url}')`;
      const message = `an OB ${form.version} assertion${where}: badges older than OB 2.0 are read but not verified`;
      return {
        checks: [result('format', 'indeterminate', message, { format: 'ob1-legacy' })],
        warnings: [],
      };
    }
    case 'url': {
      const lookup = await input.documents.get(form.url);
      if (lookup.found && isObject(lookup.value)) {
        return verifyAssertion(lookup.value, undefined, input);
      }
      const checks = [
        result(
          'format',
          'passed',
          `OB 2.0 hosted assertion: only its URL is baked (${badge.location})`,
          { format: 'ob2-hosted' },
        ),
        result(
          'proof',
          'indeterminate',
          `cannot be checked offline: the hosted assertion '${form.url}' is not among the local documents (give it with --ob2-documents)`,
        ),
      ];
      return { checks, warnings: [] };
    }
  }
}
