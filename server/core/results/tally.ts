// One pass over a round's completed responses, grid by grid, adding up everything the results need per grid: item
// sums (n, Σy, Σy², don't-knows), rate counts, 应知应会 shares and the cross-products of residuals for the composite
// (docs/statistics.md#composite). Only the grid's respondents are held (their column values, to centre on the grid means
// once the grid is complete); a district's 200,000 responses never sit in memory together.
//
// Responses arrive a grid at a time, as their packed choices (question and option positions,
// core/survey/choices.ts). Scores come from the options through the round's questionnaire version: the stored answer
// scores were derived from the same immutable version when the response was written, so the two always agree.
import { CrossProductAccumulator } from '../stats/index.js';
import { CHOICE_BASE, RESPONSE_SEPARATOR } from '../survey/choices.js';
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';
import type { GridCross, ItemSums, RoundAggregates } from './aggregates.js';

/** What choosing one option of one question does to the tally. */
type Action =
  | { kind: 'score'; at: number; y: number }
  | { kind: 'dontKnow'; at: number }
  | { kind: 'rate'; at: number; state: number }
  | { kind: 'knowledge'; at: number; correct: boolean };

const NO_ANSWER = 0;
const RATE_MISS = 1;
const RATE_HIT = 2;
const RATE_DONT_KNOW = 3;

function sums(): ItemSums {
  return { n: 0, sum: 0, sumSq: 0, dontKnow: 0 };
}

export class RoundTally {
  readonly questions: RoundAggregates['questions'] = new Map();
  readonly rates: RoundAggregates['rates'] = new Map();
  readonly knowledge: RoundAggregates['knowledge'] = new Map();
  readonly cross = new Map<number, GridCross>();

  /** By question position, then option position (as packed): what choosing that option does. */
  private readonly actions: Array<Array<Action[] | undefined>>;
  /** Where each cross-product column's value comes from: a scored question or a rate (positions in the plan). */
  private readonly sources: Array<{ rate: boolean; at: number }>;
  private readonly score: Float64Array;
  private readonly dontKnow: Uint8Array;
  private readonly rateState: Uint8Array;
  private readonly chosen: Uint16Array;
  private readonly hits: Uint16Array;
  private gridId: number | null = null;
  private gridItems: ItemSums[] = [];
  private gridRates: ItemSums[] = [];
  private gridKnowledge: ItemSums = sums();
  /** The current grid's respondents' column values, one after another (NaN = no substantive answer). */
  private gridValues = new Float64Array(1024);
  private gridRespondents = 0;

  constructor(private readonly plan: ResultsPlan, survey: Survey) {
    this.actions = survey.questions.map(() => []);
    const position = new Map(survey.questions.map((q, i) => [q.id, i]));
    const on = (questionId: string, option: number, action: Action) => {
      const byOption = this.actions[position.get(questionId) ?? -1];
      if (!byOption) return;
      const list = byOption[option];
      if (list) list.push(action);
      else byOption[option] = [action];
    };
    const optionsOf = (questionId: string) => survey.questions[position.get(questionId) ?? -1]?.options ?? [];
    plan.scored.forEach((q, at) => {
      q.options.forEach((o, j) => {
        if (o.excluded) on(q.id, j, { kind: 'dontKnow', at });
        else if (o.score !== undefined) on(q.id, j, { kind: 'score', at, y: o.score });
      });
    });
    plan.rates.forEach((r, at) => {
      optionsOf(r.questionId).forEach((o, j) => {
        const state = o.excluded ? RATE_DONT_KNOW : r.options.includes(o.code) ? RATE_HIT : RATE_MISS;
        on(r.questionId, j, { kind: 'rate', at, state });
      });
    });
    plan.knowledge.forEach((k, at) => {
      optionsOf(k.id).forEach((o, j) => on(k.id, j, { kind: 'knowledge', at, correct: k.correct.includes(o.code) }));
    });
    this.sources = plan.columns.map((c) =>
      c.kind === 'score'
        ? { rate: false, at: plan.scored.findIndex((q) => q.id === c.questionId) }
        : { rate: true, at: plan.rates.findIndex((r) => r.indexId === c.indexId) },
    );
    this.score = new Float64Array(plan.scored.length);
    this.dontKnow = new Uint8Array(plan.scored.length);
    this.rateState = new Uint8Array(plan.rates.length);
    this.chosen = new Uint16Array(plan.knowledge.length);
    this.hits = new Uint16Array(plan.knowledge.length);
  }

  /** One grid's completed responses: their packed choices in response order, joined by RESPONSE_SEPARATOR. */
  addGrid(gridId: number, responses: string): void {
    this.startGrid(gridId);
    for (let start = 0; start <= responses.length; ) {
      let end = responses.indexOf(RESPONSE_SEPARATOR, start);
      if (end < 0) end = responses.length;
      this.addResponse(responses, start, end);
      start = end + 1;
    }
  }

  /** Closes the last grid; the tally's maps are complete afterwards. */
  finish(): this {
    this.closeGrid();
    this.gridId = null;
    return this;
  }

  /**
   * The finished tally as the estimates take it, for responses tallied apart from a round's own pass (one answer mode,
   * one interviewer's, survey categories as pseudo-grids): `complete` counts each grid's responses; no calls, no receipts.
   */
  aggregates(complete: ReadonlyMap<number, number>): RoundAggregates {
    return {
      counts: new Map([...complete].map(([h, n]) => [h, { complete: n, screenedOut: 0 }])),
      questions: this.questions,
      rates: this.rates,
      knowledge: this.knowledge,
      cross: this.cross,
      calls: null,
      receipts: new Map(),
    };
  }

  /** One response: the packed choices in responses[start, end). */
  private addResponse(responses: string, start: number, end: number): void {
    const { score, dontKnow, rateState, chosen, hits } = this;
    score.fill(Number.NaN);
    dontKnow.fill(0);
    rateState.fill(NO_ANSWER);
    chosen.fill(0);
    hits.fill(0);
    for (let i = start; i + 1 < end; i += 2) {
      const list = this.actions[responses.charCodeAt(i) - CHOICE_BASE]?.[responses.charCodeAt(i + 1) - CHOICE_BASE];
      if (!list) continue;
      for (const a of list) {
        if (a.kind === 'score') score[a.at] = a.y;
        else if (a.kind === 'dontKnow') dontKnow[a.at] = 1;
        // A multiple-choice rate is a hit when any chosen option is in the set.
        else if (a.kind === 'rate') rateState[a.at] = Math.max(rateState[a.at], a.state);
        else {
          chosen[a.at] += 1;
          if (a.correct) hits[a.at] += 1;
        }
      }
    }
    this.count();
    this.keepColumns();
  }

  private count(): void {
    const { score, dontKnow, rateState, chosen, hits } = this;
    for (let k = 0; k < score.length; k++) {
      const s = this.gridItems[k];
      const y = score[k];
      if (!Number.isNaN(y)) {
        s.n += 1;
        s.sum += y;
        s.sumSq += y * y;
      } else if (dontKnow[k]) s.dontKnow += 1;
    }
    for (let r = 0; r < rateState.length; r++) {
      const s = this.gridRates[r];
      if (rateState[r] === RATE_DONT_KNOW) s.dontKnow += 1;
      else if (rateState[r] !== NO_ANSWER) {
        s.n += 1;
        if (rateState[r] === RATE_HIT) {
          s.sum += 1;
          s.sumSq += 1;
        }
      }
    }
    let answered = 0;
    let correct = 0;
    for (let j = 0; j < chosen.length; j++) {
      if (chosen[j] === 0) continue;
      answered += 1;
      // Single choice: any correct option; multiple choice: all the correct options and nothing else.
      const k = this.plan.knowledge[j];
      if (hits[j] === chosen[j] && (!k.allOf || hits[j] === k.correct.length)) correct += 1;
    }
    if (answered > 0) {
      const share = correct / answered;
      this.gridKnowledge.n += 1;
      this.gridKnowledge.sum += share;
      this.gridKnowledge.sumSq += share * share;
    }
  }

  private keepColumns(): void {
    const k = this.sources.length;
    if (k === 0) return;
    const offset = this.gridRespondents * k;
    if (offset + k > this.gridValues.length) {
      const bigger = new Float64Array(this.gridValues.length * 2);
      bigger.set(this.gridValues);
      this.gridValues = bigger;
    }
    for (let i = 0; i < k; i++) {
      const { rate, at } = this.sources[i];
      let v = Number.NaN;
      if (at >= 0 && !rate) v = this.score[at];
      else if (at >= 0) v = this.rateState[at] === RATE_HIT ? 100 : this.rateState[at] === RATE_MISS ? 0 : Number.NaN;
      this.gridValues[offset + i] = v;
    }
    this.gridRespondents += 1;
  }

  private startGrid(gridId: number): void {
    this.closeGrid();
    if (this.knowledge.has(gridId)) throw new Error(`responses of grid ${gridId} are not streamed together`);
    this.gridId = gridId;
    this.gridItems = this.plan.scored.map(sums);
    this.gridRates = this.plan.rates.map(sums);
    this.gridKnowledge = sums();
    this.gridRespondents = 0;
  }

  private closeGrid(): void {
    const h = this.gridId;
    if (h === null) return;
    const { plan } = this;
    plan.scored.forEach((q, k) => {
      let m = this.questions.get(q.id);
      if (!m) this.questions.set(q.id, (m = new Map()));
      m.set(h, this.gridItems[k]);
    });
    plan.rates.forEach((r, k) => {
      let m = this.rates.get(r.indexId);
      if (!m) this.rates.set(r.indexId, (m = new Map()));
      m.set(h, this.gridRates[k]);
    });
    this.knowledge.set(h, this.gridKnowledge);

    // Residuals are taken from the grid's plain item means, known only now that the grid is complete.
    const means = this.sources.map(({ rate, at }) => {
      const s = rate ? this.gridRates[at] : this.gridItems[at];
      if (!s || s.n === 0) return null;
      return rate ? (100 * s.sum) / s.n : s.sum / s.n;
    });
    const k = this.sources.length;
    const acc = new CrossProductAccumulator(means);
    const meanCounts = plan.means.map(() => 0);
    const values = new Array<number | null>(k);
    for (let r = 0; r < this.gridRespondents; r++) {
      for (let i = 0; i < k; i++) {
        const v = this.gridValues[r * k + i];
        values[i] = Number.isNaN(v) ? null : v;
      }
      acc.add(values);
      for (let j = 0; j < plan.means.length; j++) {
        if (plan.means[j].columns.some((c) => values[c] !== null)) meanCounts[j] += 1;
      }
    }
    this.cross.set(h, { matrix: acc.matrix, meanCounts });
  }
}
