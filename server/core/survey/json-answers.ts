// Answers as other systems send them through the JSON API: question id → option code(s) or text.
// Shapes that cannot fit a question (text for a list, a list for a text, nested lists, numbers) are errors here;
// everything else — unknown codes, hidden questions, missing answers — is judged by checkAnswers exactly like a web
// submission. The input is typed `unknown` per value because the schema validator may coerce shapes (a one-item list
// to its item and back), so nothing here trusts what it was handed.
import type { AnswerError } from './answers.js';
import { findQuestion, type Answers, type Survey } from './model.js';
import { checkOtherText, otherOption } from './other-text.js';

/** `"<questionId>.other": "…"`: the text for a chosen 其他（请注明） option, as the form's text box gives it. */
export const OTHER_SUFFIX = '.other';

const NOT_TEXT = '这道题需要填写文字，而不是选项';
const NOT_CODES = '这道题需要选项编号（文字，多选题为文字数组），不能嵌套数组或使用其他类型';

/** Option codes of a choice answer, or undefined when the value is not a string or a flat list of strings. */
function codesOf(value: unknown): string[] | undefined {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const codes: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') return undefined;
    const code = item.trim();
    if (code !== '') codes.push(code);
  }
  return codes;
}

export function answersFromJson(
  survey: Survey,
  input: Readonly<Record<string, unknown>>,
): { answers: Answers; errors: AnswerError[] } {
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  const others: Array<[string, unknown]> = [];
  for (const [questionId, value] of Object.entries(input)) {
    if (questionId.endsWith(OTHER_SUFFIX)) {
      others.push([questionId.slice(0, -OTHER_SUFFIX.length), value]);
      continue;
    }
    const question = findQuestion(survey, questionId);
    if (!question) {
      errors.push({ questionId, message: `问卷中没有这道题（${questionId}）` });
      continue;
    }
    if (question.type === 'text') {
      if (typeof value !== 'string') errors.push({ questionId, message: NOT_TEXT });
      else if (value.trim() !== '') answers[questionId] = { kind: 'text', text: value };
      continue;
    }
    const codes = codesOf(value);
    if (codes === undefined) errors.push({ questionId, message: NOT_CODES });
    else if (codes.length > 0) answers[questionId] = { kind: 'choice', codes };
  }
  for (const [questionId, value] of others) attachOther(survey, answers, errors, questionId, value);
  return { answers, errors };
}

/** Puts an other text on its choice answer; text for an option that was not chosen is dropped, as on the form. */
function attachOther(survey: Survey, answers: Answers, errors: AnswerError[], questionId: string, value: unknown): void {
  const question = findQuestion(survey, questionId);
  if (!question || !otherOption(question)) {
    errors.push({ questionId: `${questionId}${OTHER_SUFFIX}`, message: '这道题没有“其他（请注明）”选项' });
    return;
  }
  if (typeof value !== 'string') {
    errors.push({ questionId: `${questionId}${OTHER_SUFFIX}`, message: NOT_TEXT });
    return;
  }
  const answer = answers[questionId];
  if (answer?.kind !== 'choice') return;
  const checked = checkOtherText(question, answer.codes, value);
  if (checked.error) errors.push({ questionId, message: checked.error });
  else if (checked.other !== undefined) answers[questionId] = { ...answer, other: checked.other };
}
