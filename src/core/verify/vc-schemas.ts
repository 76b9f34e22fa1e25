/**
 * Structural JSON Schemas (draft 2019-09) for the documents that are not OpenBadgeCredentials:
 * the OB 3.0 EndorsementCredential (OPEN-BADGES-NOTES.md section 3.7), the CLR 2.0 ClrCredential
 * outline (section 7), and the VCDM base shape of any credential or presentation. Each says only
 * what its source requires; a plain VC gets no Open Badges rule.
 */
import type { CredentialKind } from './credential-kind.js';
import { CURRENT_OB_CONTEXT } from './credential-schema.js';

const URI = { type: 'string', minLength: 1, pattern: '^[A-Za-z][A-Za-z0-9+.-]*:\\S' };
const DATE_TIME_Z = { type: 'string', format: 'date-time' };
const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const OB_CONTEXT =
  '^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/ob\\/v3p0\\/context(-3\\.\\d\\.\\d)*\\.json$';
const COMPACT_JWS = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';
const CLR_CONTEXT =
  '^https:\\/\\/purl\\.imsglobal\\.org\\/spec\\/clr\\/v2p0\\/context(-2\\.\\d\\.\\d)*\\.json$';

/** `type`: a string or array that contains each of `names` (VCDM 2.0 section 4.5). */
function typeWith(...names: string[]): object {
  const list = {
    type: 'array',
    items: { type: 'string' },
    allOf: names.map((name) => ({ contains: { const: name } })),
  };
  return names.length === 1 ? { anyOf: [{ const: names[0] }, list] } : list;
}

/** `@context`: the base context first, then (for OB and CLR) the spec's own context second. */
function contextWith(model: 'vcdm2' | 'vcdm1', second?: string, current?: object): object {
  const first = { const: model === 'vcdm2' ? V2 : V1 };
  if (second === undefined) {
    return {
      anyOf: [
        first,
        {
          type: 'array',
          minItems: 1,
          items: [first],
          additionalItems: { type: ['string', 'object'] },
        },
      ],
    };
  }
  return {
    type: 'array',
    minItems: 2,
    items: [first, { type: 'string', pattern: second, ...(current ? { allOf: [current] } : {}) }],
    additionalItems: { type: ['string', 'object'] },
  };
}

const ISSUER = {
  anyOf: [URI, { type: 'object', required: ['id'], properties: { id: URI } }],
};

/** The VCDM base members every credential shares; dates by model (1.1 requires issuanceDate). */
function baseCredential(model: 'vcdm2' | 'vcdm1'): Record<string, object> {
  return {
    id: URI,
    issuer: ISSUER,
    ...(model === 'vcdm2'
      ? { validFrom: DATE_TIME_Z, validUntil: DATE_TIME_Z }
      : { issuanceDate: DATE_TIME_Z, expirationDate: DATE_TIME_Z }),
    credentialSubject: {
      anyOf: [{ type: 'object' }, { type: 'array', minItems: 1, items: { type: 'object' } }],
    },
    proof: { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] },
  };
}

function schemaOf(id: string, required: string[], properties: Record<string, object>): object {
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: `https://badgesmith.invalid/schemas/${id}.json`,
    type: 'object',
    required,
    properties,
  };
}

/** The schema for a non-OpenBadgeCredential kind and data model. */
export function kindSchema(kind: Exclude<CredentialKind, 'ob3'>, model: 'vcdm2' | 'vcdm1'): object {
  const from = model === 'vcdm2' ? 'validFrom' : 'issuanceDate';
  const base = baseCredential(model);
  if (kind === 'endorsement') {
    // Section 3.7: name is required, and the subject is an EndorsementSubject with an id.
    return schemaOf(
      `endorsement-${model}`,
      ['@context', 'id', 'type', 'name', 'issuer', from, 'credentialSubject'],
      {
        ...base,
        '@context': contextWith(
          model,
          OB_CONTEXT,
          model === 'vcdm2' ? CURRENT_OB_CONTEXT : undefined,
        ),
        type: typeWith('VerifiableCredential', 'EndorsementCredential'),
        name: { type: 'string' },
        description: { type: 'string' },
        credentialSubject: {
          type: 'object',
          required: ['id', 'type'],
          properties: {
            id: URI,
            type: typeWith('EndorsementSubject'),
            endorsementComment: { type: 'string' },
          },
        },
      },
    );
  }
  if (kind === 'clr') {
    // Section 7: a ClrSubject bundles verifiableCredential[]; the full CLR 2.0 schema is not
    // bundled. Pre-final (VCDM 1.1) CLRs used draft context URLs and, in a JWT, bundled the
    // credentials as compact JWS strings, so those two rules hold for VCDM 2.0 only.
    const v2 = model === 'vcdm2';
    const bundled = v2
      ? { type: 'object' }
      : { anyOf: [{ type: 'object' }, { type: 'string', pattern: COMPACT_JWS }] };
    return schemaOf(
      `clr-${model}`,
      ['@context', 'id', 'type', 'issuer', from, 'credentialSubject'],
      {
        ...base,
        '@context': contextWith(model, v2 ? CLR_CONTEXT : '^\\S+$'),
        type: typeWith('VerifiableCredential', 'ClrCredential'),
        credentialSubject: {
          type: 'object',
          required: ['type', 'verifiableCredential'],
          properties: {
            id: URI,
            type: typeWith('ClrSubject'),
            verifiableCredential: { type: 'array', minItems: 1, items: bundled },
            achievement: { type: 'array', items: { type: 'object' } },
            association: { type: 'array', items: { type: 'object' } },
          },
        },
      },
    );
  }
  if (kind === 'vp') {
    // VCDM 2.0 section 4.13: type VerifiablePresentation; holder and credentials are optional.
    return schemaOf(`vp-${model}`, ['@context', 'type'], {
      '@context': contextWith(model),
      id: URI,
      type: typeWith('VerifiablePresentation'),
      holder: ISSUER,
      verifiableCredential: {
        anyOf: [
          { type: 'object' },
          { type: 'array', items: { type: 'object', required: ['type'] } },
        ],
      },
    });
  }
  // VCDM 2.0 section 4: issuer and credentialSubject are required, validFrom is optional (1.1
  // requires issuanceDate).
  const required = ['@context', 'type', 'issuer', 'credentialSubject'];
  return schemaOf(`vc-${model}`, model === 'vcdm1' ? [...required, from] : required, {
    ...base,
    '@context': contextWith(model),
    type: typeWith('VerifiableCredential'),
  });
}
