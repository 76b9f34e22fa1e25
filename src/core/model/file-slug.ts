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
  return slug === '' ? fallback : slug;
}
