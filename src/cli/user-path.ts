import { isAbsolute, relative, resolve } from 'node:path';
import type { CliContext } from './context.js';

/** A path as the user wrote it when it resolves the same from here, so messages quote it. */
export function userPath(ctx: CliContext, path: string): string {
  if (isAbsolute(path)) return path;
  return relative(process.cwd(), resolve(ctx.cwd, path)) || path;
}
