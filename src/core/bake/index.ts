/** Baking credentials into PNG and SVG badge images, and reading them back (notes section 1). */
export type { BakePayload, ExtractedBadge, ExtractResult, ImageKind } from './types.js';
export { sniffImage } from './sniff.js';
export { payloadOf } from './payload.js';
export { bakePng, preparePng, type PreparedPng } from './png-bake.js';
export { bakeSvg } from './svg-bake.js';
export { bakeImage, prepareImage, type BakedImage, type PreparedImage } from './bake-image.js';
export { extractBadge } from './extract.js';
export { extractPng } from './png-extract.js';
export { extractSvg } from './svg-extract.js';
export { crc32 } from './crc32.js';
export { readPngChunks, type PngChunk } from './png-chunks.js';
