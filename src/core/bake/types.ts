/** The shapes that baking and extraction hand to the rest of badgesmith. */

/** An image format we bake into and read from. */
export type ImageKind = 'png' | 'svg';

/** A credential text to bake, and its kind: a compact JWS (VC-JWT) or credential JSON. */
export interface BakePayload {
  kind: 'jwt' | 'json';
  text: string;
}

/** What was found baked into a file (or the file itself, for a bare credential). */
export interface ExtractedBadge {
  /** `json` / `jwt`: a bare credential file, not an image. */
  container: 'png' | 'svg' | 'json' | 'jwt';
  /** Where it was, in words, e.g. "PNG iTXt chunk 'openbadgecredential'". */
  location: string;
  spec: 'ob3' | 'ob2' | 'unknown';
  /** The text exactly as stored: JSON text, compact JWS, or URL. */
  payload: string;
  payloadKind: 'jwt' | 'json' | 'url' | 'unknown';
  /** Each leniency applied while reading, in words. */
  warnings: string[];
}

/** The outcome of {@link extractBadge}: `others` counts further credential chunks or elements. */
export type ExtractResult =
  | { found: true; badge: ExtractedBadge; others: number }
  | { found: false; reason: string; hints: string[] };
