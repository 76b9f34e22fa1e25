// What the bench should say about the filesystem its disk runs write to. On ext4 without a
// journal (these machines' root disk), creating a file skips, one by one, every inode of its
// block group that was freed in the last seconds (up to 5 minutes while the inode table is
// unwritten): seen with perf as recently_deleted() in find_inode_bit(), up to a millisecond of
// kernel CPU a file after something deleted a few thousand files nearby. That, not the device,
// is most of the "disk's mood" on these machines. Linux only; elsewhere it says nothing.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';

// The mountinfo line of the filesystem holding `folder`: "major:minor" is field 3, the
// filesystem type and source follow the " - " separator.
function mountOf(folder) {
  const dev = statSync(folder).dev;
  const major = Math.floor(dev / 256) & 0xfff;
  const minor = (dev & 0xff) | (Math.floor(dev / 4096) & 0xfff00);
  let table;
  try {
    table = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of table.split('\n')) {
    const [left, right] = line.split(' - ');
    if (right === undefined || left.split(' ')[2] !== `${major}:${minor}`) continue;
    const [type, source] = right.split(' ');
    return { type, source };
  }
  return undefined;
}

/** A line about the filesystem of `folder` when it writes new files unevenly, else ''. */
export function filesystemNote(folder) {
  const mount = mountOf(folder);
  if (mount?.type !== 'ext4' || !mount.source.startsWith('/dev/')) return '';
  const device = basename(mount.source);
  if (!existsSync(`/proc/fs/ext4/${device}`) || existsSync(`/proc/fs/jbd2/${device}-8`)) return '';
  return (
    `(the disk runs write to ext4 without a journal (${mount.source}): there a new file first ` +
    'skips every inode of its block group freed in the last seconds to minutes, so a run soon ' +
    'after something deleted many files nearby, such as a test suite removing its temp folders, ' +
    'writes slower than the same run on a quiet disk)'
  );
}
