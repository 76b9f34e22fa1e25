import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { CredentialKind } from './credential-kind.js';
import { credentialSchema, LENIENT, MESSAGE } from './credential-schema.js';
import type { DecodedCredential } from './format.js';
import { result, type CheckResult, type SchemaFinding } from './report.js';
import { kindSchema } from './vc-schemas.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019;

const SCHEMA_BASE = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/';

// The listed 1EdTech schemas that badgesmith's own schema for a kind stands in for; any other
// listed schema is named as not checked.
const STANDS_IN_FOR: Partial<Record<CredentialKind, Set<string>>> = {
  ob3: new Set([
    `${SCHEMA_BASE}ob_v3p0_achievementcredential_schema.json`,
    `${SCHEMA_BASE}ob_v3p0_anyachievementcredential_schema.json`,
  ]),
  endorsement: new Set([
    `${SCHEMA_BASE}ob_v3p0_endorsementcredential_schema.json`,
    `${SCHEMA_BASE}ob_v3p0_anyendorsementcredential_schema.json`,
  ]),
};

const compiled = new Map<string, ValidateFunction>();

/** How many schema findings a report lists; the message counts all of them. */
export const MAX_LISTED_FINDINGS = 50;

/** The compiled validator of a kind and data model; compiled once per process. */
function validatorFor(kind: CredentialKind, model: 'vcdm2' | 'vcdm1'): ValidateFunction {
  const key = `${kind} ${model}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    const ajv = addFormats(new Ajv2019({ allErrors: true, strict: false, verbose: true }));
    validate = ajv.compile(kind === 'ob3' ? credentialSchema(model) : kindSchema(kind, model));
    compiled.set(key, validate);
  }
  return validate;
}

// What each kind is checked against, for the message: never a schema that was not applied.
const SHAPE: Record<CredentialKind, string> = {
  ob3: 'the OB 3.0 credential shape',
  endorsement: 'the OB 3.0 EndorsementCredential shape (section 3.7)',
  clr: 'the VCDM base shape and the CLR 2.0 ClrSubject outline (the CLR 2.0 schema is not bundled)',
  vc: 'the VCDM base shape (no Open Badges schema applies to it)',
  vp: 'the VCDM presentation shape (no Open Badges schema applies to it)',
};

function quoteAll(values: unknown): string {
  return (Array.isArray(values) ? values : [values]).map((v) => `'${String(v)}'`).join(' or ');
}

function findingOf(error: ErrorObject): SchemaFinding {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const parent = error.parentSchema;
  const own: unknown = parent?.[MESSAGE] ?? parent?.[LENIENT];
  if (typeof own === 'string') return { path, message: own };
  switch (error.keyword) {
    case 'required':
      return { path: `${path}/${String(params.missingProperty)}`, message: 'is required' };
    case 'contains': {
      const wanted = parent?.contains as Record<string, unknown> | undefined;
      return { path, message: `must include ${quoteAll(wanted?.const ?? wanted?.enum)}` };
    }
    case 'const':
      return { path, message: `must be ${quoteAll(params.allowedValue)}` };
    case 'additionalProperties':
      return {
        path: `${path}/${String(params.additionalProperty)}`,
        message: 'is not allowed here',
      };
    case 'anyOf': {
      const branches = (parent?.anyOf ?? []) as Record<string, unknown>[];
      const required = branches
        .map((b) => b.required)
        .filter(Array.isArray)
        .flat();
      if (required.length === branches.length && required.length > 0) {
        return { path, message: `must have ${quoteAll(required)}` };
      }
      return { path, message: 'does not match any allowed form' };
    }
    case 'format':
      return { path, message: `must be a ${String(params.format)} with a time zone` };
    default:
      return { path, message: error.message ?? 'is not valid' };
  }
}

/** The schema paths of branching keywords, under which ajv reports each branch's errors. */
function branchPrefixes(errors: readonly ErrorObject[]): string[] {
  return errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'contains')
    .map((e) => `${e.schemaPath}/`);
}

/**
 * Ajv's raw errors, without the noise of branches: errors inside an `anyOf` or `contains` are
 * replaced by the one finding for it, and `if` markers dropped, so that each fault is reported once.
 */
export function schemaFindings(errors: readonly ErrorObject[]): SchemaFinding[] {
  const anyOfPaths = branchPrefixes(errors);
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (anyOfPaths.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const finding = findingOf(error);
    const key = `${finding.path} ${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

/** A rewrite of one value into the form the schema has, with what it says about the original. */
interface Rewrite {
  path: string;
  value: unknown;
  message: string;
}

/**
 * JSON-LD reads a single value as a list of one, and an IRI as the node it names, so these forms
 * sign the same statements as the schema's own (JSON-LD 1.1 sections 4.3.1 and 4.1.2). A value in
 * such a form is checked as if written the schema's way, and named in a note.
 */
function rewriteOf(error: ErrorObject): Rewrite | undefined {
  if (error.keyword !== 'type') return undefined;
  const data: unknown = error.data;
  if (error.schema === 'array' && data !== undefined && !Array.isArray(data)) {
    return {
      path: error.instancePath,
      value: [data],
      message: 'is a single value where OB 3.0 has a list; read as a list of one',
    };
  }
  const typeConst = (error.parentSchema?.properties as Record<string, { const?: unknown }>)?.type
    ?.const;
  if (error.schema === 'object' && typeof data === 'string' && typeConst === 'Image') {
    return {
      path: error.instancePath,
      value: { id: data, type: 'Image' },
      message: "is an IRI where OB 3.0 has an Image object; read as the image's id",
    };
  }
  return undefined;
}

function setAt(root: unknown, pointer: string, value: unknown): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/gu, '/').replace(/~0/gu, '~'));
  const last = keys.pop();
  let node = root as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (last !== undefined) node[last] = value;
}

/** Validates, reading JSON-LD-equivalent forms the schema's way; returns what is left and notes. */
function validateReading(
  validate: ValidateFunction,
  credential: Record<string, unknown>,
): { errors: ErrorObject[]; notes: SchemaFinding[] } {
  const notes: SchemaFinding[] = [];
  let doc = credential;
  // Each pass fixes the outermost forms; a nested one shows once its parent is rewritten.
  for (let pass = 0; pass < 8; pass += 1) {
    if (validate(doc)) return { errors: [], notes };
    const errors = [...(validate.errors ?? [])];
    const branches = branchPrefixes(errors);
    const rewrites = errors
      .filter((e) => !branches.some((prefix) => e.schemaPath.startsWith(prefix)))
      .map(rewriteOf)
      .filter((r): r is Rewrite => r !== undefined && r.path !== '');
    if (rewrites.length === 0) return { errors, notes };
    if (doc === credential) doc = structuredClone(credential);
    for (const rewrite of rewrites) {
      setAt(doc, rewrite.path, rewrite.value);
      notes.push({ path: rewrite.path, message: rewrite.message });
    }
  }
  validate(doc);
  return { errors: [...(validate.errors ?? [])], notes };
}

/** Splits errors into faults and the lenient subschemas' notes (with their branches' errors). */
function splitLenient(errors: readonly ErrorObject[]): {
  faults: ErrorObject[];
  lenient: ErrorObject[];
} {
  const marks = errors.filter((e) => typeof e.parentSchema?.[LENIENT] === 'string');
  const under = (e: ErrorObject): boolean =>
    marks.some(
      (m) =>
        e.schemaPath.startsWith(`${m.schemaPath}/`) &&
        (e.instancePath === m.instancePath || e.instancePath.startsWith(`${m.instancePath}/`)),
    );
  return {
    faults: errors.filter((e) => !marks.includes(e) && !under(e)),
    lenient: marks,
  };
}

/**
 * The `schema` check: the credential against badgesmith's own structural schema for its kind
 * (always, even without `credentialSchema`, OB 3.0 sections 5.1 and 5.2 notes). Other schema URLs
 * the credential lists are not fetched and are named in the message. Conformance notes (a
 * JSON-LD-equivalent form, an unlisted vocabulary term, a subject naming no one) pass the check
 * and come back as warnings; with `strict` they are faults.
 */
export function checkSchema(
  decoded: DecodedCredential,
  options: { strict?: boolean } = {},
): { check: CheckResult; warnings: string[] } {
  const validate = validatorFor(decoded.kind, decoded.model);
  const reading = validateReading(validate, decoded.credential);
  const { faults, lenient } = splitLenient(reading.errors);
  const noted = [...reading.notes, ...schemaFindings(lenient)];
  // --strict: each note is a fault, with the note's own words.
  const findings = [...schemaFindings(faults), ...(options.strict === true ? noted : [])];
  const conformance = (options.strict === true ? [] : noted).map(
    (note) => `${note.path || '/'} ${note.message}`,
  );
  const warnings = conformance.map((note) => `schema: ${note}`);
  // VCDM 2.0 section 5.4: one credentialSchema object or an array of them.
  const declared = decoded.credential.credentialSchema;
  const listed: unknown[] = Array.isArray(declared)
    ? declared
    : typeof declared === 'object' && declared !== null
      ? [declared]
      : [];
  const unknown = listed
    .map((entry) => (entry as { id?: unknown }).id)
    .filter(
      (id): id is string => typeof id === 'string' && STANDS_IN_FOR[decoded.kind]?.has(id) !== true,
    );
  const notes = unknown.map((id) => `schema '${id}' not checked (offline)`);
  if (findings.length > 0) {
    const first = findings[0]!;
    const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
    const check = result('schema', 'failed', `${first.path || '/'} ${first.message}${more}`, {
      // The report lists the first ones; the message gives the count.
      findings: findings.slice(0, MAX_LISTED_FINDINGS),
      ...(notes.length > 0 ? { notes } : {}),
    });
    return { check, warnings };
  }
  const summary =
    conformance.length > 0
      ? `, with ${conformance.length} conformance note${conformance.length > 1 ? 's' : ''} (warnings)`
      : '';
  const suffix = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  const message = `matches ${SHAPE[decoded.kind]}${summary}${suffix}`;
  const allNotes = [...conformance, ...notes];
  const check = result(
    'schema',
    'passed',
    message,
    allNotes.length > 0 ? { notes: allNotes } : undefined,
  );
  return { check, warnings };
}
