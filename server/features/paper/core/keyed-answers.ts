// Paper questionnaires keyed in by staff (纸质录入): each choice question's answer is typed as option codes — the
// option's own code (A, B, X …, any case) or its position (1, 2, 3 …) — several for a multiple choice ("AC", "A C",
// "1,3"). This turns the typed text into answers for the one questionnaire check (core/survey/answers.ts); a code
// that is no option of its question is a reading error, reported next to the question with what was typed kept.
import { allQuestions, type Answers, type Survey, type SurveyQuestion } from '../../../core/survey/model.js';
import type { AnswerError } from '../../../core/survey/answers.js';

export const KEYED_FIELD_PREFIX = 'q_';

export interface KeyedAnswers {
  answers: Answers;
  errors: AnswerError[];
}

/** The code the option has, or the option at this 1-based position; undefined when neither. */
function optionCode(question: SurveyQuestion, token: string): string | undefined {
  const upper = token.toUpperCase();
  const own = question.options.find((o) => o.code.toUpperCase() === upper);
  if (own) return own.code;
  if (/^\d{1,2}$/.test(token)) return question.options[Number(token) - 1]?.code;
  return undefined;
}

/** "A C", "a,c", "1、3" or "AC" (letters run together only when every option code is a single letter). */
function tokensOf(question: SurveyQuestion, typed: string): string[] {
  const parts = typed.split(/[\s,，、;；/]+/).filter((p) => p !== '');
  const singleLetters = question.options.every((o) => /^[A-Za-z]$/.test(o.code));
  if (question.type === 'multiple' && parts.length === 1 && singleLetters && /^[A-Za-z]{2,}$/.test(parts[0])) {
    return [...parts[0]];
  }
  return parts;
}

function readChoice(question: SurveyQuestion, typed: string): { codes: string[]; bad: string[] } {
  const codes: string[] = [];
  const bad: string[] = [];
  for (const token of tokensOf(question, typed)) {
    const code = optionCode(question, token);
    if (code === undefined) bad.push(token);
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, bad };
}

/** Reads the typed fields `q_<questionId>`; unknown fields are ignored, empty ones are unanswered. */
export function answersFromKeyedCodes(survey: Survey, fields: Readonly<Record<string, string>>): KeyedAnswers {
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  for (const question of allQuestions(survey)) {
    const typed = (fields[KEYED_FIELD_PREFIX + question.id] ?? '').trim();
    if (typed === '') continue;
    if (question.type === 'text') {
      answers[question.id] = { kind: 'text', text: typed };
      continue;
    }
    const { codes, bad } = readChoice(question, typed);
    if (bad.length > 0) {
      const valid = question.options.map((o, i) => `${o.code}/${i + 1}`).join('、');
      errors.push({ questionId: question.id, message: `“${bad.join(' ')}”不是本题的选项代码（可填：${valid}）` });
      continue;
    }
    if (codes.length > 0) answers[question.id] = { kind: 'choice', codes };
  }
  return { answers, errors };
}
