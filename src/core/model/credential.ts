import { randomUUID } from 'node:crypto';
import { addDuration, toDateTimeZ } from './dates.js';
import { hashedEmailIdentity, hashIdentity, newSalt } from './identity.js';
import type {
  Achievement,
  AchievementSubject,
  Evidence,
  IdentityObject,
  IssuerProfile,
  OpenBadgeCredential,
} from './types.js';

/**
 * The `@context` badgesmith writes, in this order (OB 3.0 section 3.1): VCDM 2.0, the OB 3.0.3
 * context, then the 1EdTech extensions context because every credential carries a
 * `credentialSchema` of type `1EdTechJsonSchemaValidator2019`, a term only that context defines.
 */
export const CREDENTIAL_CONTEXT: readonly string[] = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
];

/** The OB 3.0 JSON Schema entry of `credentialSchema` (OB 3.0 section 3.2). */
export const OB_CREDENTIAL_SCHEMA = {
  id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
  type: '1EdTechJsonSchemaValidator2019',
} as const;

/** Everything one credential is built from; per-row fields come from a roster. */
export interface CredentialInput {
  issuer: IssuerProfile;
  achievement: Achievement;
  /** The earner: an e-mail, an identifier (a DID or URL becomes the subject id), or both. */
  recipient: { email?: string; identifier?: string; name?: string };
  /** A BCP 47 language tag for this credential's achievement (OB 3.0 Achievement.inLanguage). */
  language?: string;
  issued: Date;
  /** An ISO 8601 duration (`P1Y`); sets `validUntil`. */
  validFor?: string;
  /** Write `credentialSubject.name` in plain text (see `IssuerConfig.defaults.recipientName`). */
  includeName?: boolean;
  /** A URL (becomes the Evidence id) or a text (becomes its narrative). */
  evidence?: string;
  narrative?: string;
  result?: string;
  /** Defaults to a random `urn:uuid`. */
  id?: string;
  /** Defaults to a random salt; pass one for reproducible output in tests. */
  salt?: string;
}

/** A fresh credential id: a random (version 4) `urn:uuid`. */
export function newCredentialId(): string {
  return `urn:uuid:${randomUUID()}`;
}

function buildEvidence(text: string): Evidence {
  return /^https?:\/\//u.test(text)
    ? { type: ['Evidence'], id: text }
    : { type: ['Evidence'], narrative: text };
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Builds an unsigned VCDM 2.0 OpenBadgeCredential (OB 3.0 sections 3.2-3.6). The earner is named
 * by a salted, hashed `emailAddress` IdentityObject, never by the e-mail itself. Multi-valued
 * properties are arrays; absent values are left out, never null or empty.
 *
 * @example
 * ```ts
 * const vc = buildCredential({ issuer, achievement, recipient: { email: 'ada@example.org' },
 *   issued: new Date('2025-06-01T00:00:00Z') });
 * vc.validFrom; // '2025-06-01T00:00:00Z'
 * ```
 */
export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  const salt = input.salt ?? newSalt();
  const email = nonBlank(input.recipient.email);
  const other = nonBlank(input.recipient.identifier);
  const identifiers: IdentityObject[] = [];
  if (email !== undefined) identifiers.push(hashedEmailIdentity(email, salt));
  // A DID or URL names the earner directly (VCDM 2.0 credentialSubject.id); any other identifier
  // is hashed like an e-mail, as an IdentityObject of type `identifier` (OB 3.0 section 3.6).
  const subjectId =
    other !== undefined && /^(did:|https?:\/\/)\S+$/u.test(other) ? other : undefined;
  if (other !== undefined && subjectId === undefined) {
    identifiers.push({
      type: 'IdentityObject',
      identityHash: hashIdentity(other, salt),
      identityType: 'identifier',
      hashed: true,
      salt,
    });
  }
  const language = nonBlank(input.language);
  const subject: AchievementSubject = {
    type: ['AchievementSubject'],
    ...(subjectId === undefined ? {} : { id: subjectId }),
    ...(identifiers.length === 0 ? {} : { identifier: identifiers }),
    achievement:
      language === undefined ? input.achievement : { ...input.achievement, inLanguage: language },
  };
  const name = nonBlank(input.recipient.name);
  if (input.includeName === true && name !== undefined) subject.name = name;
  const narrative = nonBlank(input.narrative);
  if (narrative !== undefined) subject.narrative = narrative;
  const result = nonBlank(input.result);
  if (result !== undefined) subject.result = [{ type: ['Result'], value: result }];

  const credential: OpenBadgeCredential = {
    '@context': [...CREDENTIAL_CONTEXT],
    id: input.id ?? newCredentialId(),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.achievement.name,
    issuer: input.issuer,
    validFrom: toDateTimeZ(input.issued),
    credentialSubject: subject,
  };
  if (input.validFor !== undefined) {
    const until = addDuration(input.issued, input.validFor);
    if (until !== undefined) credential.validUntil = toDateTimeZ(until);
  }
  const evidence = nonBlank(input.evidence);
  if (evidence !== undefined) credential.evidence = [buildEvidence(evidence)];
  credential.credentialSchema = [{ ...OB_CREDENTIAL_SCHEMA }];
  return credential;
}
