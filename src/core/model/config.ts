import type { IssuerProfile } from './types.js';

/** Signing algorithms badgesmith issues with (kept in step with `src/core/keys`). */
export type ConfigAlg = 'EdDSA' | 'ES256' | 'RS256';

/** What `issue` writes for each earner: a baked PNG, a baked SVG, or both. */
export type OutputFormat = 'png' | 'svg' | 'both';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['png', 'svg', 'both'];

/**
 * The contents of `badgesmith.yaml` (see `schemas/config.schema.json`). Paths are relative to
 * the folder the file is in.
 */
export interface IssuerConfig {
  issuer: {
    id: string;
    name: string;
    url?: string;
    email?: string;
    description?: string;
    /** A URL (https or data:) of the issuer's logo; OB 3.0 Profile.image. */
    image?: string;
  };
  keys: {
    private: string;
    kid?: string;
  };
  defaults: {
    alg: ConfigAlg;
    format: OutputFormat;
    output: string;
    /** `jwt`: a VC-JWT; `di`: an embedded Data Integrity proof (eddsa-rdfc-2022, Ed25519). */
    proof: 'jwt' | 'di';
    /**
     * Whether to write the earner's name as plain text in `credentialSubject.name`. Off by
     * default: OB 3.0 identifies the earner by a hashed identifier (section 3.6), and the name is
     * already drawn on the personal image.
     */
    recipientName: boolean;
  };
  /** How `issue --roster` reads this issuer's rosters. */
  roster?: {
    /** Roster field to the header that holds it, e.g. `email: E-mail Address`. */
    map?: Record<string, string>;
    /** Headers of columns that hold other data, as `--ignore-column` (absent ones are fine). */
    ignore?: string[];
  };
}

/** The defaults `init` writes and `issue` falls back to. */
export const CONFIG_DEFAULTS: IssuerConfig['defaults'] = {
  alg: 'ES256',
  format: 'png',
  output: 'out',
  proof: 'jwt',
  recipientName: false,
};

/**
 * The issuer Profile embedded in every credential (OB 3.0 section 3.3; always an object, since
 * 1EdTech's validator fails a string issuer).
 *
 * @example issuerProfileFrom(config).type // ['Profile']
 */
export function issuerProfileFrom(config: IssuerConfig): IssuerProfile {
  const { issuer } = config;
  const profile: IssuerProfile = { id: issuer.id, type: ['Profile'], name: issuer.name };
  if (issuer.url !== undefined) profile.url = issuer.url;
  if (issuer.email !== undefined) profile.email = issuer.email;
  if (issuer.description !== undefined) profile.description = issuer.description;
  if (issuer.image !== undefined) profile.image = { id: issuer.image, type: 'Image' };
  return profile;
}

/** The issuer ids badgesmith writes: a did:web, a did:key, or an https URL (as the schema). */
const ISSUER_ID = /^(did:(web|key):\S+|https:\/\/\S+)$/u;

/**
 * Whether `id` can be an issuer id: `did:web:…`, `did:key:…` or `https://…`, with no spaces
 * (OB 3.0 Profile.id is a URI; badgesmith resolves these three).
 *
 * @example isIssuerId('foo') // false
 */
export function isIssuerId(id: string): boolean {
  return ISSUER_ID.test(id);
}
