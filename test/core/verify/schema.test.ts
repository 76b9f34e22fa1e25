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

function findings(credential: Record<string, unknown>) {
  return checkSchema(decoded(credential)).details?.findings ?? [];
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
    expect(checkSchema(decoded(good()))).toEqual({
      name: 'schema',
      outcome: 'passed',
      message: 'matches the OB 3.0 credential shape',
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

    const subject = good().credentialSubject as Record<string, unknown>;
    delete subject.identifier;
    expect(findings({ ...good(), credentialSubject: subject })).toEqual([
      { path: '/credentialSubject', message: "must have 'id' or 'identifier'" },
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
    expect(checkSchema(decoded(withLanguage('!!not a tag!!'))).outcome).toBe('failed');
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
    expect(checkSchema(decoded(c)).message).toBe(
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
    expect(checkSchema(decoded(credential)).outcome).toBe('passed');
  });
});
