/** Shapes of the Open Badges 3.0 documents badgesmith writes (OB 3.0 section 3). */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ImageRef {
  id: string;
  type: 'Image';
  caption?: string;
}

/** An issuer Profile, embedded in every credential (OB 3.0 section 3.3). */
export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: ImageRef;
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: string;
  hashed: boolean;
  salt?: string;
}

export interface Criteria {
  id?: string;
  narrative?: string;
}

export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetType?: string;
}

export interface Achievement {
  id: string;
  type: ['Achievement'];
  name: string;
  description: string;
  criteria: Criteria;
  achievementType?: string;
  image?: ImageRef;
  tag?: string[];
  alignment?: Alignment[];
  inLanguage?: string;
  humanCode?: string;
  fieldOfStudy?: string;
  version?: string;
  [extra: string]: unknown;
}

export interface AchievementSubject {
  type: ['AchievementSubject'];
  id?: string;
  name?: string;
  identifier?: IdentityObject[];
  achievement: Achievement;
  narrative?: string;
  result?: { type: ['Result']; value?: string; status?: string }[];
}

export interface Evidence {
  type: ['Evidence'];
  id?: string;
  name?: string;
  narrative?: string;
}

/** A VCDM 2.0 OpenBadgeCredential as badgesmith issues it (unsigned). */
export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name?: string;
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  credentialSubject: AchievementSubject;
  evidence?: Evidence[];
  credentialSchema?: { id: string; type: string }[];
  [extra: string]: unknown;
}
