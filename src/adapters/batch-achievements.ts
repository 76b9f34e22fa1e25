import { BadgesmithError, isBadgesmithError } from '../core/errors.js';
import { buildAchievement } from '../core/model/achievement.js';
import type { OutputFormat } from '../core/model/config.js';
import { achievementDigest } from '../core/model/roster-map.js';
import type { LoadedAchievement } from './achievement-file.js';
import type { IssueBatch } from './batch-types.js';
import { achievementChanged } from './issue-rerun.js';
import type { AchievementInit } from './issue-worker.js';
import type { LedgerFacts } from './ledger.js';

/**
 * Throws ERR_USAGE_CONFLICT when the artwork cannot give the asked format: PNG artwork is baked
 * as it is and never turned into SVG.
 */
export function assertFormatFits(achievement: LoadedAchievement, format: OutputFormat): void {
  if (achievement.artwork.kind === 'png' && format !== 'png') {
    throw new BadgesmithError(
      'ERR_USAGE_CONFLICT',
      `--format '${format}' needs svg artwork, and '${achievement.artwork.file}' is png`,
      { hint: 'use --format png, or give the achievement an svg `template:`' },
    );
  }
}

/** An achievement ready for the workers with its digest, or why its rows fail. */
export type Resolved = { spec: AchievementInit; digest: string } | { error: string };

/** The reason a row gives for an error: our own message, or an internal error. */
export function reasonOf(error: unknown): string {
  if (isBadgesmithError(error)) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The achievements of a run, each loaded, checked and built once, by the reference a row gives
 * (none: the run's `--achievement`). One whose data changed since rows of it went into the
 * output folder is warned about once.
 *
 * @example const resolve = achievementResolver(batch, facts); const found = await resolve(row.achievement);
 */
export function achievementResolver(
  batch: Pick<
    IssueBatch,
    'achievement' | 'loadAchievement' | 'format' | 'issuer' | 'outDir' | 'reissue' | 'onWarning'
  >,
  facts: LedgerFacts,
): (ref: string | undefined) => Promise<Resolved> {
  const { format, issuer, outDir } = batch;
  const achievements = new Map<string, Promise<Resolved>>();
  return (ref: string | undefined): Promise<Resolved> => {
    const key = ref ?? '';
    let found = achievements.get(key);
    if (found === undefined) {
      found = (async (): Promise<Resolved> => {
        try {
          const loaded =
            ref === undefined || batch.loadAchievement === undefined
              ? batch.achievement
              : await batch.loadAchievement(ref);
          if (loaded === undefined) {
            return { error: "no achievement: pass --achievement or add an 'achievement' column" };
          }
          assertFormatFits(loaded, format);
          const built = buildAchievement(loaded.spec, {
            issuerId: issuer.config.issuer.id,
            slug: loaded.slug,
          });
          const spec: AchievementInit = { key, built, artwork: loaded.artwork };
          if (loaded.spec.validFor !== undefined) spec.validFor = loaded.spec.validFor;
          const digest = achievementDigest(built, spec.validFor);
          if (achievementChanged(facts, built.id, digest)) {
            const then =
              batch.reissue === true
                ? 'they are issued again with it'
                : 'they are skipped; pass --reissue to issue them again with it';
            batch.onWarning?.(
              `the achievement '${loaded.file}' changed since rows of it were issued into '${outDir}': ${then}`,
            );
          }
          return { spec, digest };
        } catch (error) {
          return { error: reasonOf(error) };
        }
      })();
      achievements.set(key, found);
    }
    return found;
  };
}
