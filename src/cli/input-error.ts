/** Naming the input file in an error about its content, so a message says which file is bad. */
import { BadgesmithError, isBadgesmithError } from '../core/errors.js';

/** The same error with `'<file>': ` before its message (unless it names the file already). */
export function withFileName(file: string, error: unknown): unknown {
  if (!isBadgesmithError(error) || error.message.includes(`'${file}'`)) return error;
  return new BadgesmithError(error.code, `'${file}': ${error.message}`, {
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    cause: error,
  });
}

/** Whether an error is about the image (PNG/SVG bytes) rather than the credential text. */
export function isImageError(error: unknown): boolean {
  return isBadgesmithError(error) && /^ERR_(IMAGE|PNG|SVG)_/.test(error.code);
}
