/** The literal values of baking (OPEN-BADGES-NOTES section 1; ob-constants.json `baking`). */

/** OB 3.0 PNG: the iTXt keyword (section 1.1). */
export const OB3_PNG_KEYWORD = 'openbadgecredential';
/** OB 2.0 PNG: the iTXt keyword, and the legacy tEXt one (section 1.3). */
export const OB2_PNG_KEYWORD = 'openbadges';

/** OB 3.0 SVG: namespace, element and prefix (section 1.2); note there is no `/spec/`. */
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
export const OB3_SVG_ELEMENT = 'credential';
export const OB3_SVG_PREFIX = 'openbadges';
/** OB 2.0 SVG: namespace and element (section 1.3). */
export const OB2_SVG_NAMESPACE = 'http://openbadges.org';
export const OB2_SVG_ELEMENT = 'assertion';

/** The largest credential text we take from one chunk or element (after any inflation). */
export const MAX_CREDENTIAL_TEXT_BYTES = 8 * 1024 * 1024;

/** The OB 3.0 `CompactJws` pattern (section 1.1, "Extracting"). */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/;
