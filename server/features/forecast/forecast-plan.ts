// "What would it take" and back-testing, on top of the forecast (features/forecast/forecast.ts). A plan search re-draws
// the official poll many times, so plans are kept per forecast and target, with the database's repositories; the
// target defaults to one rank better than the likeliest (with peers) or one point above the expected score (without).
import type { Repos } from '../../platform/repos.js';
import { memoSlot } from '../../platform/service-memos.js';
import { planImprovements, strongestLevers, type ForecastTarget, type ImprovementPlan, type PlanItem } from './core/improve.js';
import { likeliestRank } from './core/forecast.js';
import { backtestRow, summariseBacktest, type BacktestByPool, type BacktestPool } from './core/backtest.js';
import { computeForecast, type ForecastState } from './forecast.js';

type Ready = Extract<ForecastState, { ok: true }>;

export const DEFAULT_WANTED = 0.8;

const PLANS = memoSlot('forecast plans', () => new Map<string, ImprovementPlan>());

export function defaultTarget(state: Ready): ForecastTarget {
  const top = likeliestRank(state.forecast.ranks);
  if (top && top.rank > 1) return { kind: 'rank', rank: top.rank - 1 };
  const mean = state.forecast.spread?.mean ?? 0;
  return { kind: 'score', score: Math.min(100, Math.ceil(mean + 1)) };
}

/** Why a target cannot be planned for, or null. */
export function targetProblem(state: Ready, target: ForecastTarget): string | null {
  if (target.kind === 'rank' && state.peers.length === 0) return '未录入同类区县得分，不能按名次设目标；请改按得分设目标。';
  if (target.kind === 'rank' && target.rank > state.peers.length + 1) return `共 ${state.peers.length + 1} 个区县参与排名，目标名次不能超过 ${state.peers.length + 1}`;
  return null;
}

export function forecastPlan(repos: Repos, state: Ready, target: ForecastTarget, wanted: number): ImprovementPlan {
  const peersKey = state.peers.map((p) => `${p.name}:${p.score}:${p.sd ?? ''}`).join(';');
  const key = `${state.seed}|${state.forecast.sampleSize}|${JSON.stringify(target)}|${wanted}|${peersKey}`;
  // The seed names the forecast's questionnaire, rounds and weights: a key from another frame never matches.
  const byKey = repos.memos.of(PLANS);
  const hit = byKey.get(key);
  if (hit) return hit;
  const plan = planImprovements(state.frame, state.survey, {
    sampleSize: state.forecast.sampleSize,
    draws: state.forecast.draws,
    seed: state.seed,
    target,
    wanted,
    peers: state.peers,
  });
  byKey.set(key, plan);
  return plan;
}

export function forecastLevers(state: Ready, limit = 8): PlanItem[] {
  return strongestLevers(state.frame, state.survey, limit);
}

/**
 * Every round with an official result: the forecasts made from it and its window from phone interviews only and from
 * every response, against the outcome, and which of the two the settings had the forecast use.
 */
export function forecastBacktest(repos: Repos): BacktestByPool {
  const byId = new Map(repos.rounds.list().map((r) => [r.id, r]));
  const compared = repos.forecast
    .officialResults()
    .flatMap((o) => {
      const round = byId.get(o.roundId);
      return round ? [{ o, round }] : [];
    })
    .sort((a, b) => (a.round.period < b.round.period ? -1 : a.round.period > b.round.period ? 1 : a.round.id - b.round.id));
  const rowOf = ({ o, round }: (typeof compared)[number], answers: BacktestPool) => {
    const s = round.state === 'closed' ? computeForecast(repos, { asOf: round, answers }) : null;
    const spread = s?.ok ? s.forecast.spread : null;
    return backtestRow(
      { roundCode: round.code, period: round.period, outcome: o.score, outcomeRank: o.rank },
      spread ? { mean: spread.mean, range80: spread.range80 } : null,
    );
  };
  const used = compared.map(({ round }) => {
    const s = round.state === 'closed' ? computeForecast(repos, { asOf: round }) : null;
    return s?.ok ? s.basis.answerMode?.used ?? null : null;
  });
  return { phone: summariseBacktest(compared.map((c) => rowOf(c, 'phone'))), all: summariseBacktest(compared.map((c) => rowOf(c, 'all'))), used };
}
