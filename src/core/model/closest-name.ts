/**
 * "Did you mean": the known name closest to a misspelt one, for YAML keys and roster headers
 * alike, so both suggest by the same rule.
 */

/** Edit distance (insertions, deletions, substitutions); both strings are short names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `word`, case aside, when it is at most two edits away (a swapped
 * pair of letters is two); the first of equally close ones; undefined when none is that close.
 *
 * @example closestName('emial', ['name', 'email']) // 'email'
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const folded = word.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = distance(folded, name.toLowerCase());
    if (d <= 2 && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}
