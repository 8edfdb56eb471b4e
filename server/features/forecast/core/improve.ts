// "What would it take": the fewest residents whose answers, moved to the best answer of a question, lift the forecast
// over a target score or rank with a stated probability. Moving response i on question q from option a to the best
// option b changes the expected composite by exactly π_i · Σ_c a_c (y_c(b) − y_c(a)) / p_c over q's columns (the
// denominators p_c do not change: a substantive answer stays substantive), so the responses are taken greedily by that
// gain, the samples are re-drawn to see whether the target is reached, and more are taken until it is. The plan is
// stated per area, question and answer; applying it picks the same responses again (the area's answers a to q, the
// most-weighted first) and re-runs the forecast: that check is what the page prints.
import type { Survey } from '../../../core/survey/model.js';
import { analyticForecast } from './analytic.js';
import { copyFrame, type SampleFrame } from './frame.js';
import { bestOption, optionValue, questionLabel } from './layout.js';
import { chanceOfRankAtBest, rankProbabilities, scoreForRank, type Peer } from './ranks.js';
import { drawOfficialPolls, shareAtLeast, spreadOf, type DrawOptions, type DrawSet } from './simulate.js';

export type ForecastTarget = { kind: 'score'; score: number } | { kind: 'rank'; rank: number };

export interface PlanItem {
  areaCode: string;
  areaName: string;
  questionId: string;
  /** "第 10 题（公安满意度）": as the resident form numbers it, with the short name. */
  questionLabel: string;
  from: string;
  to: string;
  fromLabel: string;
  toLabel: string;
  count: number;
  /** Expected composite points the item adds, in all and per resident. */
  gain: number;
  gainPerResident: number;
  text: string;
}

export interface ImprovementPlan {
  target: ForecastTarget;
  /** The probability the plan must reach the target with. */
  wanted: number;
  status: 'already' | 'reached' | 'unreachable';
  items: PlanItem[];
  residents: number;
  /** The plan applied to the data and the forecast run again with every draw. */
  check: { probability: number; mean: number } | null;
}

/** One movable answer: response `i`, movable question `m`, its gain if moved to the best option. */
interface Candidates {
  i: Int32Array;
  m: Int16Array;
  gain: Float64Array;
  order: Uint32Array;
}

/** Per movable question and option: the expected-composite gain per unit of π of moving it to the best option. */
function gainFactors(frame: SampleFrame): number[][] {
  const a = analyticForecast(frame, 1);
  const { layout } = frame;
  return layout.movable.map((q) => {
    const best = bestOption(q);
    return q.options.map((o, j) => {
      if (a === null || best < 0 || j === best) return 0;
      let f = 0;
      layout.columns.forEach((col, c) => {
        if (col.questionId !== q.id) return;
        const from = optionValue(col, o);
        const to = optionValue(col, q.options[best]);
        if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) f = Number.NaN;
        else f += (layout.coefs[c] * (to - from)) / a.validShares[c];
      });
      return f > 0 ? f : 0;
    });
  });
}

function candidatesOf(frame: SampleFrame, factors: number[][]): Candidates {
  const M = frame.layout.movable.length;
  const is: number[] = [];
  const ms: number[] = [];
  const gains: number[] = [];
  for (let i = 0; i < frame.size; i++) {
    for (let m = 0; m < M; m++) {
      const a = frame.choice[i * M + m];
      const f = a >= 0 ? factors[m][a] : 0;
      if (!(f > 0)) continue;
      is.push(i);
      ms.push(m);
      gains.push(frame.prob[i] * f);
    }
  }
  const gain = Float64Array.from(gains);
  const i = Int32Array.from(is);
  const m = Int16Array.from(ms);
  const order = Uint32Array.from(gain.keys()).sort((x, y) => gain[y] - gain[x] || i[x] - i[y] || m[x] - m[y]);
  return { i, m, gain, order };
}

/** Moves response i's answer to movable question m to option `to`, updating that question's columns. */
export function moveAnswer(frame: SampleFrame, i: number, m: number, to: number): void {
  const { layout } = frame;
  const q = layout.movable[m];
  const k = layout.columns.length;
  frame.choice[i * layout.movable.length + m] = to;
  layout.columns.forEach((col, c) => {
    if (col.questionId !== q.id) return;
    const v = optionValue(col, q.options[to]);
    const ok = v !== undefined && !Number.isNaN(v);
    frame.values[i * k + c] = ok ? v : 0;
    frame.valid[i * k + c] = ok ? 1 : 0;
  });
}

/** The frame with the plan's moves made: in each item's area, its count of answers `from`, most-weighted first. */
export function applyPlan(frame: SampleFrame, items: readonly PlanItem[]): SampleFrame {
  const out = copyFrame(frame);
  const M = frame.layout.movable.length;
  for (const item of items) {
    const m = frame.layout.movable.findIndex((q) => q.id === item.questionId);
    const q = frame.layout.movable[m];
    const from = q.options.findIndex((o) => o.code === item.from);
    const to = q.options.findIndex((o) => o.code === item.to);
    const area = frame.areas.findIndex((a) => a.code === item.areaCode);
    const picks: number[] = [];
    for (let i = 0; i < frame.size; i++) if (frame.area[i] === area && out.choice[i * M + m] === from) picks.push(i);
    picks.sort((x, y) => frame.prob[y] - frame.prob[x] || x - y);
    for (const i of picks.slice(0, item.count)) moveAnswer(out, i, m, to);
  }
  return out;
}

export interface PlanOptions extends DrawOptions {
  target: ForecastTarget;
  /** Probability wanted, 0–1. */
  wanted: number;
  peers: readonly Peer[];
  /** Fewer draws while searching; the final check uses `draws`. */
  searchDraws?: number;
}

/** The probability a set of draws reaches the target. */
export function chanceOfTarget(set: DrawSet, target: ForecastTarget, peers: readonly Peer[], seed: number | string): number {
  if (target.kind === 'score') return shareAtLeast(set, target.score);
  const kept = set.sorted.length / set.draws;
  return kept * chanceOfRankAtBest(rankProbabilities(set, peers, seed), target.rank);
}

/** The plan applied and run again with every draw. */
export function checkPlan(frame: SampleFrame, items: readonly PlanItem[], o: PlanOptions): { probability: number; mean: number } {
  const set = drawOfficialPolls(applyPlan(frame, items), o);
  return { probability: chanceOfTarget(set, o.target, o.peers, o.seed), mean: spreadOf(set)?.mean ?? Number.NaN };
}

export function planImprovements(frame: SampleFrame, survey: Survey, o: PlanOptions): ImprovementPlan {
  const search: DrawOptions = { ...o, draws: Math.min(o.draws, o.searchDraws ?? 2000) };
  const base = drawOfficialPolls(frame, search);
  const plan = (status: ImprovementPlan['status'], items: PlanItem[], check: ImprovementPlan['check']): ImprovementPlan => ({
    target: o.target,
    wanted: o.wanted,
    status,
    items,
    residents: items.reduce((s, x) => s + x.count, 0),
    check,
  });
  const full = drawOfficialPolls(frame, o);
  if (chanceOfTarget(full, o.target, o.peers, o.seed) >= o.wanted) return plan('already', [], checkPlan(frame, [], o));
  const cands = candidatesOf(frame, gainFactors(frame));
  const work = copyFrame(frame);
  const threshold = o.target.kind === 'score' ? o.target.score : (scoreForRank(o.peers, o.target.rank) ?? 0);
  const spread = spreadOf(base);
  const sd = spread?.sd ?? 1;
  const low = base.sorted.length > 0 ? base.sorted[Math.floor((1 - o.wanted) * (base.sorted.length - 1))] : 0;
  let needed = threshold - low;
  let taken = 0;
  let gained = 0;
  for (let round = 0; round < 60; round++) {
    while (taken < cands.order.length && gained < needed) {
      const c = cands.order[taken++];
      moveAnswer(work, cands.i[c], cands.m[c], bestOption(frame.layout.movable[cands.m[c]]));
      gained += cands.gain[c];
    }
    if (chanceOfTarget(drawOfficialPolls(work, search), o.target, o.peers, o.seed) >= o.wanted) {
      const items = planItems(frame, survey, cands, taken);
      const check = checkPlan(frame, items, o);
      if (check.probability >= o.wanted) return plan('reached', items, check);
    }
    if (taken >= cands.order.length) return plan('unreachable', planItems(frame, survey, cands, taken), null);
    needed = Math.max(needed, gained) + Math.max(0.02, 0.1 * sd);
  }
  return plan('unreachable', [], null);
}

/** The first `taken` candidates grouped by area, question and answer, largest gain per resident first. */
function planItems(frame: SampleFrame, survey: Survey, cands: Candidates, taken: number): PlanItem[] {
  const M = frame.layout.movable.length;
  const groups = new Map<string, { area: number; m: number; from: number; count: number; gain: number }>();
  for (let t = 0; t < taken; t++) {
    const c = cands.order[t];
    const i = cands.i[c];
    const m = cands.m[c];
    const from = frame.choice[i * M + m];
    const key = `${frame.area[i]}|${m}|${from}`;
    const g = groups.get(key) ?? { area: frame.area[i], m, from, count: 0, gain: 0 };
    g.count += 1;
    g.gain += cands.gain[c];
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => describeItem(frame, survey, g))
    .sort((x, y) => y.gainPerResident - x.gainPerResident || y.gain - x.gain);
}

function describeItem(frame: SampleFrame, survey: Survey, g: { area: number; m: number; from: number; count: number; gain: number }): PlanItem {
  const q = frame.layout.movable[g.m];
  const area = frame.areas[g.area];
  const from = q.options[g.from];
  const to = q.options[bestOption(q)];
  return {
    areaCode: area.code,
    areaName: area.name,
    questionId: q.id,
    questionLabel: questionLabel(survey, q.id),
    from: from.code,
    to: to.code,
    fromLabel: from.label,
    toLabel: to.label,
    count: g.count,
    gain: g.gain,
    gainPerResident: g.gain / g.count,
    text: `${area.name}：${questionLabel(survey, q.id)}再有 ${g.count} 位居民从“${from.label}”变为“${to.label}”`,
  };
}

/** Every area, question and answer that could move, by expected gain per resident: the strongest levers first. */
export function strongestLevers(frame: SampleFrame, survey: Survey, limit: number): PlanItem[] {
  const cands = candidatesOf(frame, gainFactors(frame));
  return planItems(frame, survey, cands, cands.order.length).slice(0, limit);
}
