import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { makePng } from '../core/bake/png-helpers.js';
import { repoRoot } from '../helpers/shared.js';

const NOW = new Date('2026-01-15T12:00:00Z');

async function issueWithLibrary(alg: api.SigningAlg) {
  const { privateJwk, publicJwk } = api.generateKeyPair(alg);
  const issuerId = api.didKeyFromPublicJwk(publicJwk);
  const key = api.loadSigningKey(privateJwk, alg, api.kidFor(issuerId, publicJwk));
  const achievement = api.buildAchievement(
    { name: 'Library Badge', description: 'Used the API.', criteria: { narrative: 'Did it.' } },
    { issuerId, slug: 'library-badge' },
  );
  const credential = api.buildCredential({
    issuer: { id: issuerId, type: ['Profile'], name: 'API Org' },
    achievement,
    recipient: { email: 'ada@example.org' },
    issued: new Date('2026-01-01T00:00:00Z'),
  });
  const jwt = await api.signCredentialJwt(credential, key);
  return { issuerId, jwt, badge: api.bakeImage(makePng(), jwt).bytes };
}

describe('the library API (src/index.ts)', () => {
  it('issues, bakes and verifies a badge with exported functions only', async () => {
    const { issuerId, jwt, badge } = await issueWithLibrary('EdDSA');
    const extracted = api.extractBadge(badge);
    expect(extracted.found && extracted.badge.payload).toBe(jwt);

    const trusted = await api.verifyBadge(badge, {
      trust: { entries: [api.trustEntryFromDidKey(issuerId)] },
      now: NOW,
      recipient: 'Ada@Example.org',
    });
    expect(trusted.verdict).toBe('valid');
    expect(trusted.checks.find((c) => c.name === 'recipient')?.outcome).toBe('passed');

    const untrusted = await api.verifyBadge(badge, { trust: { entries: [] }, now: NOW });
    expect(untrusted.verdict).toBe('indeterminate');
    expect(untrusted.checks.find((c) => c.name === 'issuer-key')?.outcome).toBe('indeterminate');
  });

  it('loads trust files, the trust store and contexts as the verify command does', async () => {
    const { issuerId, badge } = await issueWithLibrary('ES256');
    const dir = await mkdtemp(join(tmpdir(), 'badgesmith-api-'));
    const store = join(dir, 'store');
    const { options, warnings } = await api.loadVerifierSetup({
      trust: [issuerId],
      trustStore: store,
      cwd: dir,
    });
    expect(warnings).toEqual([]);
    expect(options.trust.entries.map((entry) => entry.issuerId)).toEqual([issuerId]);
    expect(typeof options.contexts).toBe('function');
    const report = await api.verifyBadge(badge, { ...options, now: NOW });
    expect(report.verdict).toBe('valid');
    expect(report.trustedBy).toBe(issuerId);

    await expect(api.loadVerifierSetup({ statusLists: 'nowhere', cwd: dir })).rejects.toMatchObject(
      {
        code: 'ERR_FILE_NOT_FOUND',
      },
    );
  });

  it('throws a BadgesmithError with a stable code for input that is not a badge', async () => {
    const attempt = api.verifyBadge(new TextEncoder().encode('hello'), {
      trust: { entries: [] },
      now: NOW,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'ERR_IMAGE_UNKNOWN', exitCode: 65 });
  });

  it('is importable by its package name from the built dist/', () => {
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('badgesmith'); console.log(typeof m.verifyBadge, typeof m.bakeImage, typeof m.BadgesmithError);",
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe('function function function');
  });
});
