import type { CliContext } from './context.js';

/** A progress line on stderr: count, rate and time left; drawn only on a terminal. */
export interface Progress {
  update: (done: number) => void;
  end: () => void;
}

const WIDTH = 24;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * The progress line of one run, e.g. `[##########----] 5,120/10,000  3,204/s  0:01 left`. Redrawn
 * at most ten times a second, and only when stderr is a terminal and the run is not quiet.
 * `write` must not add line breaks (the CLI passes `process.stderr.write`).
 */
export function createProgress(
  ctx: CliContext,
  total: number,
  write: (text: string) => void,
): Progress {
  const shown = ctx.stderrIsTty && ctx.verbosity > 0 && total > 1;
  const started = Date.now();
  let last = 0;
  const draw = (done: number): void => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const filled = Math.round((WIDTH * done) / Math.max(total, 1));
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
    const left = rate > 0 ? clock((total - done) / rate) : '--:--';
    const count = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
    write(`\r[${bar}] ${count}  ${Math.round(rate).toLocaleString('en-US')}/s  ${left} left\x1b[K`);
  };
  return {
    update: (done) => {
      if (!shown) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    end: () => {
      if (shown) write('\r\x1b[K');
    },
  };
}
