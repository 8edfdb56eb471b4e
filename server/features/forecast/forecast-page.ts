// What the /forecast page and the forecast API answer for a query (docs/statistics.md#forecast), as plain data, so that
// it can be computed in the results worker (features/results/results-worker.ts) as well as here: the forecast's 10,000 simulated official
// polls, the improvement plan checked by re-running it and the back-test of both answer pools (two forecasts per
// official result) held the server's event loop for about 650 ms on the demo district the first time the page was
// opened after a change, and 3.3 s with a test run sharing the two cores; from the worker, 8 ms (bench/event-loop.ts,
// first forecast page, 2026-12-07).
import type { Repos } from '../../platform/repos.js';
import { checkTarget } from './core/target.js';
import { CAVEATS } from './core/forecast.js';
import { computeForecast, type ForecastState } from './forecast.js';
import { DEFAULT_WANTED, defaultTarget, forecastBacktest, forecastLevers, forecastPlan, targetProblem } from './forecast-plan.js';
import { forecastPageOf, forecastReplyOf } from './view-models/forecast.js';
import type { ForecastQuery, ForecastReply } from './schemas.js';

export interface ForecastPage {
  /** 400 when the target asked for cannot be used (the page says why, with the default target's plan). */
  status: 200 | 400;
  /** The template's data (staff/forecast.hbs), without the layout's title and navigation. */
  data: Record<string, unknown>;
}

function forecastPage(repos: Repos, q: ForecastQuery): ForecastPage {
  const state = computeForecast(repos);
  if (!state.ok) return { status: 200, data: { reason: state.reason, caveats: CAVEATS } };
  const fallback = defaultTarget(state);
  const asked = checkTarget(q, fallback, DEFAULT_WANTED);
  const targetError = asked.ok ? targetProblem(state, asked.target) : asked.message;
  const choice = asked.ok && targetError === null ? asked : { target: fallback, wanted: DEFAULT_WANTED };
  const plan = forecastPlan(repos, state, choice.target, choice.wanted);
  const view = forecastPageOf(state, plan, forecastLevers(state), forecastBacktest(repos));
  const form = {
    kind: choice.target.kind,
    score: q.score ?? (choice.target.kind === 'score' ? String(choice.target.score) : ''),
    rank: q.rank ?? (choice.target.kind === 'rank' ? String(choice.target.rank) : ''),
    p: q.p ?? String(Math.round(choice.wanted * 100)),
  };
  return { status: targetError ? 400 : 200, data: { ...view, form, targetError, hasPeers: state.peers.length > 0 } };
}

/** The API's answer: the reply, or why the target asked for is refused (400); either way the rounds it rests on. */
export interface ForecastApiAnswer {
  /** The rounds the forecast rests on, whose scope the credential must cover; null: none (the whole tree then). */
  scopeRounds: string[] | null;
  reply: ForecastReply | null;
  refusal: string | null;
}

function forecastApiAnswer(repos: Repos, q: ForecastQuery, roundCode: string | null): ForecastApiAnswer {
  const asOf = roundCode === null ? undefined : repos.rounds.getByCode(roundCode);
  const state: ForecastState = computeForecast(repos, { asOf });
  const scopeRounds = state.ok ? state.basis.rounds.map((r) => r.code) : null;
  const answer = (reply: ForecastReply | null, refusal: string | null = null): ForecastApiAnswer => ({ scopeRounds, reply, refusal });
  if (!state.ok || !(q.target || q.score || q.rank || q.p)) return answer(forecastReplyOf(state, null));
  const choice = checkTarget(q, defaultTarget(state), DEFAULT_WANTED);
  if (!choice.ok) return answer(null, choice.message);
  const problem = targetProblem(state, choice.target);
  if (problem) return answer(null, problem);
  return answer(forecastReplyOf(state, forecastPlan(repos, state, choice.target, choice.wanted)));
}

/** What is asked: the page, or the API's answer (the latest forecast, or as a closed round `roundCode` closed). */
export type ForecastAsk = { view: 'page'; query: ForecastQuery } | { view: 'api'; query: ForecastQuery; roundCode: string | null };
export type ForecastAnswer = { view: 'page'; page: ForecastPage } | { view: 'api'; answer: ForecastApiAnswer };

export function answerForecast(repos: Repos, ask: ForecastAsk): ForecastAnswer {
  return ask.view === 'page' ? { view: 'page', page: forecastPage(repos, ask.query) } : { view: 'api', answer: forecastApiAnswer(repos, ask.query, ask.roundCode) };
}
