// What the call-back pages (真实度回访) show: the drawn interviews in the user's scope with masked numbers, the form
// that asks the chosen questions again, and the committee's report of confirmed and matched interviews per interviewer.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../domain/auth/staff.js';
import type { Round } from '../../../domain/rounds/round.js';
import type { Survey, SurveyQuestion } from '../../../domain/survey/model.js';
import { canSeeUnit } from '../../../domain/auth/scope.js';
import { callbackQuestions, callbackReport, tallyCallbacks, type CallbackTally, type InterviewerCallbacks } from '../../../domain/callbacks/check.js';
import type { DrawnInterview } from '../../../storage/callbacks-repo.js';
import { RoundNotFound } from '../../errors.js';

export function surveyOfRound(app: FastifyInstance, round: Round): Survey {
  const version = app.repos.surveys.getVersion(round.surveyVersionId);
  if (!version) throw new RoundNotFound(round.code);
  return version.survey;
}

/** The drawn interviews of grids the user may see. */
export function drawnInScope(app: FastifyInstance, user: StaffUser, round: Round): DrawnInterview[] {
  const tree = app.repos.units.tree();
  return app.repos.callbacks.drawn(round.id).filter((d) => canSeeUnit(user, d.gridId, tree));
}

const yesNo = (v: boolean | null, yes: string, no: string): string => (v === null ? '—' : v ? yes : no);

export function drawnRows(app: FastifyInstance, user: StaffUser, drawn: readonly DrawnInterview[]) {
  return drawn.map((d) => ({
    ...d,
    gridName: app.repos.units.getById(d.gridId)?.name ?? String(d.gridId),
    interviewer: d.interviewerName ?? '（未记录）',
    own: d.interviewerId === user.id,
    done: d.checkedAt !== null,
    confirmedText: d.checkedAt ? yesNo(d.confirmed, '是', '否') : '',
    matchedText: d.checkedAt ? yesNo(d.matched, '一致', '不一致') : '',
  }));
}

export function questionsToAsk(app: FastifyInstance, round: Round, survey: Survey): SurveyQuestion[] {
  return callbackQuestions(survey, app.repos.callbacks.settings(round.id).questions);
}

export function askedRows(questions: readonly SurveyQuestion[], typed: Readonly<Record<string, string>>, errors: ReadonlyMap<string, string>) {
  return questions.map((q, i) => ({
    number: i + 1,
    field: `q_${q.id}`,
    text: q.text,
    options: q.options.map((o) => ({ code: o.code, label: o.label, checked: typed[`q_${q.id}`] === o.code })),
    error: errors.get(q.id) ?? null,
  }));
}

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function reportRow(app: FastifyInstance, r: InterviewerCallbacks) {
  const user = r.interviewerId === null ? undefined : app.repos.users.getById(r.interviewerId);
  return {
    ...r,
    interviewer: user ? `${user.displayName}（${user.username}）` : '（未记录访问员）',
    confirmedPct: pct(r.confirmedRate),
    matchedPct: pct(r.matchedRate),
    flagged: r.mismatches > 0,
  };
}

/** Per interviewer, the drawn, checked, confirmed and matched interviews of the round, and the round's total. */
export function reportView(app: FastifyInstance, round: Round) {
  const drawn = app.repos.callbacks.drawn(round.id);
  const byInterviewer = new Map<number | null, number>();
  for (const d of drawn) byInterviewer.set(d.interviewerId, (byInterviewer.get(d.interviewerId) ?? 0) + 1);
  const records = app.repos.callbacks.records(round.id);
  const rows = callbackReport(byInterviewer, records).map((r) => reportRow(app, r));
  const [total] = callbackReport(new Map([[null, drawn.length]]), records.map((r) => ({ ...r, interviewerId: null })));
  return { rows, total: total ? reportRow(app, total) : null };
}

/** The round's call-backs in one line, for the bulletin. */
export function roundCallbackTally(app: FastifyInstance, round: Round): CallbackTally {
  return tallyCallbacks(app.repos.callbacks.drawn(round.id).length, app.repos.callbacks.records(round.id));
}
