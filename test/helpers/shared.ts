import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The `shared/` folder beside the checkout (CI always has it). Files in it come from other
 * projects: tests read them from there and never copy them into the repository.
 */
export const sharedDir = resolve(repoRoot, '..', 'shared');

/** Whether the shared folder is present; suites that need it use `describe.runIf(hasShared)`. */
export const hasShared = existsSync(join(sharedDir, 'spec'));

/** A path inside `shared/`. */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}
