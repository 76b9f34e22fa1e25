/**
 * Reading a credential out of a PNG (notes 1.1 and 1.3). Read leniently, warn for each leniency:
 * OB 3.0 iTXt `openbadgecredential` first, then OB 2.0 `openbadges` (iTXt, or the legacy tEXt
 * that holds a URL); compressed text is inflated with a cap. A CRC mismatch anywhere is a
 * precise ERR_PNG_CRC (shared case06), not a warning: a damaged file is re-exported, not guessed.
 */
import { OB2_PNG_KEYWORD, OB3_PNG_KEYWORD } from './constants.js';
import { payloadKindOf, specOfText } from './payload.js';
import { readPngChunks, type PngChunk } from './png-chunks.js';
import { decodeTextChunk, textChunkKeyword } from './png-text.js';
import type { ExtractedBadge, ExtractResult } from './types.js';

interface Candidate {
  chunk: PngChunk;
  keyword: string;
  rank: number;
}

/** Lower is preferred: OB 3.0 iTXt, then OB 2.0 iTXt/zTXt, then the legacy OB 2.0 tEXt. */
function rankOf(type: string, keyword: string): number | undefined {
  if (keyword === OB3_PNG_KEYWORD && type === 'iTXt') return 0;
  if (keyword === OB2_PNG_KEYWORD && type !== 'tEXt') return 1;
  if (keyword === OB2_PNG_KEYWORD) return 2;
  return undefined;
}

/** A keyword close to ours that is not ours (case variants, `openbadge`, a tEXt for OB 3.0). */
function nearMissHint(chunk: PngChunk, keyword: string): string | undefined {
  const folded = keyword.trim().toLowerCase();
  const ours = `'${OB3_PNG_KEYWORD}' (OB 3.0, iTXt) or '${OB2_PNG_KEYWORD}' (OB 2.0)`;
  if (keyword === OB3_PNG_KEYWORD) {
    return `the ${chunk.type} chunk at byte offset ${chunk.offset} has the keyword '${keyword}', but OB 3.0 bakes into iTXt only; bake the credential again`;
  }
  if (folded.startsWith('openbadge') || folded.startsWith('open badge')) {
    return `the ${chunk.type} chunk at byte offset ${chunk.offset} has the keyword '${keyword}'; badges use ${ours}`;
  }
  return undefined;
}

/**
 * Extracts the credential baked into a PNG. Never throws for an unbaked image; throws
 * BadgesmithError (ERR_PNG_MALFORMED, ERR_PNG_CRC, ERR_IMAGE_TOO_LARGE) for a damaged one.
 */
export function extractPng(bytes: Uint8Array): ExtractResult {
  const candidates: Candidate[] = [];
  const hints: string[] = [];
  for (const chunk of readPngChunks(bytes)) {
    const keyword = textChunkKeyword(chunk);
    if (keyword === undefined) continue;
    const rank = rankOf(chunk.type, keyword);
    if (rank !== undefined) {
      candidates.push({ chunk, keyword, rank });
      continue;
    }
    const hint = nearMissHint(chunk, keyword);
    if (hint !== undefined) hints.push(hint);
  }
  const best = candidates.reduce<Candidate | undefined>(
    (a, b) => (a === undefined || b.rank < a.rank ? b : a),
    undefined,
  );
  if (best === undefined) {
    return {
      found: false,
      reason: 'the png has no openbadgecredential or openbadges chunk',
      hints,
    };
  }
  return {
    found: true,
    badge: readCandidate(best, candidates.length - 1),
    others: candidates.length - 1,
  };
}

function readCandidate(candidate: Candidate, others: number): ExtractedBadge {
  const { chunk, keyword } = candidate;
  const { text, warnings } = decodeTextChunk(chunk);
  const container = keyword === OB3_PNG_KEYWORD ? 'ob3' : 'ob2';
  const spec = specOfText(text);
  if (chunk.type === 'tEXt') {
    warnings.push(`read the legacy tEXt chunk '${keyword}' (pre-2013 OB baking, a hosted URL)`);
  }
  if (container === 'ob2' && spec === 'ob3') {
    warnings.push(`an OB 3.0 credential is stored under the OB 2.0 keyword '${keyword}'`);
  }
  if (container === 'ob3' && spec === 'ob2') {
    warnings.push(`an OB 2.0 assertion is stored under the OB 3.0 keyword '${keyword}'`);
  }
  if (others > 0) {
    warnings.push(
      `the png holds ${others + 1} credential chunks; only the ${chunk.type} '${keyword}' one at byte offset ${chunk.offset} was read`,
    );
  }
  return {
    container: 'png',
    location: `PNG ${chunk.type} chunk '${keyword}'`,
    spec: spec === 'unknown' ? container : spec,
    payload: text,
    payloadKind: payloadKindOf(text),
    warnings,
  };
}
