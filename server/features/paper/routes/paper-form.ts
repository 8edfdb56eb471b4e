// What the paper entry page (纸质录入) shows: every question in order with its option codes next to the labels, the
// typed text kept after an error, the condition a conditional question depends on, and the keyer's batch.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import { allQuestions, type Survey, type SurveyQuestion } from '../../../core/survey/model.js';
import type { AnswerError } from '../../../core/survey/answers.js';
import { KEYED_FIELD_PREFIX } from '../core/keyed-answers.js';
import { RESPONSE_STATUS_LABELS } from '../../../core/survey/response.js';
import { questionNumbers } from '../../../core/survey/numbering.js';
import { roundGridsInScope } from '../../../web/staff/context.js';
import { keyedBy } from '../../rounds/fieldwork-service.js';
import { chinaDate } from '../../../core/time/china-time.js';

export interface PaperFormState {
  gridCode: string;
  typed: Readonly<Record<string, string>>;
  errors: readonly AnswerError[];
  submissionKey: string;
  /** A refusal of the round (closed, not open, no paper channel): shown instead of the form. */
  refusal: string | null;
  notice: string | null;
}

// Every number on this page is the one printed on the resident's form (numbering.ts): the keyer reads the paper.
function conditionText(numbers: ReadonlyMap<string, string>, q: SurveyQuestion): string | null {
  if (!q.showIf) return null;
  const number = numbers.get(q.showIf.question);
  const label = number !== undefined ? `第 ${number} 题` : q.showIf.question;
  return `仅当${label}选 ${q.showIf.anyOf.join('/')} 时填写，否则留空`;
}

function questionRows(survey: Survey, state: PaperFormState) {
  const all = allQuestions(survey);
  const numbers = questionNumbers(survey);
  return all.map((q, i) => {
    const messages = state.errors.filter((e) => e.questionId === q.id).map((e) => e.message);
    return {
      id: q.id,
      field: KEYED_FIELD_PREFIX + q.id,
      number: numbers.get(q.id) ?? q.id,
      text: q.text,
      isText: q.type === 'text',
      screening: i < survey.screening.length,
      multiple: q.type === 'multiple',
      // The position is a second code unless the option's own code is already its position.
      options: q.options.map((o, k) => ({ code: o.code, position: o.code === String(k + 1) ? null : k + 1, label: o.label })),
      condition: conditionText(numbers, q),
      value: state.typed[KEYED_FIELD_PREFIX + q.id] ?? '',
      // The first message names what is wrong with what was typed; "required" after an unreadable code adds nothing.
      error: messages[0] ?? null,
    };
  });
}

/** The grids of the round the user may key questionnaires for, in code order. */
export function paperGrids(app: FastifyInstance, user: StaffUser, round: Round): Unit[] {
  return roundGridsInScope(app, user, round)
    .map((id) => app.repos.units.getById(id))
    .filter((g): g is Unit => g !== undefined)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** What this user keyed in the round, newest first, with today's count. */
function batchOf(app: FastifyInstance, user: StaffUser, round: Round) {
  // "Today" is the keyer's day in Beijing: a questionnaire keyed at 07:30 belongs to it, not to the UTC day before.
  const today = chinaDate(new Date());
  const rows = keyedBy(app.repos, round.id, user.id).map((e) => ({
    ...e,
    gridName: app.repos.units.getById(e.gridId)?.name ?? String(e.gridId),
    statusName: RESPONSE_STATUS_LABELS[e.status],
    today: chinaDate(new Date(e.createdAt)) === today,
  }));
  return { rows, todayCount: rows.filter((r) => r.today).length };
}

export function paperPage(app: FastifyInstance, user: StaffUser, round: Round, survey: Survey, state: PaperFormState) {
  const grids = paperGrids(app, user, round).map((g) => ({ code: g.code, name: g.name, selected: g.code === state.gridCode }));
  const questions = questionRows(survey, state);
  const otherErrors = state.errors.filter((e) => !allQuestions(survey).some((q) => q.id === e.questionId)).map((e) => e.message);
  // The header counts what it lists: one line per question with a problem (its first message), plus the others.
  const errorCount = questions.filter((q) => q.error !== null).length + otherErrors.length;
  return {
    title: `纸质问卷录入 ${round.code}`,
    nav: 'rounds',
    round,
    surveyTitle: survey.title,
    grids,
    questions,
    errorCount,
    otherErrors,
    submissionKey: state.submissionKey,
    refusal: state.refusal,
    notice: state.notice,
    batch: batchOf(app, user, round),
  };
}
