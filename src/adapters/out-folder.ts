import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BadgesmithError } from '../core/errors.js';
import { ensureFolder, pathExists } from './files.js';

/** The lock file that keeps two runs out of one output folder at once. */
export const LOCK_FILE = '.badgesmith.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the output folder's lock (a file holding our pid), so two runs never write one ledger.
 * A lock left by a process that no longer runs (killed, crashed) is taken over.
 */
export async function acquireOutLock(outDir: string): Promise<() => Promise<void>> {
  await ensureFolder(outDir);
  const path = join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.write(`${process.pid}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new BadgesmithError(
          'ERR_OUTPUT_LOCKED',
          `another issue run (pid ${pid}) is writing to '${outDir}'`,
          { hint: `wait for it to end, or if it is gone, delete '${path}'` },
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new BadgesmithError('ERR_OUTPUT_LOCKED', `cannot lock the output folder '${outDir}'`, {
    hint: `delete '${path}' if no other badgesmith run is going`,
  });
}

// Our temp names: `.<target>.<12 hex>.tmp` (files.ts and the issue worker), and reports that a
// crashed run did not finish (`report-*.partial`); the run that holds the lock owns both.
const LEFTOVER = /^(\..+\.[0-9a-f]{12}\.tmp|report-.+\.partial)$/u;

/**
 * Deletes what an interrupted run left behind in `outDir` (and the temp folder `temp`, which it
 * then makes again, empty); returns how many files went.
 */
export async function sweepLeftovers(outDir: string, temp?: string): Promise<number> {
  let removed = 0;
  if (temp !== undefined) {
    const folder = join(outDir, temp);
    if (await pathExists(folder)) removed += (await readdir(folder)).length;
    await rm(folder, { recursive: true, force: true });
    await ensureFolder(folder);
  }
  for (const name of await readdir(outDir)) {
    if (!LEFTOVER.test(name)) continue;
    await rm(join(outDir, name), { force: true });
    removed += 1;
  }
  return removed;
}
