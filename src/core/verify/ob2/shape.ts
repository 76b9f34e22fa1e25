/**
 * The shape OB 2.0 requires of its documents (notes section 6: Assertion, BadgeClass, Profile,
 * IdentityObject, VerificationObject, CryptographicKey, RevocationList). Hand-written rather than
 * a JSON Schema: 1EdTech publishes none for 2.0, and each rule cites the class it comes from.
 */
import type { SchemaFinding } from '../report.js';
import { isIri, isObject, many, str, typesOf, type Json } from './json.js';

/** The OB 2.0 contexts a document may name (notes section 6; the 1EdTech validator's list). */
export const OB2_CONTEXTS: readonly string[] = [
  'https://w3id.org/openbadges/v2',
  'http://w3id.org/openbadges/v2',
  'https://openbadgespec.org/v2/context.json',
];

/** Every class of the OB 2.0 vocabulary; any other `type` is an undefined class. */
export const OB2_CLASSES: readonly string[] = [
  'Assertion',
  'BadgeClass',
  'Issuer',
  'Profile',
  'CryptographicKey',
  'RevocationList',
  'Endorsement',
  'Criteria',
  'Image',
  'Evidence',
  'AlignmentObject',
  'IdentityObject',
  'VerificationObject',
  'HostedBadge',
  'SignedBadge',
  'Extension',
];

/** Findings plus the leniencies noticed on the way. */
export interface ShapeResult {
  findings: SchemaFinding[];
  warnings: string[];
}

// OB 2.0 DateTime: ISO 8601 with a time zone (seconds optional, as issuers write it), or a
// 10-digit Unix timestamp.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/u;
const UNIX_TIME = /^\d{10}$/u;

/** Whether a value is an OB 2.0 DateTime. */
export function isOb2DateTime(value: unknown): boolean {
  if (typeof value === 'number') return UNIX_TIME.test(String(value));
  return typeof value === 'string' && (DATE_TIME.test(value) || UNIX_TIME.test(value));
}

/** The instant of an OB 2.0 DateTime in milliseconds, or undefined. */
export function ob2Instant(value: unknown): number | undefined {
  if (!isOb2DateTime(value)) return undefined;
  if (typeof value === 'number' || UNIX_TIME.test(String(value))) return Number(value) * 1000;
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? undefined : ms;
}

class Findings {
  readonly findings: SchemaFinding[] = [];
  constructor(private readonly base: string) {}
  add(path: string, message: string): void {
    this.findings.push({ path: `${this.base}${path}`, message });
  }
  requireString(doc: Json, key: string, what: string): void {
    if (typeof doc[key] !== 'string' || doc[key] === '')
      this.add(`/${key}`, `${what} needs "${key}" (a string)`);
  }
  requireIri(doc: Json, key: string, what: string): void {
    const value = doc[key];
    if (typeof value !== 'string' || !isIri(value)) {
      this.add(`/${key}`, `${what} needs "${key}" (an IRI)`);
    }
  }
  requireIriOrObject(doc: Json, key: string, what: string): void {
    const value = doc[key];
    const ok = (typeof value === 'string' && isIri(value)) || isObject(value);
    if (!ok) this.add(`/${key}`, `${what} needs "${key}" (an IRI or an embedded object)`);
  }
}

function checkContext(doc: Json, out: Findings): void {
  const contexts = many(doc['@context']);
  if (contexts.length === 0) {
    out.add('/@context', `"@context" is missing; OB 2.0 uses '${OB2_CONTEXTS[0] ?? ''}'`);
    return;
  }
  for (const context of contexts) {
    if (typeof context === 'string' && !OB2_CONTEXTS.includes(context)) {
      out.add('/@context', `unknown context '${context}'; OB 2.0 uses '${OB2_CONTEXTS[0] ?? ''}'`);
    } else if (typeof context !== 'string' && !isObject(context)) {
      out.add('/@context', '"@context" entries are URLs or inline context objects');
    }
  }
}

function checkType(doc: Json, expected: readonly string[], out: Findings): void {
  const types = typesOf(doc);
  for (const type of types) {
    if (!OB2_CLASSES.includes(type)) out.add('/type', `type '${type}' is not an OB 2.0 class`);
  }
  if (!types.some((t) => expected.includes(t))) {
    out.add('/type', `"type" must be ${expected.map((t) => `'${t}'`).join(' or ')}`);
  }
}

function checkRecipient(doc: Json, out: Findings): void {
  const recipient = doc.recipient;
  if (!isObject(recipient)) {
    out.add('/recipient', 'an Assertion needs "recipient" (an IdentityObject)');
    return;
  }
  if (typeof recipient.identity !== 'string') {
    out.add('/recipient/identity', 'the IdentityObject needs "identity" (a string)');
  }
  if (typeof recipient.type !== 'string') {
    out.add('/recipient/type', 'the IdentityObject needs "type" (e.g. "email")');
  }
  if (recipient.hashed !== undefined && typeof recipient.hashed !== 'boolean') {
    out.add('/recipient/hashed', '"hashed" is a boolean');
  }
  if (recipient.salt !== undefined && typeof recipient.salt !== 'string') {
    out.add('/recipient/salt', '"salt" is a string');
  }
  const identity = str(recipient.identity);
  if (
    recipient.hashed === true &&
    identity !== undefined &&
    !/^(sha256|md5)\$[0-9a-f]+$/iu.test(identity)
  ) {
    out.add('/recipient/identity', 'a hashed identity is "sha256$" (or "md5$") and hex');
  }
}

function checkVerification(doc: Json, out: Findings): void {
  const verification = doc.verification ?? doc.verify;
  const type = isObject(verification) ? str(verification.type) : undefined;
  if (type === undefined || !['hosted', 'HostedBadge', 'signed', 'SignedBadge'].includes(type)) {
    out.add('/verification', 'an Assertion needs "verification" with type "hosted" or "signed"');
  }
}

function checkDate(doc: Json, key: string, required: boolean, out: Findings): void {
  if (doc[key] === undefined) {
    if (required) out.add(`/${key}`, `an Assertion needs "${key}" (an ISO 8601 date-time)`);
    return;
  }
  if (!isOb2DateTime(doc[key])) {
    out.add(`/${key}`, `"${key}" must be an ISO 8601 date-time with a time zone`);
  }
}

/** The shape of an OB 2.0 Assertion (notes section 6, Assertion). */
export function assertionShape(doc: Json): ShapeResult {
  const out = new Findings('');
  checkContext(doc, out);
  checkType(doc, ['Assertion'], out);
  out.requireIri(doc, 'id', 'an Assertion');
  checkRecipient(doc, out);
  out.requireIriOrObject(doc, 'badge', 'an Assertion');
  checkVerification(doc, out);
  checkDate(doc, 'issuedOn', true, out);
  checkDate(doc, 'expires', false, out);
  const image = doc.image;
  // The 1EdTech validator (OB20Tests testDataImageInAssertion) rejects a data: URI here: the
  // assertion's image is the baked badge at a URL; the BadgeClass may embed its image.
  if (typeof image === 'string' && /^data:/iu.test(image)) {
    out.add('/image', 'an Assertion image must be a URL, not a data: URI');
  } else if (image !== undefined && typeof image !== 'string' && !isObject(image)) {
    out.add('/image', 'an Assertion image is an IRI or an Image object');
  }
  if (doc.revoked !== undefined && typeof doc.revoked !== 'boolean') {
    out.add('/revoked', '"revoked" is a boolean');
  }
  return { findings: out.findings, warnings: [] };
}

/** The shape of an OB 2.0 BadgeClass; `base` prefixes the finding paths (e.g. `/badge`). */
export function badgeClassShape(doc: Json, base = ''): ShapeResult {
  const out = new Findings(base);
  if (base === '') checkContext(doc, out);
  checkType(doc, ['BadgeClass'], out);
  out.requireIri(doc, 'id', 'a BadgeClass');
  out.requireString(doc, 'name', 'a BadgeClass');
  out.requireString(doc, 'description', 'a BadgeClass');
  const warnings: string[] = [];
  // OB 2.0 lists image as required; the 1EdTech validator accepts a BadgeClass without one
  // (OB20Tests testRdfValidation), so a missing image is a warning and a wrong one a finding.
  if (doc.image === undefined) warnings.push(`the BadgeClass '${str(doc.id) ?? '?'}' has no image`);
  else out.requireIriOrObject(doc, 'image', 'a BadgeClass');
  out.requireIriOrObject(doc, 'criteria', 'a BadgeClass');
  out.requireIriOrObject(doc, 'issuer', 'a BadgeClass');
  return { findings: out.findings, warnings };
}

/** The shape of an OB 2.0 issuer Profile (notes section 6, Profile / Issuer). */
export function profileShape(doc: Json, base = ''): ShapeResult {
  const out = new Findings(base);
  checkType(doc, ['Issuer', 'Profile'], out);
  out.requireIri(doc, 'id', 'an issuer Profile');
  out.requireString(doc, 'name', 'an issuer Profile');
  const warnings: string[] = [];
  const missing = ['url', 'email'].filter((key) => typeof doc[key] !== 'string');
  // Notes section 6 lists url and email as required of an issuer; validators in the wild accept
  // profiles without them, so this is a warning rather than a finding.
  if (missing.length > 0) {
    warnings.push(`the issuer profile '${str(doc.id) ?? '?'}' has no ${missing.join(' or ')}`);
  }
  return { findings: out.findings, warnings };
}

/** The PEM of a CryptographicKey, or a finding (notes section 6, CryptographicKey). */
export function keyShape(doc: Json, base: string): ShapeResult {
  const out = new Findings(base);
  if (doc.type !== undefined) checkType(doc, ['CryptographicKey'], out);
  out.requireString(doc, 'publicKeyPem', 'a CryptographicKey');
  return { findings: out.findings, warnings: [] };
}

/** The shape of a RevocationList (notes section 6, RevocationList). */
export function revocationListShape(doc: Json, base: string): ShapeResult {
  const out = new Findings(base);
  if (doc.type !== undefined) checkType(doc, ['RevocationList'], out);
  if (doc.revokedAssertions !== undefined && !Array.isArray(doc.revokedAssertions)) {
    out.add('/revokedAssertions', '"revokedAssertions" is an array');
  }
  return { findings: out.findings, warnings: [] };
}
