// What a questionnaire asks of the results computation: which questions are scored items, which rates to count,
// which knowledge questions to mark, and the per-respondent columns whose cross-products give the composite's and
// the mean indices' linearised errors (docs/statistics.md#composite).
import type { Survey, SurveyQuestion } from '../survey/model.js';

/** A value per respondent for the cross-products: a question's score, or 100/0 for "in a rate's option set". */
export type ScoreColumn =
  | { kind: 'score'; questionId: string }
  | { kind: 'rate'; questionId: string; options: string[]; indexId: string };

export interface KnowledgeQuestion {
  id: string;
  /** Codes of the correct options. */
  correct: string[];
  /** Multiple choice: every correct option and nothing else; otherwise any one correct option. */
  allOf: boolean;
}

export interface RatePlan {
  indexId: string;
  questionId: string;
  options: string[];
}

export interface ResultsPlan {
  /** Single/yes-no questions with scores: each gets an item score. */
  scored: SurveyQuestion[];
  /**
   * The scored questions a unit's three weakest items are chosen from: those that move the composite (an item, rate
   * or mean index with a weight), or every scored question when the composite uses none of them.
   */
  weakCandidates: SurveyQuestion[];
  rates: RatePlan[];
  knowledge: KnowledgeQuestion[];
  columns: ScoreColumn[];
  /** The composite's coefficient of each column (0 when the column only serves a mean index). */
  compositeCoefs: number[];
  /** Mean indices: the columns of their items. */
  means: Array<{ indexId: string; columns: number[] }>;
}

export function isScoredQuestion(q: SurveyQuestion): boolean {
  return (q.type === 'single' || q.type === 'yesno') && q.options.some((o) => o.score !== undefined);
}

export function columnKey(c: ScoreColumn): string {
  return c.kind === 'score' ? `score:${c.questionId}` : `rate:${c.indexId}`;
}

export function resultsPlan(survey: Survey): ResultsPlan {
  const scored = survey.questions.filter(isScoredQuestion);
  const rates: RatePlan[] = [];
  for (const ix of survey.indices) {
    if (ix.kind === 'rate') rates.push({ indexId: ix.id, questionId: ix.question, options: ix.options });
  }
  const knowledge: KnowledgeQuestion[] = survey.questions
    .filter((q) => q.knowledge)
    .map((q) => ({ id: q.id, correct: q.options.filter((o) => o.correct).map((o) => o.code), allOf: q.type === 'multiple' }));

  const columns: ScoreColumn[] = [];
  const coefs: number[] = [];
  const position = new Map<string, number>();
  const column = (c: ScoreColumn): number => {
    const key = columnKey(c);
    let at = position.get(key);
    if (at === undefined) {
      at = columns.length;
      position.set(key, at);
      columns.push(c);
      coefs.push(0);
    }
    return at;
  };
  const means: ResultsPlan['means'] = [];
  const inComposite = new Set<string>();
  for (const ix of survey.indices) {
    const a = survey.composite.weights[ix.id] ?? 0;
    if (a !== 0) for (const q of ix.kind === 'mean' ? ix.questions : [ix.question]) inComposite.add(q);
    if (ix.kind === 'item') {
      if (a !== 0) coefs[column({ kind: 'score', questionId: ix.question })] += a;
    } else if (ix.kind === 'rate') {
      // A rate enters the composite on the 0–100 scale of the scores it is combined with, so the composite is always
      // a 0–100 score, even when it weighs only rates (bulletin/metrics.ts COMPOSITE_KIND says so to every printer).
      if (a !== 0) coefs[column({ kind: 'rate', questionId: ix.question, options: ix.options, indexId: ix.id })] += a;
    } else {
      // The mean of m items enters through each item with weight a/m.
      const cols = ix.questions.map((q) => column({ kind: 'score', questionId: q }));
      for (const c of cols) coefs[c] += a / cols.length;
      means.push({ indexId: ix.id, columns: cols });
    }
  }
  const weighted = scored.filter((q) => inComposite.has(q.id));
  const weakCandidates = weighted.length > 0 ? weighted : scored;
  return { scored, weakCandidates, rates, knowledge, columns, compositeCoefs: coefs, means };
}
