import { ECDH, type JsonWebKey } from 'node:crypto';
import { BadgesmithError } from '../errors.js';
import { base58btcDecode, base58btcEncode } from './base58.js';
import { keyKindOf } from './jwk.js';

// Multicodec prefixes, as unsigned varints: ed25519-pub is 0xed, p256-pub is 0x1200 (did:key
// method spec; the Multikey form in OB 3.0 section 4.3 uses the same 0xed01 prefix).
const ED25519_PREFIX = Uint8Array.of(0xed, 0x01);
const P256_PREFIX = Uint8Array.of(0x80, 0x24);

const DID_KEY = 'did:key:';

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The multibase value (`z` + base58btc) of a public key: the part after `did:key:`, also the
 * `publicKeyMultibase` of a Multikey. Ed25519 and P-256 (compressed point) only.
 */
export function multibaseFromPublicJwk(jwk: JsonWebKey): string {
  const kind = keyKindOf(jwk);
  if (kind === 'Ed25519' && typeof jwk.x === 'string') {
    const raw = Buffer.from(jwk.x, 'base64url');
    if (raw.length !== 32) throw badKey('an Ed25519 public key is 32 bytes');
    return `z${base58btcEncode(concat(ED25519_PREFIX, raw))}`;
  }
  if (kind === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    const x = Buffer.from(jwk.x, 'base64url');
    const y = Buffer.from(jwk.y, 'base64url');
    if (x.length !== 32 || y.length !== 32) throw badKey('a P-256 coordinate is 32 bytes');
    const sign = (y[31]! & 1) === 1 ? 0x03 : 0x02;
    const compressed = concat(Uint8Array.of(sign), x);
    return `z${base58btcEncode(concat(P256_PREFIX, compressed))}`;
  }
  throw new BadgesmithError(
    'ERR_KEY_UNSUPPORTED',
    `a did:key can hold an Ed25519 or P-256 key, not '${String(jwk.kty)}'`,
    {
      hint: 'for an RSA key, pass --issuer-id with an https or did:web issuer that publishes a jwks',
    },
  );
}

/**
 * The did:key of an Ed25519 or P-256 public key. RSA keys have no did:key here.
 *
 * @example didKeyFromPublicJwk({ kty: 'OKP', crv: 'Ed25519', x }) // 'did:key:z6Mk...'
 */
export function didKeyFromPublicJwk(jwk: JsonWebKey): string {
  return `${DID_KEY}${multibaseFromPublicJwk(jwk)}`;
}

/** Whether a string is a did:key DID or DID URL. */
export function isDidKey(value: string): boolean {
  return value.startsWith(DID_KEY);
}

/** The DID of a DID URL: everything before the first `#`, `?` or `/` after the method id. */
export function didOf(didUrl: string): string {
  const cut = didUrl.search(/[#?/]/u);
  return cut === -1 ? didUrl : didUrl.slice(0, cut);
}

/**
 * The public JWK a did:key names; takes a bare DID or a DID URL (`did:key:z…#z…`).
 *
 * @example publicJwkFromDidKey('did:key:z6Mk...#z6Mk...') // { kty: 'OKP', crv: 'Ed25519', x }
 */
export function publicJwkFromDidKey(didOrDidUrl: string): JsonWebKey {
  const did = didOf(didOrDidUrl);
  if (!isDidKey(did)) throw badKey(`'${didOrDidUrl}' is not a did:key`);
  const value = did.slice(DID_KEY.length);
  const bytes = value.startsWith('z') ? base58btcDecode(value.slice(1)) : undefined;
  if (bytes === undefined) throw badKey(`'${didOrDidUrl}' is not a base58btc multibase did:key`);
  if (startsWith(bytes, ED25519_PREFIX) && bytes.length === 34) {
    const x = Buffer.from(bytes.subarray(2)).toString('base64url');
    return { kty: 'OKP', crv: 'Ed25519', x };
  }
  if (startsWith(bytes, P256_PREFIX) && bytes.length === 35) {
    let point: Buffer;
    try {
      point = ECDH.convertKey(
        bytes.subarray(2),
        'prime256v1',
        undefined,
        undefined,
        'uncompressed',
      ) as Buffer;
    } catch (error) {
      throw badKey(`'${didOrDidUrl}' does not hold a point on P-256`, error);
    }
    return {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    };
  }
  throw new BadgesmithError(
    'ERR_KEY_UNSUPPORTED',
    `'${didOrDidUrl}' holds a key type not read here`,
    {
      hint: 'badgesmith reads Ed25519 (z6Mk…) and P-256 (zDn…) did:key values',
    },
  );
}

function badKey(message: string, cause?: unknown): BadgesmithError {
  return new BadgesmithError('ERR_KEY_INVALID', message, {
    hint: 'check the did:key or key file; it may be truncated or mistyped',
    cause,
  });
}
