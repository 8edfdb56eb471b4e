// Reading and checking a respondent's answers against a questionnaire: one set of rules for the web form, the JSON
// API, paper imports and the simulator, so every channel accepts exactly the same responses.
import { findQuestion, type Answers, type AnswerValue, type Survey, type SurveyOption, type SurveyQuestion } from './model.js';
import { checkOtherText, OTHER_FIELD_PREFIX } from './other-text.js';

export interface AnswerError {
  questionId: string;
  message: string;
}

export interface CheckResult {
  screenedOut: boolean;
  errors: AnswerError[];
  /** Only the answers to questions that were shown, cleaned (trimmed text, de-duplicated codes). */
  answers: Answers;
}

const FIELD_PREFIX = 'q_';
/** Control characters other than tab and newline never belong in a resident's text. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []));
  return [];
}

/**
 * Form fields named `q_<questionId>` into answers, with the 其他 text of `o_<questionId>` on its choice answer;
 * everything else is ignored. Never throws on odd input. One pass over the fields (it runs for every posted form).
 */
export function answersFromForm(survey: Survey, body: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const field in body) {
    if (!Object.hasOwn(body, field) || !field.startsWith(FIELD_PREFIX)) continue;
    const id = field.slice(FIELD_PREFIX.length);
    const values = stringsOf(body[field]);
    if (findQuestion(survey, id)?.type === 'text') {
      const text = values.length === 1 ? values[0] : values.join('\n');
      if (text.trim() !== '') answers[id] = { kind: 'text', text };
      continue;
    }
    const codes: string[] = [];
    for (const v of values) {
      const code = v.trim();
      if (code !== '') codes.push(code);
    }
    if (codes.length === 0) continue;
    const otherField = body[OTHER_FIELD_PREFIX + id];
    const other = otherField === undefined ? '' : stringsOf(otherField).join(' ');
    answers[id] = other.trim() === '' ? { kind: 'choice', codes } : { kind: 'choice', codes, other };
  }
  return answers;
}

function chosen(answers: Answers, questionId: string): string[] {
  const a = answers[questionId];
  return a && a.kind === 'choice' ? a.codes : [];
}

function isShown(question: SurveyQuestion, answers: Answers): boolean {
  if (!question.showIf) return true;
  const codes = chosen(answers, question.showIf.question);
  return codes.some((c) => question.showIf?.anyOf.includes(c));
}

/**
 * Main questions whose showIf holds. Conditions refer to earlier questions only (the validator enforces it), so a
 * question hidden because its condition's own question is hidden stays hidden: its answer is dropped first.
 */
export function visibleQuestions(survey: Survey, answers: Answers): SurveyQuestion[] {
  const shownAnswers: Answers = {};
  const visible: SurveyQuestion[] = [];
  for (const question of survey.questions) {
    if (!isShown(question, shownAnswers)) continue;
    visible.push(question);
    const a = answers[question.id];
    if (a) shownAnswers[question.id] = a;
  }
  return visible;
}

function optionOf(question: SurveyQuestion, code: string): SurveyOption | undefined {
  return question.options.find((o) => o.code === code);
}

export function scoreOf(question: SurveyQuestion, code: string): { score: number | null; excluded: boolean } {
  const option = optionOf(question, code);
  if (!option) return { score: null, excluded: false };
  return { score: option.excluded ? null : option.score ?? null, excluded: option.excluded === true };
}

/** Checks one question's answer; returns the cleaned value or an error message. */
function checkOne(question: SurveyQuestion, value: AnswerValue | undefined): { value?: AnswerValue; error?: string } {
  if (question.type === 'text') {
    if (value === undefined) return question.required ? { error: '请回答此题' } : {};
    if (value.kind !== 'text') return { error: '此题需要填写文字' };
    const text = value.text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
    if (text === '') return question.required ? { error: '请回答此题' } : {};
    const max = question.maxLength ?? 500;
    if ([...text].length > max) return { error: `内容过长（最多 ${max} 字）` };
    return { value: { kind: 'text', text } };
  }
  if (value === undefined) return question.required ? { error: '请回答此题' } : {};
  if (value.kind !== 'choice') return { error: '请选择选项' };
  const codes = value.codes.length === 1 ? value.codes : [...new Set(value.codes)];
  if (codes.length === 0) return question.required ? { error: '请回答此题' } : {};
  if (codes.some((c) => !optionOf(question, c))) return { error: '选项无效' };
  if (question.type !== 'multiple' && codes.length > 1) return { error: '此题只能选一项' };
  if (question.type === 'multiple') {
    if (question.maxChoices !== undefined && codes.length > question.maxChoices) {
      return { error: `最多可选 ${question.maxChoices} 项` };
    }
    // A non-substantive option (说不清) cannot be combined with substantive ones.
    if (codes.length > 1 && codes.some((c) => optionOf(question, c)?.excluded)) return { error: '“说不清”不能与其他选项同时选择' };
  }
  const { other, error } = checkOtherText(question, codes, value.other);
  if (error) return { error };
  return { value: other === undefined ? { kind: 'choice', codes } : { kind: 'choice', codes, other } };
}

/**
 * Screening questions are asked in order; the first answer that screens the person out ends the interview. Puts the
 * checked screening answers in `cleaned` and their errors in `errors`; true when the person is screened out.
 */
function checkScreening(survey: Survey, answers: Answers, cleaned: Answers, errors: AnswerError[]): boolean {
  for (const question of survey.screening) {
    const result = checkOne(question, answers[question.id]);
    if (result.error) errors.push({ questionId: question.id, message: result.error });
    if (!result.value) continue;
    cleaned[question.id] = result.value;
    if (result.value.kind === 'choice' && result.value.codes.some((c) => optionOf(question, c)?.screenOut)) return true;
  }
  return false;
}

/** Whether these answers end the interview at the screening, as checkAnswers would find (the screening alone). */
export function screensOut(survey: Survey, answers: Answers): boolean {
  return checkScreening(survey, answers, {}, []);
}

/**
 * Screening first: an answer that screens the person out ends the check (only screening answers are kept).
 * Then every visible question; answers to hidden or unknown questions are errors.
 */
export function checkAnswers(survey: Survey, answers: Answers): CheckResult {
  const errors: AnswerError[] = [];
  const cleaned: Answers = {};
  for (const id of Object.keys(answers)) {
    if (!findQuestion(survey, id)) errors.push({ questionId: id, message: `问卷中没有这道题（${id}）` });
  }

  const screenedOut = checkScreening(survey, answers, cleaned, errors);
  if (screenedOut) {
    return { screenedOut: true, errors: errors.filter((e) => survey.screening.some((q) => q.id === e.questionId)), answers: cleaned };
  }

  const visible = new Set(visibleQuestions(survey, answers).map((q) => q.id));
  for (const question of survey.questions) {
    const value = answers[question.id];
    if (!visible.has(question.id)) {
      if (value !== undefined) errors.push({ questionId: question.id, message: '此题不应作答' });
      continue;
    }
    const result = checkOne(question, value);
    if (result.error) errors.push({ questionId: question.id, message: result.error });
    if (result.value) cleaned[question.id] = result.value;
  }
  return { screenedOut: false, errors, answers: cleaned };
}
