// The sample planner (抽样设计建议, docs/statistics.md#sample-planner) for one level of a closed round: from the
// composite's small-area model (c, σ²_u) and its units' γ, how reliable rankings are now, how many interviews per unit
// a reliability or a detectable change needs, and a table for 10–100 interviews, with a paragraph in plain Chinese.
import type { RoundResults } from '../../../core/results/types.js';
import type { SmallAreaLevel } from '../../../core/results/small-area.js';
import { detectableChange, halfWidthAt, interviewsForChange, interviewsForReliability, reliabilityAt } from '../../../core/stats/sample-planner.js';

export const TABLE_SIZES = [10, 20, 30, 50, 100] as const;
const LEVEL_WORDS: Record<SmallAreaLevel, string> = { village: '村（社区）', grid: '网格' };

export interface PlanRow {
  n: number;
  reliability: number;
  halfWidth: number;
  detectableChange: number;
}

export interface PlanningAdvice {
  level: SmallAreaLevel;
  c: number;
  sigma2u: number;
  /** The round's reliability: mean γ over the level's units with a model estimate. */
  meanGamma: number;
  /** Interviews per unit now (mean over the units with interviews), rounded. */
  currentN: number;
  nForReliability: { '0.7': number | null; '0.8': number | null };
  nForChange: { '5': number; '10': number };
  /** Keyed by interviews per unit: the current number and 50. */
  halfWidth: Record<string, number>;
  table: PlanRow[];
  paragraph: string;
}

export type PlanningMiss = 'no-model';

/**
 * Advice from `results` (a closed round) at `level`, or 'no-model' when the level's composite has no model. The model
 * (c, σ²_u) is the district's; `within` narrows the units whose γ and interviews give the round's reliability and
 * current size (a township's own units), docs/statistics.md#planner-page.
 */
export function planningAdvice(
  results: RoundResults,
  level: SmallAreaLevel,
  quota?: number,
  within: (unitId: number) => boolean = () => true,
): PlanningAdvice | PlanningMiss {
  const model = results.smallAreaModels?.[level].composite;
  if (!model || 'model' in model) return 'no-model';
  const m = { c: model.c, sigma2u: model.sigma2u };
  const units = Object.values(results.units).filter((u) => u.level === level && u.n > 0 && within(u.unitId));
  const gammas = units.map((u) => u.composite.smallArea?.gamma).filter((g) => g !== undefined);
  const meanGamma = gammas.length > 0 ? gammas.reduce((a, b) => a + b, 0) / gammas.length : 0;
  const currentN = quota ?? Math.max(1, Math.round(units.reduce((a, u) => a + u.n, 0) / Math.max(1, units.length)));
  const advice: Omit<PlanningAdvice, 'paragraph'> = {
    level,
    c: m.c,
    sigma2u: m.sigma2u,
    meanGamma,
    currentN,
    nForReliability: { '0.7': interviewsForReliability(m, 0.7), '0.8': interviewsForReliability(m, 0.8) },
    nForChange: { '5': interviewsForChange(m, 5), '10': interviewsForChange(m, 10) },
    halfWidth: { [String(currentN)]: halfWidthAt(m, currentN), '50': halfWidthAt(m, 50) },
    table: TABLE_SIZES.map((n) => ({ n, reliability: reliabilityAt(m, n), halfWidth: halfWidthAt(m, n), detectableChange: detectableChange(m, n) })),
  };
  return { ...advice, paragraph: paragraphOf(advice, quota !== undefined) };
}

function paragraphOf(a: Omit<PlanningAdvice, 'paragraph'>, forQuota: boolean): string {
  const unit = LEVEL_WORDS[a.level];
  const now = forQuota ? `按每个${unit}每月 ${a.currentN} 份` : `按目前每个${unit}每月约 ${a.currentN} 份`;
  const reliability = reliabilityAt(a, a.currentN).toFixed(1);
  const target = a.nForReliability['0.8'];
  const reach =
    target === null
      ? `本轮各${unit}之间的差异没有超出抽样误差，增加样本也无法把${unit}可靠地区分开`
      : `要达到 0.8，每个${unit}每月约需 ${target} 份`;
  return `${now}，${unit}排名的可靠度约为 ${reliability}；${reach}。要看出某个${unit}较上月 5 分的变化，每月约需 ${a.nForChange['5']} 份。`;
}
