import { basename, join } from 'node:path';
import { bakeImage } from '../core/bake/index.js';
import { BadgesmithError, isBadgesmithError } from '../core/errors.js';
import { buildAchievement } from '../core/model/achievement.js';
import { issuerProfileFrom, type OutputFormat } from '../core/model/config.js';
import { buildCredential } from '../core/model/credential.js';
import { toIsoDay } from '../core/model/dates.js';
import { safeSlug } from '../core/model/file-slug.js';
import { fillTemplate } from '../core/model/template.js';
import { signCredentialJwt } from '../core/proof/jwt.js';
import type { LoadedAchievement } from './achievement-file.js';
import { writeFileAtomic } from './files.js';
import type { LoadedIssuer } from './issuer-folder.js';
import type { IssueRowReport } from './issue-report.js';
import { renderSvgToPng } from './render.js';
import type { RosterRow } from './roster.js';

/** One run of `issue`: who issues what to whom, in which format, and where the files go. */
export interface IssueBatch {
  issuer: LoadedIssuer;
  achievement: LoadedAchievement;
  rows: RosterRow[];
  format: OutputFormat;
  outDir: string;
  /** The issue date of rows that have none of their own. */
  issued: Date;
  /** Called after each row, for progress output. */
  onRow?: (report: IssueRowReport) => void;
}

/**
 * Throws ERR_USAGE_CONFLICT when the artwork cannot give the asked format: PNG artwork is baked
 * as it is and never turned into SVG.
 */
export function assertFormatFits(achievement: LoadedAchievement, format: OutputFormat): void {
  if (achievement.artwork.kind === 'png' && format !== 'png') {
    throw new BadgesmithError(
      'ERR_USAGE_CONFLICT',
      `--format '${format}' needs svg artwork, and '${achievement.artwork.file}' is png`,
      {
        hint: 'use --format png, or give the achievement an svg `template:`',
      },
    );
  }
}

type ImageMaker = (
  values: Parameters<typeof fillTemplate>[1],
) => Promise<{ svg?: string; png?: Uint8Array }>;

function imageMaker(achievement: LoadedAchievement, format: OutputFormat): ImageMaker {
  const wantSvg = format !== 'png';
  const wantPng = format !== 'svg';
  const { artwork } = achievement;
  if (artwork.kind === 'png') return () => Promise.resolve({ png: artwork.bytes });
  if (artwork.kind === 'svg') {
    let cached: Promise<Uint8Array> | undefined;
    return async () => {
      if (wantPng) cached ??= renderSvgToPng(artwork.svg, artwork.file);
      return {
        ...(wantSvg ? { svg: artwork.svg } : {}),
        ...(wantPng ? { png: await cached } : {}),
      };
    };
  }
  return async (values) => {
    const svg = fillTemplate(artwork.svg, values);
    const png = wantPng ? await renderSvgToPng(svg, artwork.file) : undefined;
    return { ...(wantSvg ? { svg } : {}), ...(png === undefined ? {} : { png }) };
  };
}

function reasonOf(error: unknown): string {
  if (isBadgesmithError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Issues one credential per roster row: build, sign (with the one key parsed for the run), draw
 * the personal image, bake, write `<name>-<id8>.{png,svg}` and `<name>-<id8>.credential.jwt`. A
 * row that fails is reported with its reason and the run goes on.
 */
export async function issueBatch(batch: IssueBatch): Promise<IssueRowReport[]> {
  const { issuer, achievement, format, outDir } = batch;
  assertFormatFits(achievement, format);
  const profile = issuerProfileFrom(issuer.config);
  const built = buildAchievement(achievement.spec, {
    issuerId: issuer.config.issuer.id,
    slug: achievement.slug,
  });
  const makeImages = imageMaker(achievement, format);
  const reports: IssueRowReport[] = [];
  for (const row of batch.rows) {
    const report: IssueRowReport = {
      row: row.row,
      name: row.name,
      email: row.email,
      files: [],
      status: 'failed',
    };
    try {
      if (row.problem !== undefined)
        throw new BadgesmithError('ERR_ROSTER_ROW', `row ${row.row}: ${row.problem}`);
      const issued = row.issued ?? batch.issued;
      const credential = buildCredential({
        issuer: profile,
        achievement: built,
        recipient: { email: row.email, name: row.name },
        issued,
        includeName: issuer.config.defaults.recipientName,
        ...(achievement.spec.validFor === undefined ? {} : { validFor: achievement.spec.validFor }),
        ...(row.evidence === undefined ? {} : { evidence: row.evidence }),
        ...(row.narrative === undefined ? {} : { narrative: row.narrative }),
        ...(row.result === undefined ? {} : { result: row.result }),
      });
      report.credentialId = credential.id;
      const jwt = await signCredentialJwt(credential, issuer.signingKey);
      const images = await makeImages({
        'recipient.name': row.name,
        'achievement.name': built.name,
        'issuer.name': profile.name,
        issued: toIsoDay(issued),
      });
      const stem = join(
        outDir,
        `${safeSlug(row.name)}-${credential.id.replace(/^urn:uuid:/u, '').slice(0, 8)}`,
      );
      const outputs: [string, Uint8Array | string][] = [[`${stem}.credential.jwt`, `${jwt}\n`]];
      if (images.png !== undefined) outputs.push([`${stem}.png`, bakeImage(images.png, jwt).bytes]);
      if (images.svg !== undefined) {
        outputs.push([`${stem}.svg`, bakeImage(Buffer.from(images.svg, 'utf8'), jwt).bytes]);
      }
      for (const [path, data] of outputs) {
        await writeFileAtomic(path, data);
        report.files.push(basename(path));
      }
      report.status = 'ok';
    } catch (error) {
      report.reason = reasonOf(error);
    }
    reports.push(report);
    batch.onRow?.(report);
  }
  return reports;
}
