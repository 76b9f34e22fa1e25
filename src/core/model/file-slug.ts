// Latin letters that Unicode does not decompose into a base letter plus marks.
const FOLDS: Record<string, string> = {
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ß: 'ss',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ð: 'd',
  Ð: 'd',
  ı: 'i',
};

/**
 * A safe file-name stem from an earner's name: accents folded to ASCII, anything but letters and
 * digits turned into `-`, at most 40 characters. The result never contains a path separator or
 * `..`, so a roster cannot write outside the output folder.
 *
 * @example safeSlug('Zoë O\'Brien 🎉') // 'zoe-o-brien'
 */
export function safeSlug(name: string, fallback = 'badge'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[øØæÆœŒßđĐłŁþÞðÐı]/gu, (letter) => FOLDS[letter] ?? '')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40)
    .replace(/-+$/u, '');
  if (slug === '') return fallback;
  return WINDOWS_RESERVED.test(slug) ? `${slug}-${fallback}` : slug;
}

// Names Windows refuses for a file whatever the extension (CON, NUL.png, COM1...).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/u;

/**
 * The file stem of one credential: `<slug>-<first 8 hex of its id>`. When that stem is already
 * `taken` by another row, more of the id is used (12, 16, then all 32 hex digits), so two rows
 * never share a file and the same row always gets the same name.
 *
 * @example fileStem('Ada Lovelace', 'urn:uuid:0b6f…', new Set()) // 'ada-lovelace-0b6f1c2d'
 */
export function fileStem(
  name: string,
  credentialId: string,
  taken: Pick<ReadonlySet<string>, 'has'>,
): string {
  const hex = credentialId.replace(/^urn:uuid:/u, '').replace(/[^0-9a-f]/giu, '');
  const slug = safeSlug(name);
  for (const length of [8, 12, 16]) {
    const stem = `${slug}-${hex.slice(0, length)}`;
    if (!taken.has(stem)) return stem;
  }
  return `${slug}-${hex}`;
}
