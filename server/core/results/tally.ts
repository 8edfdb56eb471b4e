// One pass over a round's completed responses, grid by grid, adding up everything the results need per grid: item
// sums (n, Σy, Σy², don't-knows), rate counts, 应知应会 shares and the cross-products of residuals for the composite
// (docs/statistics.md#composite). Only the grid's respondents are held (their column values, to centre on the grid means
// once the grid is complete); a district's 200,000 responses never sit in memory together.
//
// Responses arrive a grid at a time, as their packed choices (question and option positions,
// core/survey/choices.ts). Scores come from the options through the round's questionnaire version: the stored answer
// scores were derived from the same immutable version when the response was written, so the two always agree.
import { CrossProductAccumulator } from '../stats/index.js';
import { RESPONSE_SEPARATOR } from '../survey/choices.js';
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';
import type { GridCross, ItemSums, RoundAggregates } from './aggregates.js';
import { NO_ANSWER, RATE_DONT_KNOW, RATE_HIT, RATE_MISS, ResponseReader } from './response-reader.js';

function sums(): ItemSums {
  return { n: 0, sum: 0, sumSq: 0, dontKnow: 0 };
}

export class RoundTally {
  readonly questions: RoundAggregates['questions'] = new Map();
  readonly rates: RoundAggregates['rates'] = new Map();
  readonly knowledge: RoundAggregates['knowledge'] = new Map();
  readonly cross = new Map<number, GridCross>();
  /** Completed responses tallied per grid. */
  readonly completed = new Map<number, number>();

  /** Where each cross-product column's value comes from: a scored question or a rate (positions in the plan). */
  private readonly sources: Array<{ rate: boolean; at: number }>;
  private gridId: number | null = null;
  private gridItems: ItemSums[] = [];
  private gridRates: ItemSums[] = [];
  private gridKnowledge: ItemSums = sums();
  /** The current grid's respondents' column values, one after another (NaN = no substantive answer). */
  private gridValues = new Float64Array(1024);
  private gridRespondents = 0;
  /** Tallies of a part of the responses (by the letter each response is prefixed with), fed by this tally's reading. */
  private parts: ReadonlyMap<string, RoundTally> | null = null;

  /** `reader` is shared with the tallies of parts (splitBy): a response is read once for all of them. */
  constructor(private readonly plan: ResultsPlan, survey: Survey, private readonly reader = new ResponseReader(plan, survey)) {
    this.sources = plan.columns.map((c) =>
      c.kind === 'score'
        ? { rate: false, at: plan.scored.findIndex((q) => q.id === c.questionId) }
        : { rate: true, at: plan.rates.findIndex((r) => r.indexId === c.indexId) },
    );
  }

  /**
   * From now on each response given to addGrid starts with one letter naming its part (an answer mode, say), and is
   * tallied both here and in that part's own tally — the same figures a tally of that part's responses alone would
   * give (tallySubset), without reading any response twice. Letters outside `letters` belong to no part.
   */
  splitBy(letters: Iterable<string>, survey: Survey): ReadonlyMap<string, RoundTally> {
    const parts = new Map([...letters].map((l) => [l, new RoundTally(this.plan, survey, this.reader)]));
    this.parts = parts;
    return parts;
  }

  /** One grid's completed responses: their packed choices in response order, joined by RESPONSE_SEPARATOR. */
  addGrid(gridId: number, responses: string): void {
    this.startGrid(gridId);
    const parts = this.parts;
    for (let start = 0; start <= responses.length; ) {
      let end = responses.indexOf(RESPONSE_SEPARATOR, start);
      if (end < 0) end = responses.length;
      if (parts) {
        const part = parts.get(responses[start]);
        this.reader.read(responses, start + 1, end);
        this.countRead();
        if (part) {
          if (part.gridId !== gridId) part.startGrid(gridId);
          part.countRead();
        }
      } else {
        this.reader.read(responses, start, end);
        this.countRead();
      }
      start = end + 1;
    }
  }

  /** Closes the last grid (and the parts' last grids); the tally's maps are complete afterwards. */
  finish(): this {
    this.closeGrid();
    this.gridId = null;
    for (const part of this.parts?.values() ?? []) part.finish();
    return this;
  }

  /**
   * The finished tally as the estimates take it, for responses tallied apart from a round's own pass (one answer mode,
   * one interviewer's, survey categories as pseudo-grids): `complete` counts each grid's responses (those tallied when
   * absent); no calls, no receipts.
   */
  aggregates(complete: ReadonlyMap<number, number> = this.completed): RoundAggregates {
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

  /** Counts the response the reader holds into the current grid. */
  private countRead(): void {
    this.count();
    this.keepColumns();
  }

  private count(): void {
    const { score, dontKnow, rateState, chosen, hits } = this.reader;
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
      if (at >= 0 && !rate) v = this.reader.score[at];
      else if (at >= 0) v = this.reader.rateState[at] === RATE_HIT ? 100 : this.reader.rateState[at] === RATE_MISS ? 0 : Number.NaN;
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
    this.completed.set(h, this.gridRespondents);

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
