import { describe, expect, it } from 'vitest';
import { hashIdentity, newSalt } from '../../../src/core/model/identity.js';

describe('newSalt', () => {
  it('gives 16 random bytes as hex, never the same twice across refills of its pool', () => {
    // 1,000 salts: the pool holds 256, so this crosses three refills.
    const salts = Array.from({ length: 1000 }, () => newSalt());
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/u);
    expect(new Set(salts).size).toBe(1000);
  });
});

describe('hashIdentity', () => {
  it('is sha256$ and the hex SHA-256 of UTF-8(identifier) then UTF-8(salt) (OB 3.0 §3.6)', () => {
    // `printf %s 'ada@example.orgpepper' | sha256sum`
    expect(hashIdentity('ada@example.org', 'pepper')).toBe(
      'sha256$ebe41303590c450d254bbeacc4ccf12cf6690106fe8ec1fca9349c7a890e3e30',
    );
    // A non-ASCII identifier is hashed as UTF-8, not as UTF-16 code units.
    expect(hashIdentity('zoë@example.org', 'ß')).toBe(
      'sha256$7e45a80c6d80f74e41761a19506f7f3ed6be8897e22e4ab6d8bf416194ff5803',
    );
    expect(hashIdentity('x')).toBe(
      'sha256$2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
    );
  });
});
