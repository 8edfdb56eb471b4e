// Answers as other systems send them through the JSON API: question id → option code(s) or text.
// Shapes that cannot fit a question (text for a list, a list for a text, nested lists, numbers) are errors here;
// everything else — unknown codes, hidden questions, missing answers — is judged by checkAnswers exactly like a web
// submission. The input is typed `unknown` per value because the schema validator may coerce shapes (a one-item list
// to its item and back), so nothing here trusts what it was handed.
import type { AnswerError } from './answers.js';
import { findQuestion, type Answers, type Survey } from './model.js';

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
  for (const [questionId, value] of Object.entries(input)) {
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
  return { answers, errors };
}
