/**
 * base58btc (the Bitcoin alphabet), as multibase prefix `z` uses it for did:key and Multikey
 * values (OB 3.0 section 4.3 notes; W3C Controlled Identifiers, Multikey).
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((char, i) => [char, i]));

/**
 * Encodes bytes as base58btc (no multibase prefix).
 *
 * @example base58btcEncode(Uint8Array.of(0, 1)) // '12'
 */
export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros += 1;
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)]! + out;
    value /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

/**
 * The longest text {@link base58btcDecode} takes: 256 characters hold 187 bytes, more than any key
 * or signature it is used for (a P-384 signature is 96 bytes, 131 characters). Decoding is
 * quadratic in the length, so a hostile megabyte-long proofValue must stop here, not hang.
 */
export const MAX_BASE58_CHARS = 256;

/**
 * Decodes base58btc text (no multibase prefix); `undefined` when a character is not base58 or
 * the text is longer than {@link MAX_BASE58_CHARS}.
 */
export function base58btcDecode(text: string): Uint8Array | undefined {
  if (text.length > MAX_BASE58_CHARS) return undefined;
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros += 1;
  let value = 0n;
  for (const char of text) {
    const digit = INDEX.get(char);
    if (digit === undefined) return undefined;
    value = value * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (value > 0n) {
    body.unshift(Number(value % 256n));
    value /= 256n;
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...body]);
}
