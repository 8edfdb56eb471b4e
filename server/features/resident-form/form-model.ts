// What the resident form template needs: every question in its place with its fixed number, its answer, its error,
// whether it just appeared and whether it is hidden for the answers so far. Everything a person typed stays a plain
// string; the template escapes it.
import { allQuestions, findQuestion, type Answers, type Survey, type SurveyQuestion } from '../../core/survey/model.js';
import { questionNumbers, surveySize } from '../../core/survey/numbering.js';
import { publicTitleOf } from '../../core/survey/public-title.js';
import { questionView, type QuestionView } from './question-view.js';
import { conditionCss } from './condition-css.js';
import { DRAFT_SCRIPT } from './draft-script.js';
import { hole } from './page-holes.js';
import type { AnswerError } from '../../core/survey/answers.js';
import { visibleQuestions } from '../../core/survey/answers.js';
import { periodLabel } from '../../core/time/period.js';
import type { ResidentContext } from './context.js';
import { householdField } from './household-code.js';
import {
  offersReplyContact, REPLY_CONTACT_FIELD, REPLY_CONTACT_HINT, REPLY_CONTACT_LABEL,
} from '../../core/privacy/reply-contact.js';

export interface FormState {
  answers: Answers;
  errors: AnswerError[];
  /** Questions that appeared because of the last submission's answers (marked 这道题需要补充回答). */
  revealed: string[];
  submissionKey: string;
  invite?: string;
  /** The household code as typed (invite-only rounds), kept while the form comes back to the resident. */
  householdCode?: string;
  /** A note above the form, e.g. why it came back although nothing was wrong with the answers. */
  notice?: string;
  /** What the resident typed in the contact field, kept only while the form comes back to them (never stored so). */
  replyContact?: string;
  /** The class of <html>: "big" for the A+ larger text (text-size.ts), or a hole of the cached page. */
  textSize?: string;
}

interface Link {
  href: string;
  number: string;
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
    const onPage = new Set<string>();
    for (const q of survey.screening) onPage.add(q.id);
    for (const q of visibleQuestions(survey, kept)) onPage.add(q.id);
    const next: Answers = {};
    let dropped = false;
    for (const id of Object.keys(kept)) {
      if (onPage.has(id)) next[id] = kept[id];
      else dropped = true;
    }
    if (!dropped) return next;
    kept = next;
  }
}

/**
 * Questions the resident's page could have shown: those it listed as shown and every follow-up of one of them (the
 * page carries all follow-ups, hidden, and its condition CSS shows one as soon as its trigger is tapped).
 */
function couldShow(survey: Survey, shown: ReadonlySet<string>): Set<string> {
  const able = new Set(shown);
  for (const q of survey.questions) if (q.showIf && able.has(q.showIf.question)) able.add(q.id);
  return able;
}

/**
 * Answers to questions the resident's page could not have shown and that these answers do not open either. A
 * browser never sends them (the body was made by hand), so they are refused rather than dropped; answers to a
 * follow-up the resident opened and closed again are dropped by keepVisibleAnswers instead.
 */
export function unseenAnswers(survey: Survey, answers: Answers, shown: ReadonlySet<string>): AnswerError[] {
  // The usual case, a form posted from the page: every answer is to a question the page listed as shown.
  if (Object.keys(answers).every((id) => shown.has(id))) return [];
  const onPage = new Set(questionsOnPage(survey, answers).map((q) => q.id));
  const able = couldShow(survey, shown);
  return Object.keys(answers)
    .filter((id) => !able.has(id) && !onPage.has(id))
    .map((id) => {
      const question = findQuestion(survey, id);
      return { questionId: id, message: question ? `“${question.text}”这道题此时不应作答` : `问卷中没有这道题（${id}）` };
    });
}

/**
 * Every question of the questionnaire in its place: screening, then the main questions, each with its fixed number
 * and section heading; follow-ups whose condition does not hold are there too, hidden (the condition CSS shows them).
 */
function questionViews(survey: Survey, state: FormState): QuestionView[] {
  const numbers = questionNumbers(survey);
  const visible = new Set(questionsOnPage(survey, state.answers).map((q) => q.id));
  let lastSection: string | undefined;
  return allQuestions(survey).map((q) => {
    const section = q.section && q.section !== lastSection ? q.section : undefined;
    if (q.section) lastSection = q.section;
    const place = { number: numbers.get(q.id) ?? '', section, visible: visible.has(q.id) };
    return questionView(q, place, state.answers, state.errors, state.revealed);
  });
}

/** The contact field goes with the last suggestion question, when the questionnaire offers it. */
function attachContact(survey: Survey, questions: QuestionView[], state: FormState): void {
  if (!offersReplyContact(survey)) return;
  const all = allQuestions(survey);
  const at = all.map((q) => q.type === 'text' && q.receipt === true).lastIndexOf(true);
  if (at < 0) return;
  const error = state.errors.find((e) => e.questionId === REPLY_CONTACT_FIELD)?.message;
  questions[at].contact = { name: REPLY_CONTACT_FIELD, label: REPLY_CONTACT_LABEL, hint: REPLY_CONTACT_HINT, value: state.replyContact ?? '', error };
}

/** The errors listed above the form, each linking to its question (or field); errors about no question said plainly. */
function errorLinks(questions: QuestionView[], state: FormState) {
  const linkTo = (q: QuestionView, message: string): Link => ({ href: `#f_${q.id}`, number: q.number, message });
  const errors = questions.filter((q) => q.error && !q.hidden).map((q) => linkTo(q, q.error ?? ''));
  // The contact field's error links to the field, numbered with the question it sits under.
  for (const q of questions) if (q.contact?.error) errors.push({ href: `#${REPLY_CONTACT_FIELD}`, number: q.number, message: q.contact.error });
  // An error about a question that is not shown (should not happen from this form) still gets said, unlinked.
  const ids = new Set(questions.filter((q) => !q.hidden).map((q) => q.id));
  const otherErrors = state.errors
    .filter((e) => !ids.has(e.questionId) && !(e.questionId === REPLY_CONTACT_FIELD && questions.some((q) => q.contact)))
    .map((e) => e.message);
  return { errors, otherErrors, revealed: questions.filter((q) => q.isNew).map((q) => linkTo(q, q.text)) };
}

/** "共 19 题，分 6 部分，约 3 分钟". */
function sizeLine(survey: Survey): string {
  const size = surveySize(survey);
  const parts = size.sections.length > 1 ? `，分 ${size.sections.length} 部分` : '';
  return `共 ${size.questions} 题${parts}，约 ${size.minutes} 分钟`;
}

/** The header of every resident page: the grid, the period and the title residents see. */
export function pageHeader(ctx: ResidentContext, textSize: string = hole('textSize')) {
  const survey = ctx.version.survey;
  return {
    surveyTitle: publicTitleOf(survey),
    gridName: ctx.grid.name,
    place: ctx.place.map((u) => u.name),
    period: periodLabel(ctx.round.period),
    textSize,
    draftScript: DRAFT_SCRIPT,
  };
}

export function formView(ctx: ResidentContext, state: FormState) {
  const survey = ctx.version.survey;
  const questions = questionViews(survey, state);
  attachContact(survey, questions, state);
  const links = errorLinks(questions, state);
  const screeningCount = survey.screening.length;
  return {
    ...pageHeader(ctx, state.textSize ?? ''),
    title: publicTitleOf(survey),
    intro: survey.intro,
    sizeLine: sizeLine(survey),
    // A+ / 标准字 are submit buttons of the form (header.hbs): the page comes back in the new size with every
    // answer kept, JavaScript or not (routes/resident.ts).
    sizeSwitch: true,
    conditionCss: conditionCss(survey),
    screenOutMessage: survey.screenOutMessage,
    action: `/g/${encodeURIComponent(ctx.grid.code)}`,
    screening: questions.slice(0, screeningCount),
    main: questions.slice(screeningCount),
    questions,
    shown: questionsOnPage(survey, state.answers).map((q) => q.id).join(','),
    submissionKey: state.submissionKey,
    invite: state.invite,
    household: householdField(ctx, state),
    notice: state.notice,
    ...links,
    hasErrors: links.errors.length + links.otherErrors.length > 0,
  };
}
