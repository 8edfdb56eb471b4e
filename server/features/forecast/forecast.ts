// The forecast of the official poll for pages, the API and the bulletin: which rounds it rests on (the
// latest closed monthly rounds of the official questionnaire, weighted as the committee set), the sampling frame read
// from their packed answers, and the simulated polls. Closed rounds are frozen, so a frame and its draws are kept in
// memory per database (with its repositories) and recomputed only when the settings or the rounds change.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Survey } from '../../core/survey/model.js';
import type { Unit } from '../../core/units/unit.js';
import { eachCompletedGrid } from '../results/results-service.js';
import { memoSlot } from '../../platform/service-memos.js';
import { compositeLayout, noCompositeMessage } from './core/layout.js';
import { FrameBuilder, ForecastProblem, type FrameArea, type SampleFrame } from './core/frame.js';
import { DEFAULT_DRAWS, forecastOfficialPoll, likeliestRank, type Forecast, type ForecastRun } from './core/forecast.js';
import { rankProbabilities } from './core/ranks.js';
import type { DrawSet } from './core/simulate.js';
import type { ForecastSettings, StoredPeer } from './core/settings.js';
import { ofRound } from '../surveys/surveys-service.js';
import { chooseAnswerMode, type ModeChoice } from './core/answer-mode.js';
import { eachPhoneGrid } from '../interviewers/interviewers-service.js';
import { getRoundResults, roundUnits } from '../results/round-results.js';
import { topUnit } from '../../core/results/summary.js';
import { ownEntry } from '../../core/results/records.js';
import { modeGapSection } from '../../core/results/mode-gap-wording.js';

export interface ForecastBasis {
  surveyKey: string;
  surveyTitle: string;
  compositeName: string;
  /** Newest first, with the share of the window each carries (sums to 1). */
  rounds: Array<{ code: string; period: string; share: number }>;
  /** The questionnaire was not chosen in the settings: the latest closed monthly round's is used. */
  surveyAssumed: boolean;
  /**
   * The weights used do not add to 1 as set (fewer closed rounds than the window names, or weights saved before
   * they had to add to 100%): the shares were rescaled, and the page says so rather than doing it silently.
   */
  rescaled?: boolean;
  /** Which answers the frame holds and the page's sentence about it (docs/statistics.md#answer-modes). */
  answerMode?: ModeChoice;
}

export type ForecastState =
  | { ok: false; reason: string }
  | { ok: true; basis: ForecastBasis; forecast: Forecast; peers: StoredPeer[]; frame: SampleFrame; survey: Survey; set: DrawSet; seed: string };

interface Memo {
  key: string;
  frame: SampleFrame;
  survey: Survey;
  /** Without the answer mode's sentence: the same frame serves the setting's choice and a back-test's forced one. */
  basis: Omit<ForecastBasis, 'answerMode'>;
  /** The draws by sample size and count (peers change only the ranks, computed from the draws each time). */
  runs: Map<string, ForecastRun>;
}

const FORECAST_MEMOS = memoSlot('forecast frames', () => new Map<string, Memo>());

/** Closed monthly rounds of a questionnaire, newest first; with `asOf`, only that round and earlier ones. */
export function forecastRounds(repos: Repos, surveyKey: string, asOf?: Round): Round[] {
  return repos.rounds
    .list()
    .filter((r) => r.kind === 'monthly' && r.state === 'closed' && r.surveyKey === surveyKey)
    .filter((r) => !asOf || r.period < asOf.period || (r.period === asOf.period && r.id <= asOf.id))
    .sort((a, b) => (a.period === b.period ? b.id - a.id : a.period < b.period ? 1 : -1));
}

/** The official questionnaire: the one set, else the latest closed monthly round's. */
function officialSurveyKey(repos: Repos, settings: ForecastSettings): { key: string | null; assumed: boolean } {
  if (settings.surveyKey) return { key: settings.surveyKey, assumed: false };
  const latest = repos.rounds
    .list()
    .filter((r) => r.kind === 'monthly' && r.state === 'closed')
    .sort((a, b) => (a.period === b.period ? b.id - a.id : a.period < b.period ? 1 : -1))[0];
  return { key: latest?.surveyKey ?? null, assumed: true };
}

/** Each grid's area: its ancestor just below the top of the tree (a township), else the grid itself. */
function areasOf(units: readonly Unit[]): Map<number, FrameArea> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<number, FrameArea>();
  for (const u of units) {
    if (u.level !== 'grid') continue;
    let area = u;
    for (let p = byId.get(u.parentId ?? -1); p && p.parentId !== null && byId.has(p.parentId); p = byId.get(p.parentId)) area = p;
    out.set(u.id, { code: area.code, name: area.name });
  }
  return out;
}

/** Completed phone interviews in the window's rounds (those with a weight). */
function phoneCount(repos: Repos, rounds: Round[], weights: number[]): number {
  return rounds.reduce((n, r, i) => n + (weights[i] > 0 ? eachPhoneGrid(repos, r.id, () => undefined) : 0), 0);
}

/** The newest round's district web − phone sentence, for the caveat when all answers are pooled. */
function gapSentence(repos: Repos, round: Round): string | null {
  const results = getRoundResults(repos, round);
  const top = topUnit(results);
  const gaps = top && results.modeGaps ? ownEntry(results.modeGaps, top.code) : undefined;
  return modeGapSection(gaps, ofRound(repos, round))?.sentence || null;
}

function buildFrame(repos: Repos, rounds: Round[], weights: number[], mode: 'phone' | 'all' = 'all'): { frame: SampleFrame; survey: Survey } | { reason: string } {
  const survey = ofRound(repos, rounds[0]);
  const layout = compositeLayout(survey);
  if (!layout) return { reason: noCompositeMessage(survey.title) };
  const builder = new FrameBuilder(layout);
  try {
    rounds.forEach((round, i) => {
      if (!(weights[i] > 0)) return;
      const units = roundUnits(repos, round);
      const areas = areasOf(units);
      builder.addRound(
        {
          survey: ofRound(repos, round),
          weight: weights[i],
          populations: new Map(units.filter((u) => u.level === 'grid').map((u) => [u.id, u.population])),
          areaOf: (gridId) => areas.get(gridId) ?? { code: String(gridId), name: `网格 ${gridId}` },
          eachGrid: (add) => (mode === 'phone' ? void eachPhoneGrid(repos, round.id, add) : eachCompletedGrid(repos, round.id, add)),
        },
        `${round.period}（${round.code}）`,
      );
    });
    return { frame: builder.build(), survey };
  } catch (err) {
    if (err instanceof ForecastProblem) return { reason: err.message };
    throw err;
  }
}

/** Which answers the forecast pools: the settings' choice, or the one a back-test asks for (no caveat needed there). */
function answerModeOf(repos: Repos, settings: ForecastSettings, rounds: Round[], phones: number, forced?: 'phone' | 'all'): ModeChoice | { reason: string } {
  if (forced === 'phone' && phones === 0) return { reason: '所依据的轮次没有电话访问答卷，无法只用电话访问预测。' };
  if (forced) return chooseAnswerMode(forced, phones, settings.sampleSize, null);
  return chooseAnswerMode(settings.answerMode ?? 'auto', phones, settings.sampleSize, phones >= settings.sampleSize ? null : gapSentence(repos, rounds[0]));
}

function memoFor(repos: Repos, settings: ForecastSettings, asOf?: Round, forced?: 'phone' | 'all'): { memo: Memo; choice: ModeChoice } | { reason: string } {
  const official = officialSurveyKey(repos, settings);
  if (!official.key) return { reason: '还没有已结束的月度模拟民调轮次，无法预测正式民调。' };
  const all = forecastRounds(repos, official.key, asOf);
  const rounds = all.slice(0, settings.windowWeights.length);
  if (rounds.length === 0) return { reason: `问卷“${official.key}”还没有已结束的月度模拟民调轮次，无法预测正式民调。` };
  const weights = settings.windowWeights.slice(0, rounds.length);
  const phones = phoneCount(repos, rounds, weights);
  const choice = answerModeOf(repos, settings, rounds, phones, forced);
  if ('reason' in choice) return choice;
  const key = `${official.key}|${rounds.map((r) => r.id).join(',')}|${weights.join(',')}|${choice.used}`;
  const byKey = repos.memos.of(FORECAST_MEMOS);
  const hit = byKey.get(key);
  if (hit) return { memo: hit, choice };
  const built = buildFrame(repos, rounds, weights, choice.used);
  if ('reason' in built) return built;
  const total = weights.reduce((s, w) => s + w, 0);
  const basis: Memo['basis'] = {
    surveyKey: official.key,
    surveyTitle: built.survey.title,
    compositeName: built.frame.layout.name,
    rounds: rounds.map((r, i) => ({ code: r.code, period: r.period, share: weights[i] / total })),
    surveyAssumed: official.assumed,
    rescaled: Math.abs(total - 1) > 1e-9,
  };
  const memo: Memo = { key, frame: built.frame, survey: built.survey, basis, runs: new Map() };
  byKey.set(key, memo);
  return { memo, choice };
}

/**
 * The forecast from the latest rounds, or as it stood when `asOf` closed (back-testing); `answers` forces the pool
 * (phone interviews only, or every response) instead of the settings' choice, for a back-test of both.
 */
export function computeForecast(repos: Repos, options: { asOf?: Round; draws?: number; answers?: 'phone' | 'all' } = {}): ForecastState {
  const settings = repos.forecast.settings();
  const found = memoFor(repos, settings, options.asOf, options.answers);
  if ('reason' in found) return { ok: false, reason: found.reason };
  const { memo, choice } = found;
  const peers = repos.forecast.peers();
  // Same data, same settings, same seed: the page, the API and the bulletin print the same numbers.
  const seed = `forecast|${memo.key}`;
  const drawOptions = { sampleSize: settings.sampleSize, draws: options.draws ?? DEFAULT_DRAWS, seed };
  const runKey = `${drawOptions.sampleSize}|${drawOptions.draws}`;
  let run = memo.runs.get(runKey);
  if (!run) memo.runs.set(runKey, (run = forecastOfficialPoll(memo.frame, drawOptions, [])));
  run = { set: run.set, forecast: { ...run.forecast, ranks: peers.length > 0 ? rankProbabilities(run.set, peers, seed) : [] } };
  if (!run.forecast.spread) return { ok: false, reason: '模拟的正式民调样本中，综合得分所需的题目都没有有效回答，无法预测。' };
  return { ok: true, basis: { ...memo.basis, answerMode: choice }, forecast: run.forecast, peers, frame: memo.frame, survey: memo.survey, set: run.set, seed };
}

/** What the monthly bulletin embeds: the forecast in a few numbers, or why there is none. */
export interface ForecastSummary {
  ok: boolean;
  reason: string | null;
  compositeName: string | null;
  rounds: string[];
  sampleSize: number | null;
  expected: number | null;
  sd: number | null;
  range80: [number, number] | null;
  range95: [number, number] | null;
  likeliestRank: { rank: number; probability: number; of: number } | null;
}

/** The forecast as it stood when `roundCode` (a closed monthly round) closed; the latest when omitted. */
export function forecastSummary(repos: Repos, roundCode?: string): ForecastSummary {
  const round = roundCode === undefined ? undefined : repos.rounds.getByCode(roundCode);
  const none = (reason: string): ForecastSummary => ({
    ok: false, reason, compositeName: null, rounds: [], sampleSize: null, expected: null, sd: null, range80: null, range95: null, likeliestRank: null,
  });
  if (roundCode !== undefined && (!round || round.state !== 'closed')) return none('该轮次尚未结束，正式民调预测只用已结束的轮次。');
  const s = computeForecast(repos, { asOf: round });
  if (!s.ok) return none(s.reason);
  const spread = s.forecast.spread;
  const top = likeliestRank(s.forecast.ranks);
  return {
    ok: true,
    reason: null,
    compositeName: s.basis.compositeName,
    rounds: s.basis.rounds.map((r) => r.code),
    sampleSize: s.forecast.sampleSize,
    expected: spread?.mean ?? null,
    sd: spread?.sd ?? null,
    range80: spread?.range80 ?? null,
    range95: spread?.range95 ?? null,
    likeliestRank: top ? { ...top, of: s.peers.length + 1 } : null,
  };
}
