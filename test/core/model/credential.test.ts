import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { achievementIdFor, buildAchievement } from '../../../src/core/model/achievement.js';
import { buildCredential, CREDENTIAL_CONTEXT } from '../../../src/core/model/credential.js';
import { hashIdentity } from '../../../src/core/model/identity.js';
import type { IssuerProfile } from '../../../src/core/model/types.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019;

const issuer: IssuerProfile = {
  id: 'did:web:badges.example.org',
  type: ['Profile'],
  name: 'Example Workshop',
  url: 'https://example.org',
};

const achievement = buildAchievement(
  {
    name: 'Intro Workshop',
    description: 'Attended the intro workshop.',
    criteria: { narrative: 'Attended both sessions.', url: 'https://example.org/criteria' },
    achievementType: 'Badge',
    tags: ['workshop', 'intro'],
    alignment: [{ targetName: 'Teamwork', targetUrl: 'https://example.org/skills/teamwork' }],
    language: 'en',
  },
  { issuerId: issuer.id, slug: 'intro' },
);

const issued = new Date('2025-06-01T09:30:15.250Z');

function full() {
  return buildCredential({
    issuer,
    achievement,
    recipient: { email: ' Ada@Example.org ', name: 'Ada Lovelace' },
    issued,
    validFor: 'P1Y',
    evidence: 'https://example.org/work/ada',
    narrative: 'Built a working loom.',
    result: 'Completed',
    id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    salt: 'pepper',
  });
}

describe('buildCredential', () => {
  it('writes the VCDM 2.0 OpenBadgeCredential shape', () => {
    const vc = full();
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
    ]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.id).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
    expect(vc.name).toBe('Intro Workshop');
    expect(vc.issuer).toEqual(issuer);
    expect(vc.validFrom).toBe('2025-06-01T09:30:15Z');
    expect(vc.validUntil).toBe('2026-06-01T09:30:15Z');
    expect(vc.credentialSchema).toEqual([
      {
        id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
        type: '1EdTechJsonSchemaValidator2019',
      },
    ]);
    expect(vc.evidence).toEqual([{ type: ['Evidence'], id: 'https://example.org/work/ada' }]);
  });

  it('names the earner by a salted hash of the normalised e-mail, not in plain text', () => {
    const subject = full().credentialSubject;
    expect(subject.identifier).toEqual([
      {
        type: 'IdentityObject',
        identityHash: hashIdentity('ada@example.org', 'pepper'),
        identityType: 'emailAddress',
        hashed: true,
        salt: 'pepper',
      },
    ]);
    expect(subject.name).toBeUndefined();
    expect(JSON.stringify(full())).not.toContain('ada@example.org');
    expect(subject.narrative).toBe('Built a working loom.');
    expect(subject.result).toEqual([{ type: ['Result'], value: 'Completed' }]);
  });

  it('writes the plain name only when asked', () => {
    const vc = buildCredential({
      issuer,
      achievement,
      recipient: { email: 'ada@example.org', name: 'Ada Lovelace' },
      issued,
      includeName: true,
    });
    expect(vc.credentialSubject.name).toBe('Ada Lovelace');
  });

  it('leaves out absent values: no nulls, no empty arrays, random ids', () => {
    const a = buildCredential({
      issuer,
      achievement,
      recipient: { email: 'a@example.org' },
      issued,
      evidence: ' ',
    });
    const b = buildCredential({
      issuer,
      achievement,
      recipient: { email: 'a@example.org' },
      issued,
    });
    const json = JSON.stringify(a);
    expect(json).not.toContain('null');
    expect(json).not.toContain('[]');
    expect(a.evidence).toBeUndefined();
    expect(a.validUntil).toBeUndefined();
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/u);
    expect(a.id).not.toBe(b.id);
    expect(a.credentialSubject.identifier?.[0]?.salt).not.toBe(
      b.credentialSubject.identifier?.[0]?.salt,
    );
  });

  it('keeps the context order the spec requires', () => {
    expect(CREDENTIAL_CONTEXT[0]).toBe('https://www.w3.org/ns/credentials/v2');
  });
});

describe('buildAchievement', () => {
  it('maps the YAML fields to OB 3.0 Achievement terms', () => {
    expect(achievement).toEqual({
      id: achievementIdFor('did:web:badges.example.org', 'intro'),
      type: ['Achievement'],
      name: 'Intro Workshop',
      description: 'Attended the intro workshop.',
      criteria: { id: 'https://example.org/criteria', narrative: 'Attended both sessions.' },
      achievementType: 'Badge',
      tag: ['workshop', 'intro'],
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'Teamwork',
          targetUrl: 'https://example.org/skills/teamwork',
        },
      ],
      inLanguage: 'en',
    });
  });

  it('derives a stable version 5 urn:uuid from issuer id and slug', () => {
    const id = achievementIdFor('did:web:badges.example.org', 'intro');
    expect(id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u,
    );
    expect(achievementIdFor('did:web:badges.example.org', 'intro')).toBe(id);
    expect(achievementIdFor('did:web:badges.example.org', 'advanced')).not.toBe(id);
    expect(achievementIdFor('did:web:other.example.org', 'intro')).not.toBe(id);
  });

  it('keeps an id given in the YAML', () => {
    const built = buildAchievement(
      { id: 'https://example.org/a/1', name: 'n', description: 'd', criteria: { narrative: 'x' } },
      { issuerId: issuer.id, slug: 's' },
    );
    expect(built.id).toBe('https://example.org/a/1');
    expect(built.criteria).toEqual({ narrative: 'x' });
    expect('tag' in built).toBe(false);
  });
});

describe.runIf(hasShared)("1EdTech's AchievementCredential schema", () => {
  it('accepts the credentials badgesmith builds', () => {
    const schemaPath = sharedPath('spec', 'schemas', 'ob_v3p0_achievementcredential_schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    const ajv = addFormats(new Ajv2019({ strict: false, allErrors: true }));
    const validate = ajv.compile(schema);
    const minimal = buildCredential({
      issuer,
      achievement,
      recipient: { email: 'a@example.org' },
      issued,
    });
    for (const vc of [full(), minimal]) {
      const ok = validate(JSON.parse(JSON.stringify(vc)));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
