import { nameBasedUrn } from './uuid.js';
import type { Achievement, Alignment } from './types.js';

/** One alignment as written in an achievement YAML: an OB 3.0 Alignment without its `type`. */
export type AlignmentSpec = Omit<Alignment, 'type'>;

/**
 * An achievement as written in `achievements/<slug>.yaml` (see `schemas/achievement.schema.json`).
 * `image` and `template` are badgesmith's own: they say how to draw the badge and are not copied
 * into the credential. `level` is a label for the issuer's own records, used by nothing and not
 * copied (OB 3.0 Achievement has no level). `requires` is refused when the file is loaded:
 * stacking is not supported yet.
 */
export interface AchievementSpec {
  id?: string;
  name: string;
  description: string;
  criteria: { narrative?: string; url?: string };
  image?: string;
  imageUrl?: string;
  template?: string;
  achievementType?: string;
  tags?: string[];
  alignment?: AlignmentSpec[];
  level?: number | string;
  language?: string;
  validFor?: string;
  requires?: string[];
  humanCode?: string;
  fieldOfStudy?: string;
  specialization?: string;
  version?: string;
  creditsAvailable?: number;
}

/**
 * The stable id of an achievement that has no `id` in its YAML: a name-based (version 5) UUID in
 * the RFC 4122 URL namespace over `<issuer id>/achievements/<slug>`. The same issuer and file slug
 * always give the same id, so credentials issued on different days name the same achievement.
 *
 * @example achievementIdFor('did:web:example.org', 'intro-workshop') // 'urn:uuid:…'
 */
export function achievementIdFor(issuerId: string, slug: string): string {
  return nameBasedUrn(`${issuerId}/achievements/${slug}`);
}

function buildAlignment(spec: AlignmentSpec): Alignment {
  return { type: ['Alignment'], ...spec };
}

/**
 * The OB 3.0 Achievement object for a credential (OB 3.0 section 3.4): `id`, `type`, `name`,
 * `description` and `criteria` always; optional fields only when the YAML gives them, and never
 * as empty arrays.
 *
 * @example buildAchievement(spec, { issuerId: 'did:web:example.org', slug: 'intro' }).type // ['Achievement']
 */
export function buildAchievement(
  spec: AchievementSpec,
  where: { issuerId: string; slug: string },
): Achievement {
  const criteria: Achievement['criteria'] = {};
  if (spec.criteria.url !== undefined) criteria.id = spec.criteria.url;
  if (spec.criteria.narrative !== undefined) criteria.narrative = spec.criteria.narrative;
  const achievement: Achievement = {
    id: spec.id ?? achievementIdFor(where.issuerId, where.slug),
    type: ['Achievement'],
    name: spec.name,
    description: spec.description,
    criteria,
  };
  if (spec.achievementType !== undefined) achievement.achievementType = spec.achievementType;
  if (spec.imageUrl !== undefined) achievement.image = { id: spec.imageUrl, type: 'Image' };
  if (spec.tags !== undefined && spec.tags.length > 0) achievement.tag = [...spec.tags];
  if (spec.alignment !== undefined && spec.alignment.length > 0) {
    achievement.alignment = spec.alignment.map(buildAlignment);
  }
  if (spec.language !== undefined) achievement.inLanguage = spec.language;
  if (spec.humanCode !== undefined) achievement.humanCode = spec.humanCode;
  if (spec.fieldOfStudy !== undefined) achievement.fieldOfStudy = spec.fieldOfStudy;
  if (spec.specialization !== undefined) achievement.specialization = spec.specialization;
  if (spec.version !== undefined) achievement.version = spec.version;
  if (spec.creditsAvailable !== undefined) achievement.creditsAvailable = spec.creditsAvailable;
  return achievement;
}
