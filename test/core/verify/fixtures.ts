import type { JsonWebKey } from 'node:crypto';
import sharp from 'sharp';
import { bakeImage, extractBadge } from '../../../src/core/bake/index.js';
import { generateKeyPair, type SigningAlg } from '../../../src/core/keys/generate.js';
import { buildJwks } from '../../../src/core/keys/publish.js';
import { kidFor, loadSigningKey, type SigningKey } from '../../../src/core/keys/signing-key.js';
import { buildCredential } from '../../../src/core/model/credential.js';
import type { OpenBadgeCredential } from '../../../src/core/model/types.js';
import { signCredentialJwt } from '../../../src/core/proof/jwt.js';
import { verifyExtracted, type VerificationReport } from '../../../src/core/verify/index.js';
import { trustEntryFromJson, type TrustSet } from '../../../src/core/verify/trust.js';

/** The clock of these tests: the credentials below are issued on 2025-03-01. */
export const NOW = new Date('2025-06-01T12:00:00Z');
export const ISSUED = new Date('2025-03-01T09:30:00Z');
export const EMAIL = 'ada.lovelace@example.org';

/** An issuer with one key, its signing key and a trust set holding its JWKS. */
export interface TestIssuer {
  issuerId: string;
  key: SigningKey;
  publicJwk: JsonWebKey;
  trust: TrustSet;
}

export function makeIssuer(
  alg: SigningAlg,
  issuerId = 'https://example.org/issuers/1',
): TestIssuer {
  const { privateJwk, publicJwk } = generateKeyPair(alg);
  const kid = kidFor(issuerId, publicJwk);
  const key = loadSigningKey(privateJwk, alg, kid);
  const jwks = buildJwks(issuerId, [{ publicJwk, kid, alg }]);
  return { issuerId, key, publicJwk, trust: { entries: [trustEntryFromJson(jwks, 'jwks.json')] } };
}

export function credentialFor(
  issuerId: string,
  extra: Partial<OpenBadgeCredential> = {},
): OpenBadgeCredential {
  const base = buildCredential({
    issuer: { id: issuerId, type: ['Profile'], name: 'Example College' },
    achievement: {
      id: 'https://example.org/achievements/welding-1',
      type: ['Achievement'],
      name: 'Welding 1 — Café ®',
      description: 'Safe MIG welding of mild steel.',
      criteria: { narrative: 'Pass the practical test.' },
    },
    recipient: { email: EMAIL },
    issued: ISSUED,
    id: 'urn:uuid:5e9a3f1c-2b7d-4c8e-9f10-a1b2c3d4e5f6',
    salt: 'pepper',
  });
  return { ...base, ...extra };
}

export function signFor(
  issuer: TestIssuer,
  extra: Partial<OpenBadgeCredential> = {},
): Promise<string> {
  return signCredentialJwt(credentialFor(issuer.issuerId, extra), issuer.key);
}

/** A plain 8×8 PNG, made fresh (no shared files). */
export function basePng(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 4, background: '#3366cc' } })
    .png()
    .toBuffer();
}

export const BASE_SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#36c"/></svg>\n';

/** Verifies a bare payload (a JWT or credential JSON text), as a `.jwt`/`.json` file would be. */
export function verifyText(
  text: string,
  trust: TrustSet,
  options: { now?: Date; recipient?: string; leewaySeconds?: number } = {},
): Promise<VerificationReport> {
  return verifyExtracted({
    extracted: extractBadge(Buffer.from(text, 'utf8')),
    trust,
    now: options.now ?? NOW,
    ...(options.recipient === undefined ? {} : { recipient: options.recipient }),
    ...(options.leewaySeconds === undefined ? {} : { leewaySeconds: options.leewaySeconds }),
  });
}

/** Bakes a payload into an image and verifies the baked bytes. */
export function verifyBaked(
  image: Uint8Array,
  payload: string,
  trust: TrustSet,
): Promise<VerificationReport> {
  const baked = bakeImage(image, payload);
  return verifyExtracted({ extracted: extractBadge(baked.bytes), trust, now: NOW });
}

/** `{name: outcome}` of a report, for exact comparisons. */
export function outcomes(report: VerificationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.name, check.outcome]));
}

/** The names of the failed checks. */
export function failed(report: VerificationReport): string[] {
  return report.checks.filter((check) => check.outcome === 'failed').map((check) => check.name);
}

/** Builds a compact JWS by hand (for tokens our signer would never make). */
export function rawJws(header: object, payload: object, signature = ''): string {
  const encode = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${signature}`;
}
