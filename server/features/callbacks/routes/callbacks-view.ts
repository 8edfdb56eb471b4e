// What the call-back pages (真实度回访) show: the drawn interviews in the user's scope with masked numbers and what
// each call-back found, the form that records a call-back's outcome and asks the chosen questions again (named by
// the number printed on the resident form and a short name), and the committee's report of 核实相符 / 核实不符 /
// 未能核实 per interviewer.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Survey, SurveyQuestion } from '../../../core/survey/model.js';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { callbackQuestions, callbackReport, type InterviewerCallbacks } from '../core/check.js';
import { questionLabel } from '../../../core/survey/printed-answers.js';
import {
  CALLBACK_OUTCOMES, CALLBACK_OUTCOME_LABELS, CALLBACK_VERDICT_LABELS, callbackVerdict, mayRetry,
} from '../core/outcomes.js';
import type { DrawnInterview } from '../callbacks-repo.js';
import { staffById } from '../../accounts/accounts-service.js';

/** The drawn interviews of grids the user may see. */
export function drawnInScope(app: FastifyInstance, user: StaffUser, round: Round): DrawnInterview[] {
  const tree = app.repos.units.tree();
  return app.repos.callbacks.drawn(round.id).filter((d) => canSeeUnit(user, d.gridId, tree));
}

/** Whether a call-back may (still) be made: none recorded yet, or only calls nobody answered. */
export function callbackOpen(d: DrawnInterview): boolean {
  return d.outcome === null || mayRetry(d.outcome);
}

export function drawnRows(app: FastifyInstance, user: StaffUser, drawn: readonly DrawnInterview[]) {
  return drawn.map((d) => ({
    ...d,
    gridName: app.repos.units.getById(d.gridId)?.name ?? String(d.gridId),
    interviewer: d.interviewerName ?? '（未记录）',
    own: d.interviewerId === user.id,
    open: callbackOpen(d),
    tried: d.outcome !== null,
    outcomeText: d.outcome ? `${CALLBACK_OUTCOME_LABELS[d.outcome]}${d.attempts > 1 ? `（第 ${d.attempts} 次）` : ''}` : '',
    verdictText: d.outcome ? CALLBACK_VERDICT_LABELS[callbackVerdict(d.outcome, d.matched)] : '',
  }));
}

export function questionsToAsk(app: FastifyInstance, round: Round, survey: Survey): SurveyQuestion[] {
  return callbackQuestions(survey, app.repos.callbacks.settings(round.id).questions);
}

/** "第 1 题 安全感、第 13 题 平安建设知晓": the questions asked again, as the resident form numbers them. */
export function questionList(survey: Survey, questions: readonly SurveyQuestion[]): string {
  return questions.map((q) => questionLabel(survey, q)).join('、');
}

export function askedRows(survey: Survey, questions: readonly SurveyQuestion[], typed: Readonly<Record<string, string>>, errors: ReadonlyMap<string, string>) {
  return questions.map((q) => ({
    label: questionLabel(survey, q),
    field: `q_${q.id}`,
    text: q.text,
    options: q.options.map((o) => ({ code: o.code, label: o.label, checked: typed[`q_${q.id}`] === o.code })),
    error: errors.get(q.id) ?? null,
  }));
}

/** The outcome choices of the call-back form, the one typed kept checked. */
export function outcomeChoices(typed: string) {
  return CALLBACK_OUTCOMES.map((o) => ({ value: o, label: CALLBACK_OUTCOME_LABELS[o], checked: typed === o }));
}

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function reportRow(app: FastifyInstance, r: InterviewerCallbacks) {
  const user = r.interviewerId === null ? undefined : staffById(app.repos, r.interviewerId);
  return {
    ...r,
    interviewer: user ? `${user.displayName}（${user.username}）` : '（未记录访问员）',
    pending: r.drawn - r.checked,
    matchPct: pct(r.verifiedMatchRate),
    flagged: r.mismatches > 0,
  };
}

/** Per interviewer, the drawn interviews and what their call-backs found, and the round's total. */
export function reportView(app: FastifyInstance, round: Round) {
  const drawn = app.repos.callbacks.drawn(round.id);
  const byInterviewer = new Map<number | null, number>();
  for (const d of drawn) byInterviewer.set(d.interviewerId, (byInterviewer.get(d.interviewerId) ?? 0) + 1);
  const records = app.repos.callbacks.records(round.id);
  const rows = callbackReport(byInterviewer, records).map((r) => reportRow(app, r));
  const [total] = callbackReport(new Map([[null, drawn.length]]), records.map((r) => ({ ...r, interviewerId: null })));
  return { rows, total: total ? reportRow(app, total) : null };
}
