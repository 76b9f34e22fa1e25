import { describe, expect, it } from 'vitest';
import { achievementIdFor } from '../../../src/core/model/achievement.js';
import { stableCredentialId } from '../../../src/core/model/roster-map.js';
import { nameBasedUrn } from '../../../src/core/model/uuid.js';

// Expected values computed independently with Python's uuid.uuid5(uuid.NAMESPACE_URL, name).
describe('name-based (v5) urn:uuid ids', () => {
  it('matches RFC 4122 version 5 in the URL namespace, for ASCII and UTF-8 names', () => {
    expect(nameBasedUrn('did:web:example.org/achievements/intro')).toBe(
      'urn:uuid:8033d8e1-1f2a-5f9a-b427-cc0ea7f5faea',
    );
    expect(nameBasedUrn('Zoë 中文')).toBe('urn:uuid:3419e968-7d5f-5a11-8061-29c04920d34b');
  });

  it('gives achievements and roster rows their stable ids from distinct names', () => {
    expect(achievementIdFor('did:web:example.org', 'intro')).toBe(
      'urn:uuid:8033d8e1-1f2a-5f9a-b427-cc0ea7f5faea',
    );
    expect(stableCredentialId('did:web:example.org', 'k')).toBe(
      nameBasedUrn('did:web:example.org/credentials/k'),
    );
    expect(stableCredentialId('did:web:example.org', 'k')).not.toBe(
      stableCredentialId('did:web:example.org', 'k2'),
    );
  });
});
