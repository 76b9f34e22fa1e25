import { readFileSync } from 'node:fs';

/** The version in our own package.json, read once at start-up. */
export function readOwnVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
  return parsed.version ?? '0.0.0';
}
