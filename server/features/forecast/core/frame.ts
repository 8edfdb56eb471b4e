// The sampling frame of the simulated official poll: every completed response of the forecast's round(s), with its
// per-column numerators and validity (layout.ts) and its chance of being drawn. The official poll draws residents of
// the district at random, so a respondent of grid h stands for N_h / n_h residents (the same post-stratification
// weight as the results, docs/statistics.md#weights; equal when a grid lacks a population); with a window of rounds, each
// round's weights are scaled to its stated share. Whole responses are drawn, so one resident's answers stay together.
import { CHOICE_BASE, RESPONSE_SEPARATOR } from '../../../core/survey/choices.js';
import type { Survey } from '../../../core/survey/model.js';
import { optionValue, type CompositeLayout } from './layout.js';

export interface FrameArea {
  code: string;
  name: string;
}

export interface SampleFrame {
  layout: CompositeLayout;
  /** Responses. */
  size: number;
  /** size × columns: the response's value where valid, else 0. */
  values: Float64Array;
  /** size × columns: 1 where the answer counts in the column's denominator. */
  valid: Uint8Array;
  /** Chance of each response being drawn (sums to 1). */
  prob: Float64Array;
  /** The area (township) each response's grid lies in, as an index into `areas`. */
  area: Int32Array;
  areas: FrameArea[];
  /** size × movable questions: the chosen option's position in the layout's question, -1 when none. */
  choice: Int16Array;
}

/** Thrown for data the forecast cannot use; the message is for the committee. */
export class ForecastProblem extends Error {}

export interface RoundSource {
  survey: Survey;
  /** The round's share of the window (any positive number; shares are normalised). */
  weight: number;
  /** Grid id → resident population (null = unknown). */
  populations: ReadonlyMap<number, number | null>;
  /** Grid id → the area it is reported under. */
  areaOf: (gridId: number) => FrameArea;
  /** Calls `add` for each grid's completed responses (packed choices joined by RESPONSE_SEPARATOR). */
  eachGrid: (add: (gridId: number, packed: string) => void) => void;
}

type Effect = { col: number; value: number; rate: boolean } | { movable: number; option: number };

const RATE_MISS = 1;
const RATE_HIT = 2;
const RATE_DONT_KNOW = 3;

/** By question position, then option position of a round's questionnaire version: what choosing it does. */
function effectsOf(layout: CompositeLayout, survey: Survey, label: string): Array<Array<Effect[] | undefined>> {
  const position = new Map(survey.questions.map((q, i) => [q.id, i]));
  const effects: Array<Array<Effect[] | undefined>> = survey.questions.map(() => []);
  const on = (q: number, o: number, e: Effect) => (effects[q][o] ??= []).push(e);
  layout.columns.forEach((column, col) => {
    const q = position.get(column.questionId);
    if (q === undefined) throw new ForecastProblem(`${label}的问卷没有第 ${column.questionId} 题，不能与正式民调问卷合并计算`);
    survey.questions[q].options.forEach((o, j) => {
      const v = optionValue(column, o);
      if (v === undefined) return;
      if (column.kind === 'rate') on(q, j, { col, value: Number.isNaN(v) ? RATE_DONT_KNOW : v > 0 ? RATE_HIT : RATE_MISS, rate: true });
      else on(q, j, { col, value: v, rate: false });
    });
  });
  layout.movable.forEach((mq, m) => {
    const q = position.get(mq.id);
    if (q === undefined) return;
    survey.questions[q].options.forEach((o, j) => {
      const option = mq.options.findIndex((x) => x.code === o.code);
      if (option >= 0) on(q, j, { movable: m, option });
    });
  });
  return effects;
}

/** Collects rounds' responses into one frame. */
export class FrameBuilder {
  private values: number[] = [];
  private valid: number[] = [];
  private prob: number[] = [];
  private area: number[] = [];
  private choice: number[] = [];
  private readonly areas: FrameArea[] = [];
  private readonly areaIndex = new Map<string, number>();
  private size = 0;

  constructor(readonly layout: CompositeLayout) {}

  /** Adds one round; `label` names it in messages (e.g. "2026-05 轮次"). */
  addRound(source: RoundSource, label: string): void {
    if (!(source.weight > 0)) throw new ForecastProblem(`${label}的权重必须大于 0`);
    const effects = effectsOf(this.layout, source.survey, label);
    const start = this.size;
    const gridOf: number[] = [];
    const perGrid = new Map<number, number>();
    source.eachGrid((gridId, packed) => {
      const areaAt = this.areaAt(source.areaOf(gridId));
      for (let s = 0; s <= packed.length; ) {
        let e = packed.indexOf(RESPONSE_SEPARATOR, s);
        if (e < 0) e = packed.length;
        this.addResponse(effects, packed, s, e, areaAt);
        gridOf.push(gridId);
        perGrid.set(gridId, (perGrid.get(gridId) ?? 0) + 1);
        s = e + 1;
      }
    });
    this.weighRound(start, gridOf, perGrid, source);
  }

  build(): SampleFrame {
    if (this.size === 0) throw new ForecastProblem('所选轮次没有已完成的问卷，无法预测');
    return {
      layout: this.layout,
      size: this.size,
      values: Float64Array.from(this.values),
      valid: Uint8Array.from(this.valid),
      prob: normalised(Float64Array.from(this.prob)),
      area: Int32Array.from(this.area),
      areas: [...this.areas],
      choice: Int16Array.from(this.choice),
    };
  }

  private areaAt(a: FrameArea): number {
    let at = this.areaIndex.get(a.code);
    if (at === undefined) {
      at = this.areas.length;
      this.areas.push(a);
      this.areaIndex.set(a.code, at);
    }
    return at;
  }

  private addResponse(effects: Array<Array<Effect[] | undefined>>, packed: string, start: number, end: number, areaAt: number): void {
    const k = this.layout.columns.length;
    const row = new Array<number>(k).fill(Number.NaN);
    const rate = new Array<number>(k).fill(0);
    const chosen = new Array<number>(this.layout.movable.length).fill(-1);
    for (let i = start; i + 1 < end; i += 2) {
      const list = effects[packed.charCodeAt(i) - CHOICE_BASE]?.[packed.charCodeAt(i + 1) - CHOICE_BASE];
      if (!list) continue;
      for (const e of list) {
        if ('movable' in e) chosen[e.movable] = e.option;
        // A multiple-choice rate: a hit when any chosen option is in the set, unless one is non-substantive (tally.ts).
        else if (e.rate) rate[e.col] = Math.max(rate[e.col], e.value);
        else row[e.col] = e.value;
      }
    }
    for (let c = 0; c < k; c++) {
      const v = this.layout.columns[c].kind === 'rate' ? (rate[c] === RATE_HIT ? 100 : rate[c] === RATE_MISS ? 0 : Number.NaN) : row[c];
      const ok = !Number.isNaN(v);
      this.values.push(ok ? v : 0);
      this.valid.push(ok ? 1 : 0);
    }
    for (const c of chosen) this.choice.push(c);
    this.area.push(areaAt);
    this.size += 1;
  }

  /** g = N_h / n_h per respondent (all 1 when a grid lacks a population), scaled so the round sums to its weight. */
  private weighRound(start: number, gridOf: number[], perGrid: Map<number, number>, source: RoundSource): void {
    const equal = [...perGrid.keys()].some((h) => !((source.populations.get(h) ?? 0) > 0));
    let total = 0;
    const g = gridOf.map((h) => (equal ? 1 : (source.populations.get(h) ?? 0) / (perGrid.get(h) ?? 1)));
    for (const x of g) total += x;
    for (const x of g) this.prob.push(total > 0 ? (source.weight * x) / total : 0);
    if (this.prob.length !== start + g.length) throw new Error('frame weights out of step with responses');
  }
}

function normalised(p: Float64Array): Float64Array {
  let s = 0;
  for (const x of p) s += x;
  if (s > 0) for (let i = 0; i < p.length; i++) p[i] /= s;
  return p;
}

/** A copy of the frame whose answers a plan may change. */
export function copyFrame(f: SampleFrame): SampleFrame {
  return { ...f, values: f.values.slice(), valid: f.valid.slice(), choice: f.choice.slice() };
}
