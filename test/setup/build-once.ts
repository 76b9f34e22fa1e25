import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * End-to-end tests spawn the built CLI (`bin/badgesmith.js` imports `dist/`). `npm test` builds
 * first and says so with BADGESMITH_DIST_FRESH=1; a bare `npx vitest` builds here, once per run.
 */
export default function buildOnce(): void {
  if (process.env.BADGESMITH_DIST_FRESH === '1') return;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const tsc = resolve(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`the build failed, so end-to-end tests cannot run:\n${build.stdout}`);
  }
}
