import { describe, expect, it } from 'vitest';
import type { OpenBadgeCredential } from '../../../src/core/model/types.js';
import { signCredentialJwt } from '../../../src/core/proof/jwt.js';
import {
  embeddedEndorsements,
  MAX_ENDORSEMENTS,
} from '../../../src/core/verify/check-endorsements.js';
import type { TrustSet } from '../../../src/core/verify/trust.js';
import {
  credentialFor,
  makeIssuer,
  outcomes,
  signFor,
  verifyText,
  type TestIssuer,
} from './fixtures.js';

const issuer = makeIssuer('ES256');
const endorser = makeIssuer('ES256', 'https://accreditor.example/issuers/7');
const both: TrustSet = { entries: [...issuer.trust.entries, ...endorser.trust.entries] };

function endorsement(by: TestIssuer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:0b5c1f3a-7d4e-4a2b-9c8d-112233445566',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: 'Accreditor endorses Welding 1',
    issuer: { id: by.issuerId, type: ['Profile'], name: 'Accreditor' },
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      id: 'https://example.org/achievements/welding-1',
      type: ['EndorsementSubject'],
      endorsementComment: 'Meets the national standard.',
    },
    ...extra,
  };
}

const signEndorsement = (by: TestIssuer, extra: Record<string, unknown> = {}): Promise<string> =>
  signCredentialJwt(endorsement(by, extra) as unknown as OpenBadgeCredential, by.key);

async function badgeWith(endorsementJwt: string[]): Promise<string> {
  return signFor(issuer, { endorsementJwt });
}

const endorsementCheck = (report: Awaited<ReturnType<typeof verifyText>>) =>
  report.checks.find((check) => check.name === 'endorsement');

describe('the endorsement check (OB 3.0 section 5.1 step 6)', () => {
  it('is skipped when the credential embeds none', async () => {
    const report = await verifyText(await signFor(issuer), issuer.trust);
    expect(report.verdict).toBe('valid');
    expect(endorsementCheck(report)).toEqual({
      name: 'endorsement',
      outcome: 'skipped',
      message: 'no embedded endorsements',
    });
  });

  it('passes when every endorsement verifies with a trusted key', async () => {
    const report = await verifyText(await badgeWith([await signEndorsement(endorser)]), both);
    expect(report.verdict).toBe('valid');
    expect(endorsementCheck(report)).toEqual({
      name: 'endorsement',
      outcome: 'passed',
      message: '1 embedded endorsement, all verified',
      details: { notes: ['/endorsementJwt/0: valid'] },
    });
  });

  it('fails, naming it, when an endorsement has expired: the badge is NOT VALID', async () => {
    const expired = await signEndorsement(endorser, { validUntil: '2025-02-01T00:00:00Z' });
    const report = await verifyText(
      await badgeWith([await signEndorsement(endorser), expired]),
      both,
    );
    expect(report.verdict).toBe('invalid');
    expect(outcomes(report)).toMatchObject({ proof: 'passed', endorsement: 'failed' });
    expect(endorsementCheck(report)?.message).toBe(
      '2 embedded endorsements: the one at /endorsementJwt/1 is not valid: validity: expired at ' +
        '2025-02-01T00:00:00Z, the time is 2025-06-01T12:00:00Z',
    );
  });

  it('cannot tell when the endorser is not trusted here, and says who', async () => {
    const report = await verifyText(
      await badgeWith([await signEndorsement(endorser)]),
      issuer.trust,
    );
    expect(report.verdict).toBe('indeterminate');
    expect(endorsementCheck(report)?.outcome).toBe('indeterminate');
    const message = endorsementCheck(report)?.message ?? '';
    expect(message).toContain(
      "/endorsementJwt/0 cannot be verified here: proof: key 'https://accreditor.example/issuers/7#",
    );
    expect(message).toContain('pass --trust');
  });

  it('fails an endorsement signed by someone else than its issuer', async () => {
    const forged = await signCredentialJwt(
      endorsement(endorser) as unknown as OpenBadgeCredential,
      issuer.key,
    );
    const report = await verifyText(await badgeWith([forged]), both);
    expect(report.verdict).toBe('invalid');
    expect(endorsementCheck(report)?.message).toMatch(
      /^1 embedded endorsement: the one at \/endorsementJwt\/0 is not valid: issuer-key: /u,
    );
  });

  it('fails an embedded credential that is not an EndorsementCredential', async () => {
    const other = await signFor(endorser);
    const report = await verifyText(await badgeWith([other]), both);
    expect(endorsementCheck(report)?.outcome).toBe('failed');
    expect(endorsementCheck(report)?.message).toContain('is not an EndorsementCredential');
  });

  it('does not follow endorsements of endorsements, and says so', async () => {
    const inner = await signEndorsement(endorser, { validUntil: '2025-02-01T00:00:00Z' });
    const outer = await signEndorsement(endorser, { endorsementJwt: [inner] });
    const report = await verifyText(await badgeWith([outer]), both);
    expect(endorsementCheck(report)).toEqual({
      name: 'endorsement',
      outcome: 'passed',
      message:
        '1 embedded endorsement, all verified; 1 endorsement(s) inside them not followed (one level is checked)',
      details: {
        notes: ['/endorsementJwt/0: valid; its own 1 endorsement(s) are not followed'],
      },
    });
  });

  it('fails a genuine endorsement of something that is not in this badge', async () => {
    const other = await signEndorsement(endorser, {
      credentialSubject: {
        id: 'https://elsewhere.example/achievements/9',
        type: ['EndorsementSubject'],
      },
    });
    const report = await verifyText(await badgeWith([other]), both);
    expect(report.verdict).toBe('invalid');
    expect(endorsementCheck(report)?.message).toBe(
      "1 embedded endorsement: the one at /endorsementJwt/0 is not valid: it endorses 'https://elsewhere.example/achievements/9', which is not this badge, its achievement or a profile in it",
    );
    // The issuer, the achievement and the credential itself are all fair subjects.
    for (const id of [issuer.issuerId, 'https://example.org/achievements/welding-1']) {
      const fine = await signEndorsement(endorser, {
        credentialSubject: { id, type: ['EndorsementSubject'] },
      });
      const ok = await verifyText(await badgeWith([fine]), both);
      expect(endorsementCheck(ok)?.outcome).toBe('passed');
    }
  });

  it('finds endorsements on the credential, its achievement and its profiles', () => {
    const doc = credentialFor(issuer.issuerId) as unknown as Record<string, unknown>;
    const subject = doc.credentialSubject as { achievement: Record<string, unknown> };
    subject.achievement.endorsement = [endorsement(endorser)];
    subject.achievement.creator = { id: 'x:y', endorsementJwt: ['a.b.c'] };
    doc.endorsement = endorsement(endorser);
    (doc.issuer as Record<string, unknown>).endorsement = [{}, {}];
    expect(embeddedEndorsements(doc).map((e) => `${e.path} ${e.payloadKind}`)).toEqual([
      '/endorsement json',
      '/issuer/endorsement/0 json',
      '/issuer/endorsement/1 json',
      '/credentialSubject/achievement/endorsement/0 json',
      '/credentialSubject/achievement/creator/endorsementJwt/0 jwt',
    ]);
  });

  it(`does not check more than ${MAX_ENDORSEMENTS} one by one`, async () => {
    const many = Array.from({ length: MAX_ENDORSEMENTS + 1 }, () => 'a.b.c');
    const report = await verifyText(await badgeWith(many), both);
    expect(endorsementCheck(report)).toEqual({
      name: 'endorsement',
      outcome: 'indeterminate',
      message: `${MAX_ENDORSEMENTS + 1} embedded endorsements; more than ${MAX_ENDORSEMENTS} are not checked`,
    });
  });
});
