// Creating a round and moving it through draft → open → closed, for every caller (staff pages, the CLI, the demo
// seed, imports, tests): the rounds' rules decide (core/round-validator.ts, core/round-rules.ts), the repository
// stores. Opening and closing with their audit entry and frozen results is round-lifecycle.ts, built on these.
import type { Repos } from '../../platform/repos.js';
import type { RankingEstimate, Round } from '../../core/rounds/round.js';
import { transitionProblem } from './core/round-rules.js';
import { checkNewRound, type NewRoundInput } from './core/round-validator.js';

export type NewRound = NewRoundInput;

/** A state change that is not draft → open → closed. */
export class RoundStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoundStateError';
  }
}

/** A round that cannot be created as asked (unknown questionnaire or unit, code taken, bad numbers). */
export class RoundInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoundInputError';
  }
}

/**
 * A new round in the draft state, after the rounds' rules (round-validator.ts) have passed. Throws RoundInputError,
 * with their Chinese messages, when the questionnaire, the period, a unit, a number or the code is wrong.
 */
export function createRound(repos: Repos, input: NewRound): Round {
  const checked = checkNewRound(input, {
    surveyKeyOf: (versionId) => repos.rounds.surveyKeyOf(versionId),
    unitExists: (unitId) => repos.rounds.unitExists(unitId),
    roundCodeTaken: (code) => repos.rounds.codeTaken(code),
  });
  if (!checked.ok) throw new RoundInputError(checked.errors.map((e) => e.message).join('；'));
  return repos.rounds.insert(checked.value);
}

function changeState(repos: Repos, id: number, to: 'open' | 'closed'): Round {
  const round = repos.rounds.getById(id);
  if (!round) throw new RoundStateError(`轮次 ${id} 不存在`);
  const problem = transitionProblem(round.code, round.state, to);
  if (problem !== null) throw new RoundStateError(problem);
  if (!repos.rounds.setState(id, to)) throw new RoundStateError(`轮次 ${round.code} 状态已被修改，请重试`);
  const changed = repos.rounds.getById(id);
  if (!changed) throw new RoundStateError(`轮次 ${id} 不存在`);
  return changed;
}

/** draft → open, freezing the round's coverage. Throws RoundStateError from any other state. */
export function openRoundById(repos: Repos, id: number): Round {
  return changeState(repos, id, 'open');
}

/** open → closed, recording closed_at. Throws RoundStateError from any other state. */
export function closeRoundById(repos: Repos, id: number): Round {
  return changeState(repos, id, 'closed');
}

/**
 * Chooses whether the round ranks its villages and grids by the model or the direct estimate
 * (docs/statistics.md#small-area-estimates). Throws RoundStateError when the round is closed (its bulletin is frozen)
 * or was changed meanwhile. False when it already ranks so. The caller records the audit entry in the same transaction.
 */
export function setRankingEstimate(repos: Repos, round: Round, to: RankingEstimate): boolean {
  if (round.state === 'closed') throw new RoundStateError(`轮次 ${round.code} 已结束，排名依据不能再修改`);
  const from = round.rankingEstimate ?? 'direct';
  if (from === to) return false;
  if (!repos.rounds.setRankingEstimate(round.id, from, to)) throw new RoundStateError(`轮次 ${round.code} 已被修改，请刷新后重试`);
  return true;
}
