import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** One command module registers its verb on the program. */
export type RegisterCommand = (program: Command, getContext: () => CliContext) => void;

const registrations: RegisterCommand[] = [];

/** Registers every verb, in the order `--help` lists them. */
export function registerCommands(program: Command, getContext: () => CliContext): void {
  for (const register of registrations) register(program, getContext);
}
