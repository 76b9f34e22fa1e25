import type { JsonWebKey } from 'node:crypto';
import { join } from 'node:path';
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { prepareImage, type PreparedImage } from '../core/bake/index.js';
import { isBadgesmithError } from '../core/errors.js';
import type { SigningAlg } from '../core/keys/generate.js';
import { loadSigningKey } from '../core/keys/signing-key.js';
import type { OutputFormat } from '../core/model/config.js';
import { buildCredential } from '../core/model/credential.js';
import { toIsoDay } from '../core/model/dates.js';
import { fillTemplate, type TemplateValues } from '../core/model/template.js';
import type { Achievement, IssuerProfile } from '../core/model/types.js';
import type { Artwork } from './achievement-file.js';
import type { TemplateRenderer } from './template-raster.js';
import { createBatchFileWriter } from './batch-file-writer.js';
import { createCredentialSigner, type ProofKind } from './credential-signer.js';
import { outputError, outputErrorCode } from './out-folder.js';

/** What every worker is started with: the issuer, its key (parsed once per worker), the format. */
export interface WorkerInit {
  profile: IssuerProfile;
  privateJwk: JsonWebKey;
  alg: SigningAlg;
  kid: string;
  /** The proof format; `di` needs an Ed25519 key (default `jwt`). */
  proof?: ProofKind;
  format: OutputFormat;
  outDir: string;
  includeName: boolean;
  /** fsync each file before it is renamed into place (slower; survives a power cut). */
  fsync: boolean;
  /** Write `<stem>.credential.jwt` (or `.json`) beside the baked images. */
  credentialFile: boolean;
}

/** One achievement a run issues, sent to each worker before its first row. */
export interface AchievementInit {
  key: string;
  built: Achievement;
  validFor?: string;
  artwork: Artwork;
}

/** One row to issue: its stable id and file stem are decided by the caller, in roster order. */
export interface RowTask {
  seq: number;
  achievement: string;
  id: string;
  stem: string;
  name: string;
  email: string;
  identifier?: string;
  issued: string;
  evidence?: string;
  narrative?: string;
  result?: string;
  language?: string;
}

/** What became of a row: the files written (relative to the output folder), or why not. */
export interface RowOutcome {
  seq: number;
  files: string[];
  error?: string;
  /** Something the registrar should look at in a row that was issued. */
  warning?: string;
  /**
   * A write failed for a reason no later row escapes (a full disk, a file size limit, no
   * permission): its errno code and the file, so the run stops (see `outputErrorCode`).
   */
  output?: { code: string; path: string };
}

// The warning of a row whose name runs off its personal image, at a side or at the top or
// bottom (a stack of marks, a name set at the image's edge).
const NAME_CUT_WARNING =
  "the name reaches an edge of the image (a side, the top or the bottom) and is cut off there: shorten it for this badge, or give the template's text more room (a smaller font-size, away from the edges)";

// Each image ready to bake: static artwork is parsed once per run, a personal one per row.
type Images = { png?: PreparedImage & { cut?: boolean }; svg?: PreparedImage };

const svgBytes = (svg: string): Uint8Array => Buffer.from(svg, 'utf8');

function reasonOf(error: unknown): string {
  if (isBadgesmithError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The work of one row, usable in a worker thread or in-process: build the credential with its
 * stable id, sign it, draw the image, bake it, write the files.
 */
export function createRowIssuer(init: WorkerInit) {
  const key = loadSigningKey(init.privateJwk, init.alg, init.kid);
  const sign = createCredentialSigner(key, init.proof ?? 'jwt', init.profile.id);
  const files = createBatchFileWriter(init.outDir, init.fsync, String(threadId));
  const wantPng = init.format !== 'svg';
  const wantSvg = init.format !== 'png';
  const achievements = new Map<
    string,
    { spec: AchievementInit; images: (v: TemplateValues) => Promise<Images> }
  >();

  const imagesFor = (spec: AchievementInit) => {
    const { artwork } = spec;
    if (artwork.kind === 'png') {
      let prepared: PreparedImage | undefined;
      return () => {
        prepared ??= prepareImage(artwork.bytes);
        return Promise.resolve({ png: prepared });
      };
    }
    if (artwork.kind === 'svg') {
      let cached: Promise<Images> | undefined;
      return (): Promise<Images> => {
        cached ??= (async (): Promise<Images> => {
          const images: Images = {};
          if (wantSvg) images.svg = prepareImage(svgBytes(artwork.svg));
          if (wantPng) {
            const { renderSvgToPng } = await import('./render.js');
            images.png = prepareImage(await renderSvgToPng(artwork.svg, artwork.file));
          }
          return images;
        })();
        return cached;
      };
    }
    let render: Promise<TemplateRenderer> | undefined;
    return async (values: TemplateValues): Promise<Images> => {
      const images: Images = wantSvg
        ? { svg: prepareImage(svgBytes(fillTemplate(artwork.svg, values))) }
        : {};
      if (!wantPng) return images;
      render ??= import('./template-raster.js').then((m) => m.templateRasterizer(artwork, values));
      images.png = await (await render)(values);
      return images;
    };
  };

  const addAchievement = (spec: AchievementInit): void => {
    achievements.set(spec.key, { spec, images: imagesFor(spec) });
  };

  const issue = async (task: RowTask): Promise<RowOutcome> => {
    const outcome: RowOutcome = { seq: task.seq, files: [] };
    try {
      const entry = achievements.get(task.achievement);
      if (entry === undefined) throw new Error(`achievement '${task.achievement}' not sent`);
      const { spec } = entry;
      const issued = new Date(task.issued);
      const credential = buildCredential({
        id: task.id,
        issuer: init.profile,
        achievement: spec.built,
        recipient: {
          name: task.name,
          ...(task.email === '' ? {} : { email: task.email }),
          ...(task.identifier === undefined ? {} : { identifier: task.identifier }),
        },
        issued,
        includeName: init.includeName,
        ...(spec.validFor === undefined ? {} : { validFor: spec.validFor }),
        ...(task.evidence === undefined ? {} : { evidence: task.evidence }),
        ...(task.narrative === undefined ? {} : { narrative: task.narrative }),
        ...(task.result === undefined ? {} : { result: task.result }),
        ...(task.language === undefined ? {} : { language: task.language }),
      });
      const { payload: jwt, extension } = await sign(credential, issued);
      const images = await entry.images({
        'recipient.name': task.name,
        'achievement.name': spec.built.name,
        'issuer.name': init.profile.name,
        issued: toIsoDay(issued),
      });
      const outputs: [string, Uint8Array | string][] = init.credentialFile
        ? [[`${task.stem}${extension}`, `${jwt}\n`]]
        : [];
      if (images.png !== undefined) outputs.push([`${task.stem}.png`, images.png.bake(jwt).bytes]);
      if (images.png?.cut === true) outcome.warning = NAME_CUT_WARNING;
      if (images.svg !== undefined) outputs.push([`${task.stem}.svg`, images.svg.bake(jwt).bytes]);
      // A rerun after a crash writes the same names again: rename replaces a file the crashed
      // run wrote but had not yet put in the ledger, so one row never has two files.
      // Both files at once; the outcome lists only those in place, in their usual order.
      const written = await Promise.allSettled(
        outputs.map(([name, data]) => files.write(name, data)),
      );
      for (const [i, result] of written.entries()) {
        if (result.status === 'fulfilled') outcome.files.push(outputs[i]![0]);
      }
      const failed = written.findIndex((r) => r.status === 'rejected');
      if (failed >= 0) {
        const reason = (written[failed] as PromiseRejectedResult).reason as unknown;
        const code = outputErrorCode(reason);
        if (code === undefined) throw reason;
        const path = join(init.outDir, outputs[failed]![0]);
        outcome.output = { code, path };
        throw outputError(code, path, reason);
      }
    } catch (error) {
      outcome.error = reasonOf(error);
    }
    return outcome;
  };

  return { addAchievement, issue };
}

/** Messages a worker takes. */
export type WorkerMessage =
  { type: 'achievement'; spec: AchievementInit } | { type: 'tasks'; tasks: RowTask[] };

const data = workerData as { badgesmithIssue?: WorkerInit } | null;
if (!isMainThread && parentPort !== null && data?.badgesmithIssue !== undefined) {
  const port = parentPort;
  const issuer = createRowIssuer(data.badgesmithIssue);
  // Outcomes that settle in one turn of the event loop go back in one message.
  let done: RowOutcome[] = [];
  const post = (): void => {
    const outcomes = done;
    done = [];
    port.postMessage(outcomes);
  };
  const settle = (outcome: RowOutcome): void => {
    done.push(outcome);
    if (done.length === 1) setImmediate(post);
  };
  port.on('message', (message: WorkerMessage) => {
    if (message.type === 'achievement') issuer.addAchievement(message.spec);
    else for (const task of message.tasks) void issuer.issue(task).then(settle);
  });
}
