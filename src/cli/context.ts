import { Chalk, type ChalkInstance } from 'chalk';

/** What a command needs from the process, passed in so that tests can run commands in-process. */
export interface CliContext {
  out: (text: string) => void;
  err: (text: string) => void;
  color: ChalkInstance;
  /** Prompts are allowed only when stdin and stdout are terminals and `CI` is unset. */
  interactive: boolean;
  /** Progress bars only on a terminal. */
  stderrIsTty: boolean;
  verbosity: number;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
}

export interface ContextOptions {
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** Builds the context of a real run from the process and the global flags. */
export function createProcessContext(options: ContextOptions): CliContext {
  const env = process.env;
  const colorWanted =
    options.color !== false && env.NO_COLOR === undefined && process.stdout.isTTY === true;
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    color: new Chalk({ level: colorWanted ? 1 : 0 }),
    interactive:
      process.stdin.isTTY === true && process.stdout.isTTY === true && env.CI === undefined,
    stderrIsTty: process.stderr.isTTY === true,
    verbosity: options.quiet === true ? 0 : options.verbose === true ? 2 : 1,
    env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}
