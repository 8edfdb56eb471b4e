// Villages and grids ranked by the small-area (model) estimate (docs/statistics.md#small-area-estimates), when the
// round says so: a view of the round's results in which each village and grid of a level that has a model carries
// its model rank and rank range as `rank` and `rankRange`, and its rank change against the previous round's model
// rank (comparable rankings only). Every table, chart and export then ranks the same way without knowing why. The
// district and townships, and a level without a model, keep the direct ranking. Pure.
import type { RoundResults, SmallAreaEstimate, UnitResult } from '../../../core/results/types.js';
import type { RankingEstimate } from '../../../core/rounds/round.js';
import type { UnitLevel } from '../../../core/units/unit.js';
import { ownEntry } from '../../../core/results/records.js';
import { comparableRankChange, comparableRankings } from '../../../core/results/comparable.js';

/** The two-line note under a table ranked by the model estimate. */
export const MODEL_NOTE: readonly string[] = [
  '本表村（社区）、网格按模型估计（小域估计）排名：样本少的网格，其得分向所在乡镇的平均水平靠拢，以减少偶然因素的影响。',
  '“本单位样本权重”越大，模型估计越接近本单位自身的直接估计；各单位的直接估计（按本单位样本计算的得分）仍保留在 XLSX 导出中。',
];
export const NO_MODEL_NOTE = '样本不足以建模（完成 10 份及以上的单位少于 5 个），按直接估计排名。';

export interface SmallAreaContent {
  /** The round's choice for villages and grids. */
  ranking: RankingEstimate;
  /** Levels ranked by the model on this page. */
  modelLevels: UnitLevel[];
  /** Levels the round would rank by the model but that have no model (样本不足以建模): ranked directly. */
  noModelLevels: UnitLevel[];
}

const MODEL_LEVELS: readonly UnitLevel[] = ['village', 'grid'];

/** The note under a village or grid ranking (table or image): ranked by the model, or no model could be fitted (then
 * ranked directly); nothing for other levels. */
export function modelNoteFor(level: UnitLevel, smallArea: SmallAreaContent | undefined): readonly string[] {
  if (smallArea?.modelLevels.includes(level)) return MODEL_NOTE;
  if (smallArea?.noModelLevels.includes(level)) return [NO_MODEL_NOTE];
  return [];
}

/** Levels whose composite has a fitted model in these results. */
export function fittedLevels(results: RoundResults): UnitLevel[] {
  const models = results.smallAreaModels;
  if (!models) return [];
  return MODEL_LEVELS.filter((l) => {
    const m = l === 'village' ? models.village.composite : models.grid.composite;
    return m !== undefined && !('model' in m);
  });
}

/** The results as the bulletin ranks them (the same object when the round ranks directly or has no model). */
export function rankedResults(results: RoundResults, previous: RoundResults | null, ranking: RankingEstimate): { results: RoundResults; smallArea: SmallAreaContent } {
  const fitted = ranking === 'model' ? fittedLevels(results) : [];
  const smallArea: SmallAreaContent = {
    ranking,
    modelLevels: fitted,
    noModelLevels: ranking === 'model' ? MODEL_LEVELS.filter((l) => !fitted.includes(l)) : [],
  };
  if (fitted.length === 0) return { results, smallArea };
  // Rank changes only between comparable model rankings of a closed round (core/results/comparable.ts).
  const ranked = (r: RoundResults | null, level: UnitLevel) =>
    new Set(Object.values(r?.units ?? {}).filter((u) => u.level === level && (u.smallAreaRank ?? null) !== null).map((u) => u.code));
  const comparable = new Map(fitted.map((l) => [l, results.state === 'closed' && comparableRankings(ranked(previous, l), ranked(results, l))]));
  const units: Record<string, UnitResult> = {};
  for (const [code, u] of Object.entries(results.units)) {
    if (!fitted.includes(u.level)) {
      units[code] = u;
      continue;
    }
    const before = previous ? ownEntry(previous.units, code) : undefined;
    const rank = u.smallAreaRank ?? null;
    units[code] = { ...u, rank, rankRange: u.smallAreaRankRange ?? null, rankChange: before ? comparableRankChange(before.smallAreaRank ?? null, rank, comparable.get(u.level) ?? false) : null };
  }
  return { results: { ...results, units }, smallArea };
}

/** A unit's composite model estimate, null when it has none. */
export function modelEstimateOf(u: Pick<UnitResult, 'composite'>): SmallAreaEstimate | null {
  return u.composite.smallArea ?? null;
}
