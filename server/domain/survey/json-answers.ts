// Answers as other systems send them through the JSON API: question id → option code(s) or text.
// Shapes that cannot fit a question (text for a list, a list for a text) are errors here; everything else —
// unknown codes, hidden questions, missing answers — is judged by checkAnswers exactly like a web submission.
import type { AnswerError } from './answers.js';
import { findQuestion, type Answers, type Survey } from './model.js';

export function answersFromJson(
  survey: Survey,
  input: Record<string, string | string[]>,
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
      if (typeof value !== 'string') errors.push({ questionId, message: '这道题需要填写文字，而不是选项' });
      else if (value.trim() !== '') answers[questionId] = { kind: 'text', text: value };
      continue;
    }
    const codes = (typeof value === 'string' ? [value] : value).map((c) => c.trim()).filter((c) => c !== '');
    if (codes.length > 0) answers[questionId] = { kind: 'choice', codes };
  }
  return { answers, errors };
}
