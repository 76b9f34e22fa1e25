import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../src/core/verify/check-schema.js';
import type { DecodedCredential } from '../../../src/core/verify/format.js';
import { hasShared, sharedPath } from '../../helpers/shared.js';
import { credentialFor } from './fixtures.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019;

function decoded(credential: Record<string, unknown>): DecodedCredential {
  return { proofFormat: 'none', kind: 'ob3', model: 'vcdm2', credential };
}

function schemaOf(credential: Record<string, unknown>, model: 'vcdm2' | 'vcdm1' = 'vcdm2') {
  return checkSchema({ ...decoded(credential), model });
}

function findings(credential: Record<string, unknown>) {
  return schemaOf(credential).check.details?.findings ?? [];
}

function swapFirstTwo(list: string[]): string[] {
  return [list[1]!, list[0]!, ...list.slice(2)];
}

const good = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(credentialFor('https://example.org/issuers/1'))) as Record<
    string,
    unknown
  >;

describe('our OB 3.0 credential schema', () => {
  it('passes a credential built like ours', () => {
    expect(schemaOf(good())).toEqual({
      check: { name: 'schema', outcome: 'passed', message: 'matches the OB 3.0 credential shape' },
      warnings: [],
    });
  });

  it('reports each fault once, with its instance path', () => {
    const c = good();
    delete c.validFrom;
    expect(findings(c)).toEqual([{ path: '/validFrom', message: 'is required' }]);

    const wrongOrder = { ...good(), '@context': swapFirstTwo(good()['@context'] as string[]) };
    expect(findings(wrongOrder).map((f) => f.path)).toEqual(['/@context/0', '/@context/1']);

    const noType = { ...good(), type: ['VerifiableCredential'] };
    expect(findings(noType)).toEqual([
      { path: '/type', message: "must include 'OpenBadgeCredential' or 'AchievementCredential'" },
    ]);

    const identity = good();
    const ids = (identity.credentialSubject as { identifier: Record<string, unknown>[] })
      .identifier;
    ids[0]!.extra = 1;
    ids[0]!.type = ['IdentityObject'];
    expect(findings(identity)).toEqual([
      { path: '/credentialSubject/identifier/0/extra', message: 'is not allowed here' },
      { path: '/credentialSubject/identifier/0/type', message: "must be 'IdentityObject'" },
    ]);

    expect(findings({ ...good(), validFrom: '2025-03-01T09:30:00' })).toEqual([
      { path: '/validFrom', message: 'must be a date-time with a time zone' },
    ]);
  });

  it("fails an achievement.inLanguage that 1EdTech's pattern refuses, passes pt-BR", () => {
    const withLanguage = (tag: string): Record<string, unknown> => {
      const c = good();
      const subject = c.credentialSubject as { achievement: Record<string, unknown> };
      subject.achievement.inLanguage = tag;
      return c;
    };
    expect(findings(withLanguage('pt-BR'))).toEqual([]);
    expect(schemaOf(withLanguage('!!not a tag!!')).check.outcome).toBe('failed');
    expect(findings(withLanguage('!!not a tag!!'))).toEqual([
      {
        path: '/credentialSubject/achievement/inLanguage',
        message: 'must match pattern "^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"',
      },
    ]);
  });

  it('names a listed schema it does not know as not checked (offline)', () => {
    const c = {
      ...good(),
      credentialSchema: [
        { id: 'https://other.example/s.json', type: '1EdTechJsonSchemaValidator2019' },
      ],
    };
    expect(schemaOf(c).check.message).toBe(
      "matches the OB 3.0 credential shape; schema 'https://other.example/s.json' not checked (offline)",
    );
  });

  it.runIf(hasShared)('credentials built like ours also pass 1EdTech’s schema', () => {
    const schema = JSON.parse(
      readFileSync(
        sharedPath('spec', 'schemas', 'ob_v3p0_achievementcredential_schema.json'),
        'utf8',
      ),
    );
    const validate = addFormats(new Ajv2019({ strict: false, allErrors: true })).compile(schema);
    const credential = good();
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    expect(schemaOf(credential).check.outcome).toBe('passed');
  });

  describe('conformance notes: the check passes, with a warning naming each', () => {
    const subjectOf = (c: Record<string, unknown>) =>
      c.credentialSubject as Record<string, unknown> & { achievement: Record<string, unknown> };

    it('a subject with neither id nor identifier names no recipient', () => {
      const c = good();
      delete subjectOf(c).identifier;
      expect(schemaOf(c)).toEqual({
        check: {
          name: 'schema',
          outcome: 'passed',
          message: 'matches the OB 3.0 credential shape, with 1 conformance note (warnings)',
          details: {
            notes: [
              '/credentialSubject names no recipient: OB 3.0 section 3.5 asks for an id or an ' +
                'identifier, so no recipient can be checked',
            ],
          },
        },
        warnings: [
          'schema: /credentialSubject names no recipient: OB 3.0 section 3.5 asks for an id or ' +
            'an identifier, so no recipient can be checked',
        ],
      });
    });

    it('single values for lists, an IRI for an Image, an unlisted achievementType', () => {
      const c = good();
      const subject = subjectOf(c);
      subject.type = 'AchievementSubject';
      subject.identifier = (subject.identifier as unknown[])[0];
      subject.achievement.achievementType = 'Program';
      subject.achievement.image = 'https://example.org/badge.png';
      const { check, warnings } = schemaOf(c);
      expect(check.outcome).toBe('passed');
      expect(warnings).toEqual([
        'schema: /credentialSubject/type is a single value where OB 3.0 has a list; read as a list of one',
        "schema: /credentialSubject/achievement/image is an IRI where OB 3.0 has an Image object; read as the image's id",
        'schema: /credentialSubject/identifier is a single value where OB 3.0 has a list; read as a list of one',
        "schema: /credentialSubject/achievement/achievementType is neither an AchievementType term nor an 'ext:' term (an extensible vocabulary, section 3.4)",
      ]);
      // The credential itself is left as it was: only the check reads it the schema's way.
      expect(subject.type).toBe('AchievementSubject');
    });

    it('with strict, each note is a fault in its own words', () => {
      const c = good();
      const subject = subjectOf(c);
      delete subject.identifier;
      subject.type = 'AchievementSubject';
      const strict = checkSchema(decoded(c), { strict: true });
      expect(strict.warnings).toEqual([]);
      expect(strict.check.outcome).toBe('failed');
      expect(strict.check.details?.findings?.map((f) => f.path)).toEqual([
        '/credentialSubject/type',
        '/credentialSubject',
      ]);
    });

    it('a read-as-list value is still checked: a wrong type inside it is a fault', () => {
      const c = good();
      const subject = subjectOf(c);
      subject.identifier = { ...(subject.identifier as Record<string, unknown>[])[0], type: 'X' };
      expect(findings(c)).toEqual([
        { path: '/credentialSubject/identifier/0/type', message: "must be 'IdentityObject'" },
      ]);
    });

    it('a missing subject type or a wrong one is a fault, not a note', () => {
      const c = good();
      subjectOf(c).type = ['Person'];
      expect(schemaOf(c).check.outcome).toBe('failed');
      expect(findings(c)).toEqual([
        { path: '/credentialSubject/type', message: "must include 'AchievementSubject'" },
      ]);
      const d = good();
      delete subjectOf(d).identifier;
      delete (subjectOf(d) as Record<string, unknown>).achievement;
      expect(findings(d)).toEqual([
        { path: '/credentialSubject/achievement', message: 'is required' },
      ]);
    });
  });

  it('a VCDM 2.0 credential under a superseded OB context version fails; VCDM 1.1 keeps it', () => {
    const old = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
    const c = good();
    (c['@context'] as string[])[1] = old;
    expect(findings(c)).toEqual([
      {
        path: '/@context/1',
        message:
          'is a superseded OB context version: a VCDM 2.0 credential uses context-3.0.3.json, ' +
          'whose image and achievement terms have other IRIs (notes section 3.1)',
      },
    ]);
    const current = good();
    (current['@context'] as string[])[1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json';
    expect(findings(current)).toEqual([]);
    const legacy = good();
    legacy['@context'] = ['https://www.w3.org/2018/credentials/v1', old];
    legacy.issuanceDate = legacy.validFrom;
    delete legacy.validFrom;
    expect(schemaOf(legacy, 'vcdm1').check.outcome).toBe('passed');
  });
});
