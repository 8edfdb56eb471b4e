// A response's chosen options packed into one short string, stored with the response (responses.choices) so that a
// round's results read one row per response instead of one per answer. Each chosen option of a question (screening
// and text questions are left out) is two characters: the question's position in the questionnaire version's
// `questions`, then the option's position in that question's `options`, each as the character CHOICE_BASE + position.
// Positions are stable because a questionnaire version is immutable once a round uses it. Migration 003 packs the
// responses stored before the column existed the same way, in SQL: keep the two in step.
import type { Answers, Survey } from './model.js';

/** '0': positions 0–78 are printable ASCII, which keeps the column readable in a SQL shell. */
export const CHOICE_BASE = 48;

/** Joins several responses' packed choices (a grid's, as the results read them); below CHOICE_BASE, never inside one. */
export const RESPONSE_SEPARATOR = ',';

/** Positions above this would reach the UTF-16 surrogates; no questionnaire comes near it. */
const MAX_POSITION = 0xd7ff - CHOICE_BASE;

function positionChar(position: number): string {
  if (position > MAX_POSITION) throw new RangeError(`questionnaire position ${position} cannot be packed`);
  return String.fromCharCode(CHOICE_BASE + position);
}

/**
 * The packed choices of a response's answers. Codes that are not options of their question count for nothing in the
 * results, so they are left out too.
 */
export function packChoices(survey: Survey, answers: Answers): string {
  let packed = '';
  survey.questions.forEach((q, at) => {
    const value = answers[q.id];
    if (value?.kind !== 'choice') return;
    for (const code of value.codes) {
      const option = q.options.findIndex((o) => o.code === code);
      if (option >= 0) packed += positionChar(at) + positionChar(option);
    }
  });
  return packed;
}
