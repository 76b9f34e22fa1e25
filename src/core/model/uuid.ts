import { hash } from 'node:crypto';

// RFC 4122 section 4.3 name-based UUIDs need a namespace; this is the predefined URL namespace.
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

/**
 * A name-based (version 5, SHA-1) `urn:uuid` in the RFC 4122 URL namespace: the same name always
 * gives the same id.
 *
 * @example nameBasedUrn('did:web:example.org/achievements/intro') // 'urn:uuid:…-5…'
 */
export function nameBasedUrn(name: string): string {
  // One-shot hash(): a batch makes one id a row, and a Hash object costs more than the digest.
  const bytes = hash('sha1', Buffer.concat([URL_NAMESPACE, Buffer.from(name, 'utf8')]), 'buffer');
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex', 0, 16);
  const parts = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return `urn:uuid:${parts.join('-')}-${hex.slice(20)}`;
}
