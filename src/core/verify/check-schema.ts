import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { CredentialKind } from './credential-kind.js';
import { credentialSchema } from './credential-schema.js';
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

/**
 * Ajv's raw errors, without the noise of branches: errors inside an `anyOf` or `contains` are
 * replaced by the one finding for it, and `if` markers dropped, so that each fault is reported once.
 */
export function schemaFindings(errors: readonly ErrorObject[]): SchemaFinding[] {
  const anyOfPaths = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'contains')
    .map((e) => `${e.schemaPath}/`);
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

/**
 * The `schema` check: the credential against badgesmith's own structural schema for its kind
 * (always, even without `credentialSchema`, OB 3.0 sections 5.1 and 5.2 notes). Other schema URLs the credential lists
 * are not fetched and are named in the message.
 */
export function checkSchema(decoded: DecodedCredential): CheckResult {
  const validate = validatorFor(decoded.kind, decoded.model);
  const ok = validate(decoded.credential);
  const findings = ok ? [] : schemaFindings(validate.errors ?? []);
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
    return result('schema', 'failed', `${first.path || '/'} ${first.message}${more}`, {
      findings,
      ...(notes.length > 0 ? { notes } : {}),
    });
  }
  const suffix = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  const message = `matches ${SHAPE[decoded.kind]}${suffix}`;
  return result('schema', 'passed', message, notes.length > 0 ? { notes } : undefined);
}
