// The planner's use-case: advice from a closed round's results (the results capability's one computation, so the
// planner reads the same models the bulletin and the API show). docs/statistics.md#sample-planner.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { SmallAreaLevel } from '../../core/results/small-area.js';
import { getRoundResults } from '../results/round-results.js';
import { planningAdvice, type PlanningAdvice } from './core/advice.js';

export type PlanningRefusal = 'round-not-closed' | 'no-model';

/** The advice for `level` from `round`, or why there is none (the round is not closed; the level has no model). */
export function planningFor(repos: Repos, round: Round, level: SmallAreaLevel, quota?: number): PlanningAdvice | PlanningRefusal {
  if (round.state !== 'closed') return 'round-not-closed';
  return planningAdvice(getRoundResults(repos, round), level, quota);
}

export const REFUSAL_MESSAGES: Record<PlanningRefusal, string> = {
  'round-not-closed': '抽样设计建议依据已结束的轮次计算，该轮次尚未结束',
  'no-model': '样本不足以建模（完成 10 份及以上的单位少于 5 个），无法给出建议',
};
