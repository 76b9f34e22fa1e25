/** The example files `badgesmith init` writes into a new issuer folder. */

/** Lines `init` makes sure `.gitignore` has: private keys and issued output stay local. */
export const GITIGNORE_LINES = ['keys/*.private.*', 'keys/retired/*.private.*', 'out/'] as const;

export const EXAMPLE_ACHIEVEMENT = `# One achievement; see schemas/achievement.schema.json for every field.
# Without an id, badgesmith derives a stable urn:uuid from the issuer id and this file's name.
name: First Badge
description: Took part in a badgesmith workshop and issued a first Open Badge.
criteria:
  narrative: Attended the whole session and completed the hands-on exercise.
achievementType: Badge
template: ../templates/badge.svg
tags:
  - workshop
language: en
`;

export const EXAMPLE_TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
  <defs>
    <linearGradient id="ring" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1d4ed8"/>
      <stop offset="1" stop-color="#0f766e"/>
    </linearGradient>
  </defs>
  <circle cx="200" cy="200" r="190" fill="url(#ring)"/>
  <circle cx="200" cy="200" r="160" fill="#ffffff"/>
  <text x="200" y="150" font-family="sans-serif" font-size="26" font-weight="bold" text-anchor="middle" fill="#1e293b">{{achievement.name}}</text>
  <text x="200" y="210" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#0f172a">{{recipient.name}}</text>
  <text x="200" y="255" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#475569">{{issuer.name}}</text>
  <text x="200" y="280" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#475569">{{issued}}</text>
</svg>
`;

export const EXAMPLE_ROSTER = `name,email
Ada Lovelace,ada@example.org
Alan Turing,alan@example.org
`;
