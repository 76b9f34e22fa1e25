import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerInit } from './init.js';
import { registerIssue } from './issue.js';
import { registerBake } from './bake.js';
import { registerExtract } from './extract.js';
import { registerVerify } from './verify.js';
import { registerTrust } from './trust.js';
import { registerKeys } from './keys.js';
import { registerRoster } from './roster.js';

/** One command module registers its verb on the program. */
export type RegisterCommand = (program: Command, getContext: () => CliContext) => void;

const registrations: RegisterCommand[] = [
  registerInit,
  registerIssue,
  registerBake,
  registerExtract,
  registerVerify,
  registerRoster,
  registerTrust,
  registerKeys,
];

/** Registers every verb, in the order `--help` lists them. */
export function registerCommands(program: Command, getContext: () => CliContext): void {
  for (const register of registrations) register(program, getContext);
}
