/**
 * Turning `verify` arguments into the badge files to check: a file is itself, a folder is every
 * badge-like file under it (`.png`, `.svg`, `.json`, `.jwt`, `.jws`), in a stable sorted order.
 * Hidden entries and symbolic links inside a folder are not followed (no loops, no surprises);
 * other files are counted as skipped so that the user is told.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { BadgesmithError } from '../core/errors.js';

/** The extensions a folder walk picks up. */
export const BADGE_EXTENSIONS: readonly string[] = ['.png', '.svg', '.json', '.jwt', '.jws'];

/** How deep a walk goes and how many files it takes before it refuses. */
export const WALK_LIMITS = { depth: 32, files: 100_000 } as const;

/** One file to verify: its absolute path and the name to show for it. */
export interface BadgeInput {
  path: string;
  shown: string;
}

/** What the arguments expand to. */
export interface ExpandedInputs {
  inputs: BadgeInput[];
  /** How many arguments were folders. */
  folders: number;
  /** Files in walked folders that are not badge-like, shown relative to the current folder. */
  skipped: string[];
  /** Symbolic links in walked folders, which are not followed (whatever they point at). */
  links: string[];
  /** Entries that are not regular files: named pipes, sockets, devices. */
  special: string[];
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walk(dir: string, shown: string, depth: number, out: ExpandedInputs): Promise<void> {
  if (depth > WALK_LIMITS.depth) {
    throw new BadgesmithError(
      'ERR_USAGE_BAD_OPTION',
      `folder '${shown}' is nested more than ${WALK_LIMITS.depth} deep`,
      {
        hint: 'verify a folder closer to the badges',
      },
    );
  }
  const names = (await readdir(dir)).sort(byName);
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const label = `${shown}/${name}`;
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      out.links.push(label);
    } else if (info.isDirectory()) {
      await walk(path, label, depth + 1, out);
    } else if (!info.isFile()) {
      out.special.push(label);
    } else if (BADGE_EXTENSIONS.includes(extname(name).toLowerCase())) {
      out.inputs.push({ path, shown: label });
      if (out.inputs.length > WALK_LIMITS.files) {
        throw new BadgesmithError(
          'ERR_USAGE_BAD_OPTION',
          `more than ${WALK_LIMITS.files} badge files under '${shown}'`,
          {
            hint: 'verify the folder in parts',
          },
        );
      }
    } else {
      out.skipped.push(label);
    }
  }
}

/**
 * Expands `verify` arguments. A missing argument is ERR_FILE_NOT_FOUND before anything is read,
 * so that a typo never gives a partial answer.
 *
 * @example const { inputs } = await expandBadgeInputs(['badges/', 'extra.png'], process.cwd());
 */
export async function expandBadgeInputs(
  args: readonly string[],
  cwd: string,
): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { inputs: [], folders: 0, skipped: [], links: [], special: [] };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch {
      throw new BadgesmithError('ERR_FILE_NOT_FOUND', `badge file '${path}' does not exist`, {
        hint: 'check the path and the current folder',
      });
    }
    if (isFolder) {
      out.folders++;
      await walk(path, arg.replace(/[\\/]+$/u, '') || arg, 0, out);
    } else {
      out.inputs.push({ path, shown: arg });
    }
  }
  if (out.inputs.length === 0) {
    // Nothing checked is not a pass: a script's `verify dir && publish` must not go on.
    const passed = out.skipped.length + out.links.length + out.special.length;
    throw new BadgesmithError(
      'ERR_FILE_NOT_FOUND',
      `no badge files (${BADGE_EXTENSIONS.join(', ')}) under '${args.join("', '")}'` +
        (passed > 0 ? ` (${passed} other entries skipped)` : ''),
      {
        hint: 'check the folder; symbolic links inside folders are not followed, name files directly',
      },
    );
  }
  return out;
}
