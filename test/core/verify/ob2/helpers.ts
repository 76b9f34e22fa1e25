import { createSign } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBadge } from '../../../../src/core/bake/index.js';
import { verifyExtracted, type VerificationReport } from '../../../../src/core/verify/index.js';
import {
  ob2DocumentsFromEntries,
  type Ob2Documents,
} from '../../../../src/core/verify/ob2/index.js';
import { sharedPath } from '../../../helpers/shared.js';

/** The clock the shared manifest's verdicts were evaluated at. */
export const MANIFEST_NOW = new Date('2026-12-04T00:00:00Z');

/**
 * The MANIFEST's hosted-resource rule, as data: each file NAME of a folder is served at
 * https://example.org/NAME, https://www.example.org/NAME and http://example.org/NAME.
 */
export function hostedEntries(folder: string): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const name of readdirSync(folder)) {
    if (!name.endsWith('.json')) continue;
    const value: unknown = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    for (const base of [
      'https://example.org/',
      'https://www.example.org/',
      'http://example.org/',
    ]) {
      entries.push([`${base}${name}`, value]);
    }
  }
  return entries;
}

export function realHosted(extra: [string, unknown][] = []): Ob2Documents {
  const folder = sharedPath('fixtures', 'real', 'keys', 'ob2-hosted');
  return ob2DocumentsFromEntries('ob2-hosted', [...hostedEntries(folder), ...extra]);
}

export function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8'));
}

export interface RunOptions {
  documents?: Ob2Documents;
  now?: Date;
  recipient?: string;
}

export function verifyBytes(
  bytes: Uint8Array,
  options: RunOptions = {},
): Promise<VerificationReport> {
  return verifyExtracted({
    extracted: extractBadge(bytes),
    trust: { entries: [] },
    now: options.now ?? MANIFEST_NOW,
    ...(options.documents === undefined ? {} : { ob2Documents: options.documents }),
    ...(options.recipient === undefined ? {} : { recipient: options.recipient }),
  });
}

export function verifyJson(doc: unknown, options: RunOptions = {}): Promise<VerificationReport> {
  return verifyBytes(Buffer.from(JSON.stringify(doc)), options);
}

/** Signs an OB 2.0 assertion as a compact JWS (RS256), the way OB 2.0 issuers did. */
export function signOb2(
  assertion: object,
  privatePem: string,
  header: object = { alg: 'RS256', typ: 'JWT' },
): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(assertion)).toString('base64url')}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privatePem).toString('base64url');
  return `${input}.${signature}`;
}

export function outcomes(report: VerificationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.name, c.outcome]));
}

export function message(report: VerificationReport, name: string): string | undefined {
  return report.checks.find((c) => c.name === name)?.message;
}
