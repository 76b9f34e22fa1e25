// The disk's own rate for files written the way `issue` writes them: a temp file in a folder of
// its own, written, closed and renamed into the output folder, by one worker thread per core
// and nothing else. For scripts/bench.js, which runs it just before and just after each batch on
// the same disk, since this disk's rate swings by a factor of ten from minute to minute.
// The files are left in <folder>/disk-probe-<pid> for the caller to remove when it is done
// measuring: on ext4 without a journal (as on these machines), creating a file scans past every
// inode of its block group freed in the last seconds (up to 5 minutes while the inode table is
// unwritten), about a microsecond each, so deleting 10,000 files just before a run would slow
// that run's first files down by up to a millisecond each (perf: recently_deleted() in
// find_inode_bit()).
// Prints "DISK_FILES_PER_S <rate>". Usage: node disk-probe.js <folder> [files] [bytes]
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, Worker, workerData } from 'node:worker_threads';

if (isMainThread) {
  const [folder, filesArg, bytesArg] = process.argv.slice(2);
  if (folder === undefined) throw new Error('usage: node disk-probe.js <folder> [files] [bytes]');
  const threads = availableParallelism();
  const files = Math.max(threads, Number(filesArg ?? 10_000));
  const bytes = Number(bytesArg ?? 3_000);
  const root = join(folder, `disk-probe-${process.pid}`);
  mkdirSync(join(root, 'tmp'), { recursive: true });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: threads }, (_, k) => {
      const data = { root, k, count: Math.floor(files / threads), bytes };
      return new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: data });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
      });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const written = Math.floor(files / threads) * threads;
  process.stdout.write(`DISK_FILES_PER_S ${(written / seconds).toFixed(0)}\n`);
} else {
  const { root, k, count, bytes } = workerData;
  const data = Buffer.alloc(bytes, 0x5a);
  for (let i = 0; i < count; i += 1) {
    const temp = join(root, 'tmp', `${k}-${i}.tmp`);
    const fd = openSync(temp, 'w', 0o644);
    writeSync(fd, data);
    closeSync(fd);
    renameSync(temp, join(root, `${k}-${i}.png`));
  }
}
