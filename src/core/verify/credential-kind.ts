/**
 * Which kind of verifiable document a payload is, from its `type`. Each kind gets the checks
 * that apply to it: an Open Badge its OB 3.0 schema and recipient step, an EndorsementCredential
 * the badge algorithm without the recipient (OB 3.0 section 5.2), a CLR 2.0 ClrCredential, and a
 * plain W3C credential or presentation only the VCDM 2.0 base shape.
 */

/** The kinds badgesmith tells apart after OB 2.0 has been ruled out. */
export type CredentialKind = 'ob3' | 'endorsement' | 'clr' | 'vc' | 'vp';

function typesOf(doc: Record<string, unknown>): unknown[] {
  return Array.isArray(doc.type) ? doc.type : [doc.type];
}

/** The kind of a document, or `undefined` when it is neither a VC nor a VP. */
export function kindOf(doc: Record<string, unknown>): CredentialKind | undefined {
  const types = typesOf(doc);
  if (types.includes('VerifiablePresentation')) return 'vp';
  if (!types.includes('VerifiableCredential')) return undefined;
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')) {
    return 'ob3';
  }
  if (types.includes('EndorsementCredential')) return 'endorsement';
  if (types.includes('ClrCredential')) return 'clr';
  return 'vc';
}

/** How a report names each kind; a plain VC or VP says plainly that it is not an Open Badge. */
export const KIND_LABEL: Record<CredentialKind, string> = {
  ob3: 'OB 3.0 credential',
  endorsement: 'OB 3.0 EndorsementCredential',
  clr: 'CLR 2.0 ClrCredential',
  vc: 'W3C verifiable credential (not an Open Badge)',
  vp: 'W3C verifiable presentation (not an Open Badge)',
};
