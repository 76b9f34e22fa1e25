/**
 * badgesmith's own structural JSON Schema (draft 2019-09) of an OB 3.0 OpenBadgeCredential,
 * written from the data model facts in OPEN-BADGES-NOTES.md section 3. It checks shape, not
 * meaning: required members, types, the @context order, the IdentityObject closed shape.
 */

import { IN_LANGUAGE_PATTERN } from '../model/roster-values.js';

const URI = {
  type: 'string',
  minLength: 1,
  // Any absolute URI or IRI (`urn:uuid:…`, `https:…`, `did:…`, `data:…`): a scheme, then a colon.
  pattern: '^[A-Za-z][A-Za-z0-9+.-]*:\\S',
};
const DATE_TIME_Z = { type: 'string', format: 'date-time' };
const STRING = { type: 'string' };
const STRINGS = { type: 'array', items: STRING };
const EXT_TERM = { type: 'string', pattern: '^ext:[a-zA-Z0-9.\\-_]+$' };

/**
 * Marks a subschema whose failure is a conformance note, not a fault: the schema check passes
 * with a warning naming it. Used where a credential's meaning is intact but it departs from a
 * rule that wallets and the source projects' own verifiers do not enforce (notes sections 3.4,
 * 3.5). The value is the note's text.
 */
export const LENIENT = 'x-badgesmith-lenient';

/** A subschema's own message for its findings, in place of ajv's wording. */
export const MESSAGE = 'x-badgesmith-message';

/**
 * Notes section 3.1: a VCDM 2.0 credential uses the current OB context, 3.0.3 (or the unversioned
 * alias); 3.0.3 changed the IRIs of `image` and `achievement`, so a credential under an older
 * versioned context says something else in RDF. Pre-final VCDM 1.1 credentials keep theirs.
 */
export const CURRENT_OB_CONTEXT = {
  not: { pattern: 'context-3\\.0\\.[0-2]\\.json$' },
  [MESSAGE]:
    'is a superseded OB context version: a VCDM 2.0 credential uses context-3.0.3.json, ' +
    'whose image and achievement terms have other IRIs (notes section 3.1)',
};

/** An array-valued `type` that contains `name` (section 3: "type contains X"). */
function typeList(name: string): object {
  return { type: 'array', minItems: 1, items: STRING, contains: { const: name } };
}

/** An extensible vocabulary (section 3.4): a listed term or an `ext:` one; another is a note. */
function extensible(values: readonly string[], vocabulary: string): object {
  return {
    anyOf: [{ enum: values }, EXT_TERM],
    [LENIENT]: `is neither ${vocabulary} term nor an 'ext:' term (an extensible vocabulary, section 3.4)`,
  };
}

// prettier-ignore
const IDENTIFIER_TYPES = [
  'name', 'sourcedId', 'systemId', 'productId', 'userName', 'accountId', 'emailAddress',
  'nationalIdentityNumber', 'isbn', 'issn', 'lisSourcedId', 'oneRosterSourcedId', 'sisSourcedId',
  'ltiContextId', 'ltiDeploymentId', 'ltiToolId', 'ltiPlatformId', 'ltiUserId', 'identifier',
] as const;

// prettier-ignore
const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree',
  'Award', 'Badge', 'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification',
  'CommunityService', 'Competency', 'Course', 'CoCurricular', 'Degree', 'Diploma',
  'DoctoralDegree', 'Fieldwork', 'GeneralEducationDevelopment', 'JourneymanCertificate',
  'LearningProgram', 'License', 'Membership', 'ProfessionalDoctorate',
  'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree', 'MicroCredential',
  'ResearchDoctorate', 'SecondarySchoolDiploma',
] as const;

// prettier-ignore
const RESULT_STATUS = [
  'Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew',
] as const;

const defs = {
  Image: {
    type: 'object',
    required: ['id', 'type'],
    properties: { id: URI, type: { const: 'Image' }, caption: STRING },
  },
  Profile: {
    type: 'object',
    required: ['id', 'type'],
    properties: {
      id: URI,
      type: typeList('Profile'),
      name: STRING,
      url: URI,
      email: STRING,
      phone: STRING,
      description: STRING,
      image: { $ref: '#/$defs/Image' },
      endorsementJwt: STRINGS,
    },
  },
  // Section 3.6: a closed object; `type` is a single string here, not an array.
  IdentityObject: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'hashed', 'identityHash', 'identityType'],
    properties: {
      type: { const: 'IdentityObject' },
      hashed: { type: 'boolean' },
      identityHash: STRING,
      identityType: extensible(IDENTIFIER_TYPES, 'an IdentifierTypeEnum'),
      salt: STRING,
    },
  },
  Criteria: {
    type: 'object',
    properties: { id: URI, narrative: STRING },
    anyOf: [{ required: ['id'] }, { required: ['narrative'] }],
  },
  Alignment: {
    type: 'object',
    required: ['type', 'targetName', 'targetUrl'],
    properties: {
      type: typeList('Alignment'),
      targetName: STRING,
      targetUrl: URI,
      targetCode: STRING,
      targetDescription: STRING,
      targetFramework: STRING,
      targetType: STRING,
    },
  },
  Achievement: {
    type: 'object',
    required: ['id', 'type', 'name', 'description', 'criteria'],
    properties: {
      id: URI,
      type: typeList('Achievement'),
      name: STRING,
      description: STRING,
      criteria: { $ref: '#/$defs/Criteria' },
      achievementType: extensible(ACHIEVEMENT_TYPES, 'an AchievementType'),
      alignment: { type: 'array', items: { $ref: '#/$defs/Alignment' } },
      creator: { $ref: '#/$defs/Profile' },
      creditsAvailable: { type: 'number' },
      image: { $ref: '#/$defs/Image' },
      // 1EdTech's OB 3.0 schema constrains inLanguage to this BCP 47 subset.
      inLanguage: { type: 'string', pattern: IN_LANGUAGE_PATTERN },
      tag: STRINGS,
      humanCode: STRING,
      fieldOfStudy: STRING,
      specialization: STRING,
      version: STRING,
      endorsementJwt: STRINGS,
    },
  },
  Result: {
    type: 'object',
    required: ['type'],
    properties: { type: typeList('Result'), status: { enum: RESULT_STATUS }, value: STRING },
  },
  // Section 3.5: either `id` or at least one `identifier` (the spec's schema leaves it to
  // verifiers). Without either the badge names no one; signed badges of that shape are in use
  // (the Digital Credentials Consortium's test credentials), so it is a note, and --recipient
  // fails on it.
  AchievementSubject: {
    type: 'object',
    required: ['type', 'achievement'],
    properties: {
      id: URI,
      type: typeList('AchievementSubject'),
      achievement: { $ref: '#/$defs/Achievement' },
      identifier: { type: 'array', minItems: 1, items: { $ref: '#/$defs/IdentityObject' } },
      result: { type: 'array', items: { $ref: '#/$defs/Result' } },
      narrative: STRING,
      image: { $ref: '#/$defs/Image' },
      source: { $ref: '#/$defs/Profile' },
      activityStartDate: DATE_TIME_Z,
      activityEndDate: DATE_TIME_Z,
      creditsEarned: { type: 'number' },
    },
    allOf: [
      {
        anyOf: [{ required: ['id'] }, { required: ['identifier'] }],
        [LENIENT]:
          'names no recipient: OB 3.0 section 3.5 asks for an id or an identifier, so no ' +
          'recipient can be checked',
      },
    ],
  },
  Evidence: {
    type: 'object',
    required: ['type'],
    properties: { id: URI, type: typeList('Evidence'), name: STRING, narrative: STRING },
  },
  Status: {
    type: 'object',
    required: ['type'],
    properties: { id: URI, type: STRING },
  },
  IdType: {
    type: 'object',
    required: ['id', 'type'],
    properties: { id: URI, type: STRING },
  },
};

/**
 * The schema for one data model: VCDM 2.0 (`validFrom`) or the VCDM 1.1 form still read for
 * pre-final OB 3.0 credentials (`issuanceDate`, section 3.1).
 */
export function credentialSchema(model: 'vcdm2' | 'vcdm1'): object {
  const v2 = model === 'vcdm2';
  const [from, until] = v2 ? ['validFrom', 'validUntil'] : ['issuanceDate', 'expirationDate'];
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `https://badgesmith.invalid/schemas/ob3-credential-${model}.json`,
    type: 'object',
    required: ['@context', 'id', 'type', 'issuer', from, 'credentialSubject'],
    properties: {
      '@context': {
        type: 'array',
        minItems: 2,
        items: [
          {
            const: v2
              ? 'https://www.w3.org/ns/credentials/v2'
              : 'https://www.w3.org/2018/credentials/v1',
          },
          {
            type: 'string',
            pattern:
              '^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$',
            ...(v2 ? { allOf: [CURRENT_OB_CONTEXT] } : {}),
          },
        ],
        additionalItems: { type: ['string', 'object'] },
      },
      id: URI,
      type: {
        type: 'array',
        items: STRING,
        allOf: [
          { contains: { const: 'VerifiableCredential' } },
          { contains: { enum: ['OpenBadgeCredential', 'AchievementCredential'] } },
        ],
      },
      // ProfileRef: a URI or a Profile object (section 3.2).
      issuer: { if: { type: 'string' }, then: URI, else: { $ref: '#/$defs/Profile' } },
      [from]: DATE_TIME_Z,
      [until]: DATE_TIME_Z,
      awardedDate: DATE_TIME_Z,
      name: STRING,
      description: STRING,
      image: { $ref: '#/$defs/Image' },
      credentialSubject: { $ref: '#/$defs/AchievementSubject' },
      evidence: { type: 'array', items: { $ref: '#/$defs/Evidence' } },
      credentialSchema: { type: 'array', items: { $ref: '#/$defs/IdType' } },
      credentialStatus: { $ref: '#/$defs/Status' },
      refreshService: { $ref: '#/$defs/IdType' },
      proof: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] },
      endorsementJwt: STRINGS,
    },
    $defs: defs,
  };
}
