/**
 * The error catalog. Every error badgesmith raises for a run that cannot happen (a missing file,
 * bad flags, an unreadable roster) is a {@link BadgesmithError} with a stable `code`; the exit code
 * comes from this catalog, never from the place that throws. A bad credential is not an error: it
 * is a failed check in a verification report.
 */

/** Exit codes, as documented in the README and in `--help`. */
export const EXIT = {
  ok: 0,
  notValid: 1,
  indeterminate: 2,
  usage: 64,
  dataErr: 65,
  noInput: 66,
  software: 70,
  cantCreate: 73,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Every error code and the exit code it maps to. Codes are `ERR_<AREA>_<CONDITION>`; nobody
 * matches error text, so a message can be improved without breaking anyone.
 */
export const ERROR_CATALOG = {
  ERR_USAGE_MISSING_OPTION: EXIT.usage,
  ERR_USAGE_BAD_OPTION: EXIT.usage,
  ERR_USAGE_CONFLICT: EXIT.usage,
  ERR_FILE_NOT_FOUND: EXIT.noInput,
  ERR_FILE_UNREADABLE: EXIT.noInput,
  ERR_FILE_EXISTS: EXIT.cantCreate,
  ERR_FILE_WRITE: EXIT.cantCreate,
  ERR_OUTPUT_LOCKED: EXIT.cantCreate,
  ERR_OUTPUT_WRITE: EXIT.cantCreate,
  ERR_OUTPUT_OTHER_ISSUER: EXIT.usage,
  ERR_CONFIG_NOT_FOUND: EXIT.noInput,
  ERR_CONFIG_INVALID: EXIT.dataErr,
  ERR_YAML_SYNTAX: EXIT.dataErr,
  ERR_YAML_TOO_LARGE: EXIT.dataErr,
  ERR_YAML_TOO_DEEP: EXIT.dataErr,
  ERR_YAML_DUPLICATE_KEY: EXIT.dataErr,
  ERR_YAML_UNSUPPORTED: EXIT.dataErr,
  ERR_ACHIEVEMENT_INVALID: EXIT.dataErr,
  ERR_ROSTER_INVALID: EXIT.dataErr,
  ERR_ROSTER_ENCODING: EXIT.dataErr,
  ERR_ROSTER_ROW: EXIT.dataErr,
  ERR_TEMPLATE_INVALID: EXIT.dataErr,
  ERR_IMAGE_UNKNOWN: EXIT.dataErr,
  ERR_IMAGE_TOO_LARGE: EXIT.dataErr,
  ERR_PNG_MALFORMED: EXIT.dataErr,
  ERR_PNG_CRC: EXIT.dataErr,
  ERR_PNG_ALREADY_BAKED: EXIT.dataErr,
  ERR_SVG_MALFORMED: EXIT.dataErr,
  ERR_SVG_ALREADY_BAKED: EXIT.dataErr,
  ERR_BAKE_NO_CREDENTIAL: EXIT.dataErr,
  ERR_CREDENTIAL_INVALID: EXIT.dataErr,
  ERR_CREDENTIAL_UNSIGNED: EXIT.dataErr,
  ERR_KEY_INVALID: EXIT.dataErr,
  ERR_KEY_UNSUPPORTED: EXIT.dataErr,
  ERR_KEY_MODE: EXIT.dataErr,
  ERR_KEY_MISMATCH: EXIT.dataErr,
  ERR_TRUST_INVALID: EXIT.dataErr,
  ERR_TRUST_NOT_FOUND: EXIT.noInput,
  ERR_TRUST_STORE_NOT_FOLDER: EXIT.noInput,
  ERR_JSONLD_UNKNOWN_CONTEXT: EXIT.dataErr,
  ERR_JSONLD_UNDEFINED_TERM: EXIT.dataErr,
  ERR_JSONLD_INVALID: EXIT.dataErr,
  ERR_CONTEXTS_INVALID: EXIT.dataErr,
  ERR_STATUS_LISTS_INVALID: EXIT.dataErr,
  ERR_OB2_DOCUMENTS_INVALID: EXIT.dataErr,
  ERR_INTERNAL: EXIT.software,
} as const satisfies Record<string, ExitCode>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Options of a {@link BadgesmithError}: the fix to suggest, and the underlying cause. */
export interface ErrorDetails {
  hint?: string;
  cause?: unknown;
}

/**
 * The one error class of badgesmith.
 *
 * @example
 * ```ts
 * throw new BadgesmithError('ERR_FILE_NOT_FOUND', `no such file '${path}'`, {
 *   hint: 'check the path, or run `badgesmith init` first',
 * });
 * ```
 */
export class BadgesmithError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BadgesmithError';
    this.code = code;
    this.hint = details.hint;
    this.exitCode = ERROR_CATALOG[code];
  }
}

/** Whether `value` is a {@link BadgesmithError} (also across module copies). */
export function isBadgesmithError(value: unknown): value is BadgesmithError {
  return value instanceof BadgesmithError;
}
