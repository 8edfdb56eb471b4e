// What the resident form template needs: the questions visible for the answers so far, each with its answer,
// its error and whether it just appeared. Everything a person typed stays a plain string; the template escapes it.
import { findQuestion, type Answers, type Survey, type SurveyQuestion } from '../../domain/survey/model.js';
import type { AnswerError } from '../../domain/survey/answers.js';
import { visibleQuestions } from '../../domain/survey/answers.js';
import type { ResidentContext } from './context.js';
import {
  offersReplyContact, REPLY_CONTACT_FIELD, REPLY_CONTACT_HINT, REPLY_CONTACT_LABEL,
} from '../../domain/privacy/reply-contact.js';

export interface FormState {
  answers: Answers;
  errors: AnswerError[];
  /** Questions that appeared because of the last submission's answers (marked 这道题需要补充回答). */
  revealed: string[];
  submissionKey: string;
  invite?: string;
  /** A note above the form, e.g. why it came back although nothing was wrong with the answers. */
  notice?: string;
  /** What the resident typed in the contact field, kept only while the form comes back to them (never stored so). */
  replyContact?: string;
}

interface OptionView {
  code: string;
  label: string;
  checked: boolean;
}

interface QuestionView {
  id: string;
  name: string;
  number: number;
  text: string;
  section?: string;
  hint?: string;
  required: boolean;
  isText: boolean;
  inputType: 'radio' | 'checkbox';
  options: OptionView[];
  value: string;
  maxLength?: number;
  error?: string;
  isNew: boolean;
  describedBy?: string;
  /** The contact field, shown after the last text question that opens a receipt. */
  contact?: { name: string; label: string; hint: string; value: string; error?: string };
}

interface Link {
  href: string;
  number: number;
  message: string;
}

/** Screening questions first, then the main questions whose conditions hold for these answers. */
export function questionsOnPage(survey: Survey, answers: Answers): SurveyQuestion[] {
  return [...survey.screening, ...visibleQuestions(survey, answers)];
}

/**
 * Keeps only the answers to questions on the page for these answers. Repeated until nothing changes, because
 * dropping the answer to a hidden question can hide a question that depended on it.
 */
export function keepVisibleAnswers(survey: Survey, answers: Answers): Answers {
  let kept = answers;
  for (;;) {
    const onPage = new Set(questionsOnPage(survey, kept).map((q) => q.id));
    const next: Answers = Object.fromEntries(Object.entries(kept).filter(([id]) => onPage.has(id)));
    if (Object.keys(next).length === Object.keys(kept).length) return next;
    kept = next;
  }
}

/**
 * Answers to questions that were not on the resident's page and that these answers do not open either. A browser
 * never sends them (the body was made by hand), so they are refused rather than dropped; answers to questions that
 * were on the page and became hidden by a changed answer are dropped by keepVisibleAnswers instead.
 */
export function unseenAnswers(survey: Survey, answers: Answers, shown: ReadonlySet<string>): AnswerError[] {
  const onPage = new Set(questionsOnPage(survey, answers).map((q) => q.id));
  return Object.keys(answers)
    .filter((id) => !shown.has(id) && !onPage.has(id))
    .map((id) => {
      const question = findQuestion(survey, id);
      return { questionId: id, message: question ? `“${question.text}”这道题此时不应作答` : `问卷中没有这道题（${id}）` };
    });
}

/** "2025-03" → "2025年3月"; any other period is shown as it is. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : period;
}

function questionView(q: SurveyQuestion, number: number, state: FormState, section: string | undefined): QuestionView {
  const answer = state.answers[q.id];
  const codes = answer?.kind === 'choice' ? answer.codes : [];
  const error = state.errors.find((e) => e.questionId === q.id)?.message;
  const described = [q.hint ? `h_${q.id}` : '', error ? `e_${q.id}` : ''].filter(Boolean).join(' ');
  return {
    id: q.id,
    name: `q_${q.id}`,
    number,
    text: q.text,
    section,
    hint: q.hint,
    required: q.required,
    isText: q.type === 'text',
    inputType: q.type === 'multiple' ? 'checkbox' : 'radio',
    options: q.options.map((o) => ({ code: o.code, label: o.label, checked: codes.includes(o.code) })),
    value: answer?.kind === 'text' ? answer.text : '',
    maxLength: q.maxLength,
    error,
    isNew: state.revealed.includes(q.id),
    describedBy: described || undefined,
  };
}

/** The contact field goes with the last suggestion question on the page, when the questionnaire offers it. */
function attachContact(survey: Survey, onPage: SurveyQuestion[], questions: QuestionView[], state: FormState): void {
  if (!offersReplyContact(survey)) return;
  const at = onPage.map((q) => q.type === 'text' && q.receipt === true).lastIndexOf(true);
  if (at < 0) return;
  const error = state.errors.find((e) => e.questionId === REPLY_CONTACT_FIELD)?.message;
  questions[at].contact = { name: REPLY_CONTACT_FIELD, label: REPLY_CONTACT_LABEL, hint: REPLY_CONTACT_HINT, value: state.replyContact ?? '', error };
}

export function formView(ctx: ResidentContext, state: FormState) {
  const survey = ctx.version.survey;
  const onPage = questionsOnPage(survey, state.answers);
  let lastSection: string | undefined;
  const questions = onPage.map((q, i) => {
    const section = q.section && q.section !== lastSection ? q.section : undefined;
    if (q.section) lastSection = q.section;
    return questionView(q, i + 1, state, section);
  });
  attachContact(survey, onPage, questions, state);
  const linkTo = (q: QuestionView, message: string): Link => ({ href: `#f_${q.id}`, number: q.number, message });
  const errors = questions.filter((q) => q.error).map((q) => linkTo(q, q.error ?? ''));
  // The contact field's error links to the field, numbered with the question it sits under.
  for (const q of questions) if (q.contact?.error) errors.push({ href: `#${REPLY_CONTACT_FIELD}`, number: q.number, message: q.contact.error });
  // An error about a question that is not on the page (should not happen from this form) still gets said.
  const onPageIds = new Set(onPage.map((q) => q.id));
  const otherErrors = state.errors
    .filter((e) => !onPageIds.has(e.questionId) && !(e.questionId === REPLY_CONTACT_FIELD && questions.some((q) => q.contact)))
    .map((e) => e.message);
  return {
    title: survey.title,
    surveyTitle: survey.title,
    intro: survey.intro,
    gridName: ctx.grid.name,
    place: ctx.place.map((u) => u.name),
    period: periodLabel(ctx.round.period),
    action: `/g/${encodeURIComponent(ctx.grid.code)}`,
    questions,
    shown: onPage.map((q) => q.id).join(','),
    submissionKey: state.submissionKey,
    invite: state.invite,
    notice: state.notice,
    errors,
    otherErrors,
    hasErrors: errors.length + otherErrors.length > 0,
    revealed: questions.filter((q) => q.isNew).map((q) => linkTo(q, q.text)),
  };
}

/** The header of the pages around the form (thanks, screened out, already received). */
export function pageHeader(ctx: ResidentContext) {
  return {
    surveyTitle: ctx.version.survey.title,
    gridName: ctx.grid.name,
    place: ctx.place.map((u) => u.name),
    period: periodLabel(ctx.round.period),
  };
}
