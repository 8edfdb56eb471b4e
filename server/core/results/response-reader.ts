// Reading one response's packed choices (core/survey/choices.ts) into what the tally counts: each scored question's
// score or don't-know, each rate's hit/miss/don't-know, each knowledge question's chosen and correct options. Kept apart
// from the sums (tally.ts) so that one reading of a response can be counted by several tallies: the round's own and
// the one of the response's answer mode (docs/statistics.md#answer-modes).
import { CHOICE_BASE } from '../survey/choices.js';
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';

/** What choosing one option of one question does to the tally. */
type Action =
  | { kind: 'score'; at: number; y: number }
  | { kind: 'dontKnow'; at: number }
  | { kind: 'rate'; at: number; state: number }
  | { kind: 'knowledge'; at: number; correct: boolean };

export const NO_ANSWER = 0;
export const RATE_MISS = 1;
export const RATE_HIT = 2;
export const RATE_DONT_KNOW = 3;

export class ResponseReader {
  /** The last response read, by position in the plan: its score (NaN = none), don't-know, rate state, knowledge. */
  readonly score: Float64Array;
  readonly dontKnow: Uint8Array;
  readonly rateState: Uint8Array;
  readonly chosen: Uint16Array;
  readonly hits: Uint16Array;
  /** By question position, then option position (as packed): what choosing that option does. */
  private readonly actions: Array<Array<Action[] | undefined>>;

  constructor(plan: ResultsPlan, survey: Survey) {
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
    this.score = new Float64Array(plan.scored.length);
    this.dontKnow = new Uint8Array(plan.scored.length);
    this.rateState = new Uint8Array(plan.rates.length);
    this.chosen = new Uint16Array(plan.knowledge.length);
    this.hits = new Uint16Array(plan.knowledge.length);
  }

  /** Reads the packed choices in responses[start, end). */
  read(responses: string, start: number, end: number): void {
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
  }
}
