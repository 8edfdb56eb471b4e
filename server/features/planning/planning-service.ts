// The planner's use-case: advice from a closed round's results (the results capability's one computation, so the
// planner reads the same models the bulletin and the API show). docs/statistics.md#sample-planner.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { SmallAreaLevel } from '../../core/results/small-area.js';
import { getRoundResults } from '../results/round-results.js';
import { planningAdvice, type PlanningAdvice } from './core/advice.js';
import type { StaffUser } from '../../core/auth/staff.js';
import { roundTouchesScope, seesEverything } from '../../core/auth/scope.js';

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

/** What the planner page shows: the closed rounds the user may pick, the one picked, and its advice or why none. */
export interface PlannerPage {
  rounds: Round[];
  round: Round | undefined;
  /** The township whose units give the reliability and current size, for township staff (docs/statistics.md#planner-page). */
  township: { name: string } | undefined;
  advice: PlanningAdvice | undefined;
  refusal: string | undefined;
}

/**
 * The planner page for `user` (committee: the district; township staff: their township's units within the district's
 * model). `roundCode` absent: the newest closed round in the user's scope. The caller has checked canUsePlanner and
 * that a named round exists and is in scope.
 */
export function plannerPage(repos: Repos, user: StaffUser, level: SmallAreaLevel, roundCode?: string): PlannerPage {
  const tree = repos.units.tree();
  const rounds = repos.rounds.list().filter((r) => r.state === 'closed' && roundTouchesScope(user, r.unitIds, tree));
  const round = roundCode === undefined ? rounds[0] : repos.rounds.getByCode(roundCode);
  const own = seesEverything(user) || user.unitId === null ? undefined : repos.units.getById(user.unitId);
  const township = own ? { name: own.name } : undefined;
  if (!round) return { rounds, round, township, advice: undefined, refusal: undefined };
  const within = own ? (unitId: number) => tree.isWithin(unitId, own.id) : undefined;
  const advice = round.state === 'closed' ? planningAdvice(getRoundResults(repos, round), level, undefined, within) : 'round-not-closed';
  if (typeof advice === 'string') return { rounds, round, township, advice: undefined, refusal: REFUSAL_MESSAGES[advice] };
  return { rounds, round, township, advice, refusal: undefined };
}
