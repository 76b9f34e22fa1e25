import type { Command } from 'commander';
import { resolve } from 'node:path';
import {
  addToTrustStore,
  readTrustStore,
  removeFromTrustStore,
  trustStoreDir,
  trustStoreWarning,
} from '../../adapters/trust-store.js';
import { isDidKey } from '../../core/keys/did-key.js';
import type { CliContext } from '../context.js';

interface StoreFlags {
  trustStore?: string;
  json?: boolean;
}

const STORE_OPTION = [
  '--trust-store <dir>',
  'the trust store folder (default $BADGESMITH_TRUST_STORE, else ~/.config/badgesmith/trust)',
] as const;

function storeOf(ctx: CliContext, flags: StoreFlags): string {
  const explicit = flags.trustStore === undefined ? undefined : resolve(ctx.cwd, flags.trustStore);
  return trustStoreDir(ctx.env, explicit);
}

/** `badgesmith trust add|list|remove`: the local store of issuers whose keys `verify` trusts. */
export function registerTrust(program: Command, getContext: () => CliContext): void {
  const trust = program
    .command('trust')
    .description("keep a local store of trusted issuers' did.json, jwks.json and profiles")
    .addHelpText(
      'after',
      `
Examples:
  badgesmith trust add issuer/keys/did.json
  badgesmith trust add https-issuer-jwks.json did:key:z6Mk...
  badgesmith trust list
  badgesmith trust remove did:web:badges.example.org

\`verify\` uses every entry of the store besides its --trust files, and says which entry a key
came from. The store is a folder of JSON files: $BADGESMITH_TRUST_STORE, else
$XDG_CONFIG_HOME/badgesmith/trust, else ~/.config/badgesmith/trust, or --trust-store <dir>.
A file there that is not a trust entry is skipped with a warning; \`trust remove <file name>\`
removes it.`,
    );

  trust
    .command('add')
    .description('trust an issuer: store its did.json, jwks.json, issuer profile, or a did:key')
    .argument('<files...>', 'trust files, or did:key:… literals')
    .option(...STORE_OPTION)
    .addHelpText('after', '\nExample:\n  badgesmith trust add keys/did.json --trust-store ./trust')
    .action(async (files: string[], flags: StoreFlags) => {
      const ctx = getContext();
      const dir = storeOf(ctx, flags);
      for (const file of files) {
        const path = isDidKey(file) ? file : resolve(ctx.cwd, file);
        const { stored, replaced } = await addToTrustStore(dir, file, path);
        const count = stored.entry.keys.length;
        ctx.out(
          `${replaced ? 'replaced' : 'added'} ${stored.entry.issuerId} (${stored.entry.kind}, ${count} key${count === 1 ? '' : 's'}) as ${stored.name}`,
        );
      }
    });

  trust
    .command('list')
    .description('list the trusted issuers and their keys')
    .option(...STORE_OPTION)
    .option('--json', 'print one JSON document')
    .addHelpText('after', '\nExample:\n  badgesmith trust list --json')
    .action(async (flags: StoreFlags) => {
      const ctx = getContext();
      const dir = storeOf(ctx, flags);
      const { entries: stored, problems } = await readTrustStore(dir);
      for (const problem of problems) ctx.err(`warning: ${trustStoreWarning(problem)}`);
      if (flags.json === true) {
        const entries = stored.map(({ name, entry }) => ({
          name,
          issuer: entry.issuerId,
          kind: entry.kind,
          keys: entry.keys.map((key) => key.kid ?? null),
        }));
        const skipped = problems.map(({ name, reason }) => ({ name, reason }));
        ctx.out(JSON.stringify({ store: dir, entries, skipped }, null, 2));
        return;
      }
      if (stored.length === 0) {
        const what = problems.length === 0 ? 'is empty' : 'has no trust entries';
        ctx.out(`the trust store '${dir}' ${what}`);
      }
      for (const { name, entry } of stored) {
        ctx.out(`${entry.issuerId}  ${entry.kind}  ${name}`);
        for (const key of entry.keys) ctx.out(`  key ${key.kid ?? '(no kid)'}`);
      }
    });

  trust
    .command('remove')
    .description(
      'stop trusting: remove entries by stored name or issuer id, or a store file that is not one',
    )
    .argument(
      '<name-or-issuer>',
      'a name from `trust list`, an issuer id, or the file a "not a trust entry" warning names',
    )
    .option(...STORE_OPTION)
    .addHelpText(
      'after',
      `
Examples:
  badgesmith trust remove https://example.org/issuer
  badgesmith trust remove broken.json --trust-store ./trust

A file in the store that is not a trust entry is skipped by \`trust list\` and \`verify\` with a
warning that prints the \`trust remove\` command for it; a folder is removed only when empty.`,
    )
    .action(async (ref: string, flags: StoreFlags) => {
      const ctx = getContext();
      const gone = await removeFromTrustStore(storeOf(ctx, flags), ref);
      for (const item of gone) {
        if ('entry' in item) ctx.out(`removed ${item.entry.issuerId} (${item.name})`);
        else ctx.out(`removed ${item.name} (it was not a trust entry: ${item.reason})`);
      }
    });
}
