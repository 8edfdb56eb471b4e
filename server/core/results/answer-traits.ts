// What one interview's scored answers look like as a whole, for the checks on interviewers and coached answers
// (docs/statistics.md#interviewers, docs/statistics.md#coached-answers): how many scored questions were asked, how many
// were answered 说不清/不了解, how many at the question's best option, whether every scored answer is the same score
// (straight-lining), and the whole pattern of scored choices.
import { CHOICE_BASE } from '../survey/choices.js';
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';

export interface AnswerTraits {
  /** Scored questions answered at all (substantive or don't-know). */
  asked: number;
  dontKnow: number;
  /** Substantive answers at the question's highest score. */
  best: number;
  /** Substantive scored answers. */
  substantive: number;
  /** Every scored answer substantive, at least two of them, all with the same score. */
  straight: boolean;
  /** Every scored answer substantive and at the best option (at least one). */
  allBest: boolean;
  /** The scored choices in questionnaire order, as packed: two interviews with the same pattern answered alike. */
  pattern: string;
}

interface OptionRole {
  dontKnow: boolean;
  score: number | null;
  best: boolean;
}

/** A reader of packed choices (core/survey/choices.ts) into traits, built once per questionnaire. */
export function answerTraitsReader(plan: ResultsPlan, survey: Survey): (packed: string) => AnswerTraits {
  const scoredIds = new Set(plan.scored.map((q) => q.id));
  const roles: Array<Array<OptionRole> | undefined> = survey.questions.map((q) => {
    if (!scoredIds.has(q.id)) return undefined;
    const top = Math.max(...q.options.map((o) => (o.excluded || o.score === undefined ? Number.NEGATIVE_INFINITY : o.score)));
    return q.options.map((o) => ({
      dontKnow: o.excluded === true,
      score: o.excluded || o.score === undefined ? null : o.score,
      best: !o.excluded && o.score !== undefined && o.score === top,
    }));
  });
  return (packed) => {
    let asked = 0;
    let dontKnow = 0;
    let best = 0;
    let substantive = 0;
    let first: number | null = null;
    let same = true;
    let pattern = '';
    for (let i = 0; i + 1 < packed.length; i += 2) {
      const role = roles[packed.charCodeAt(i) - CHOICE_BASE]?.[packed.charCodeAt(i + 1) - CHOICE_BASE];
      if (!role) continue;
      asked += 1;
      pattern += packed.slice(i, i + 2);
      if (role.dontKnow) dontKnow += 1;
      if (role.score === null) continue;
      substantive += 1;
      if (role.best) best += 1;
      if (first === null) first = role.score;
      else if (role.score !== first) same = false;
    }
    const clean = asked > 0 && dontKnow === 0 && substantive === asked;
    return {
      asked,
      dontKnow,
      best,
      substantive,
      straight: clean && substantive >= 2 && same,
      allBest: clean && best === substantive,
      pattern,
    };
  };
}

/** The middle value (mean of the two middle ones for an even count); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** R's default (type 7) quantile of `values` at probability p; null when there are none. */
export function quantile7(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
