/** Small operations on 8-bit RGBA pixel rows (not premultiplied), for the personal-image path. */

/** A run of whole pixel rows. */
export interface RowSpan {
  top: number;
  rows: number;
}

/** The rows of an RGBA image `width` pixels wide that have any pixel not fully transparent. */
export function inkRows(data: Uint8Array, width: number): RowSpan | undefined {
  const stride = width * 4;
  let first = -1;
  let last = -1;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] === 0) continue;
    const row = Math.floor(i / stride);
    if (first === -1) first = row;
    last = row;
    // The rest of this row cannot change the answer.
    i = (row + 1) * stride - 1;
  }
  return first === -1 ? undefined : { top: first, rows: last - first + 1 };
}

/** The largest difference of one channel between two images of the same size. */
export function maxDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return 255;
  let most = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d > most) most = d;
  }
  return most;
}

/** Whether any pixel of the first or last column of an RGBA image is not fully transparent. */
export function inksSideColumns(data: Uint8Array, width: number): boolean {
  const stride = width * 4;
  for (let row = 0; row < data.length; row += stride) {
    if (data[row + 3] !== 0 || data[row + stride - 1] !== 0) return true;
  }
  return false;
}

/** Whether any pixel of row `row` of an RGBA image `width` pixels wide is not fully transparent. */
export function inksRow(data: Uint8Array, width: number, row: number): boolean {
  const stride = width * 4;
  const end = Math.min(data.length, (row + 1) * stride);
  for (let i = row * stride + 3; i < end; i += 4) if (data[i] !== 0) return true;
  return false;
}

/**
 * Whether an RGBA image inks any of its four edges: the first or last column, the first or last
 * row; a layer drawn alone that does has something cut off there.
 */
export function inksEdges(data: Uint8Array, width: number): boolean {
  const last = data.length / (width * 4) - 1;
  return inksSideColumns(data, width) || inksRow(data, width, 0) || inksRow(data, width, last);
}
