// 其他（请注明）: an option marked `other` comes with a short text box for what the other answer is. The text travels
// with the choice answer (AnswerValue.other) and is stored on the chosen option's answer row, masked like every free
// text. Only the resident form requires it when the option is chosen: an interviewer or a paper form may have
// nothing to copy, and such a response still counts.
import type { AnswerError } from './answers.js';
import { allQuestions, type Answers, type Survey, type SurveyOption, type SurveyQuestion } from './model.js';

/** The form field of a question's other text: `o_<questionId>` (answers are `q_<questionId>`). */
export const OTHER_FIELD_PREFIX = 'o_';
/** A few words, not a suggestion: longer text belongs in the suggestion question. */
export const OTHER_MAX_LENGTH = 50;

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function otherOption(question: SurveyQuestion): SurveyOption | undefined {
  return question.options.find((o) => o.other === true);
}

/** The text as kept: one line, control characters removed, trimmed. */
export function cleanOtherText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(CONTROL_CHARS, '').trim();
}

/**
 * The other text to keep with these chosen codes, or the error it has. Text typed for an option that is not chosen
 * (the resident changed their mind) is dropped, not held against them.
 */
export function checkOtherText(question: SurveyQuestion, codes: readonly string[], text: string | undefined): { other?: string; error?: string } {
  const option = otherOption(question);
  if (!option || !codes.includes(option.code) || text === undefined) return {};
  const cleaned = cleanOtherText(text);
  if (cleaned === '') return {};
  if ([...cleaned].length > OTHER_MAX_LENGTH) return { error: `“${option.label}”的说明过长（最多 ${OTHER_MAX_LENGTH} 字）` };
  return { other: cleaned };
}

/** The resident form's rule: a chosen 其他 option needs its text (run on checked answers). */
export function missingOtherTexts(survey: Survey, answers: Answers): AnswerError[] {
  const errors: AnswerError[] = [];
  for (const question of allQuestions(survey)) {
    const value = answers[question.id];
    const option = otherOption(question);
    if (!option || value?.kind !== 'choice' || !value.codes.includes(option.code)) continue;
    if ((value.other ?? '') === '') errors.push({ questionId: question.id, message: `您选了“${option.label}”，请注明具体内容` });
  }
  return errors;
}
