// What the official poll's composite is made of, taken from the questionnaire through the results plan
// (core/results/plan.ts), so the forecast scores a sample with exactly the formula the bulletin uses:
// C = Σ_c a_c · (Σ y_ic over valid answers / number of valid answers), one column c per item or rate with a weight.
// A simple random sample weighs every resident the same, so each column of a sample is a ratio of two sums: a draw
// only adds up per-response numerators (y, 0 when not valid) and denominators (1 when valid).
import { columnKey, isScoredQuestion, resultsPlan, type ScoreColumn } from '../../../core/results/plan.js';
import type { Survey, SurveyOption, SurveyQuestion } from '../../../core/survey/model.js';
import { questionNumbers } from '../../../core/survey/numbering.js';
import { questionShortName } from '../../../core/survey/short-names.js';

export interface CompositeLayout {
  /** The composite's name as the questionnaire gives it (民调综合得分). */
  name: string;
  /** Columns with a non-zero weight, in plan order. */
  columns: ScoreColumn[];
  keys: string[];
  coefs: number[];
  /**
   * Single-choice scored questions the composite uses: the answers a plan of improvements may move. A rate on a
   * multiple-choice question counts, but such a question is never moved.
   */
  movable: SurveyQuestion[];
}

/** What the committee is told when the official questionnaire has no composite score. */
export function noCompositeMessage(surveyTitle: string): string {
  return `问卷“${surveyTitle}”没有综合得分（未给任何指标设权重），无法预测正式民调得分。请在正式民调设置中选择有综合得分的问卷。`;
}

/** The composite's columns, or null when the questionnaire gives no weight to any index (no composite to forecast). */
export function compositeLayout(survey: Survey): CompositeLayout | null {
  const plan = resultsPlan(survey);
  const columns: ScoreColumn[] = [];
  const coefs: number[] = [];
  plan.columns.forEach((c, i) => {
    const a = plan.compositeCoefs[i];
    if (a !== 0 && Number.isFinite(a)) {
      columns.push(c);
      coefs.push(a);
    }
  });
  if (columns.length === 0) return null;
  const used = new Set(columns.map((c) => c.questionId));
  const movable = survey.questions.filter((q) => used.has(q.id) && q.type !== 'multiple' && isScoredQuestion(q));
  return { name: survey.composite.name, columns, keys: columns.map(columnKey), coefs, movable };
}

/**
 * The value one chosen option gives a column, as the results tally counts it: a score column takes the option's
 * score (NaN for 不了解-type answers, undefined when the option has no score and counts for nothing); a rate column
 * is 100 in its option set, 0 outside it, NaN for a non-substantive answer.
 */
export function optionValue(column: ScoreColumn, option: SurveyOption): number | undefined {
  if (column.kind === 'score') {
    if (option.excluded) return Number.NaN;
    return option.score;
  }
  if (option.excluded) return Number.NaN;
  return column.options.includes(option.code) ? 100 : 0;
}

/** The best-scored substantive option of a question: where a plan moves answers to. */
export function bestOption(question: SurveyQuestion): number {
  let best = -1;
  question.options.forEach((o, j) => {
    if (o.excluded || o.score === undefined) return;
    if (best < 0 || o.score > (question.options[best].score ?? 0)) best = j;
  });
  return best;
}

/**
 * "第 10 题（公安满意度）": the number printed on the resident form (numbering.ts; screening questions and follow-ups
 * count as the form counts them, so Q8 of hunan-100 is 第 10 题) and the question's short name.
 */
export function questionLabel(survey: Survey, questionId: string): string {
  const number = questionNumbers(survey).get(questionId);
  const name = questionShortName(survey, questionId);
  return number === undefined ? name : `第 ${number} 题（${name}）`;
}
