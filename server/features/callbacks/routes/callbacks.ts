// Call-backs (真实度回访, docs/rules.md#call-backs): the committee sets the round's share and draws interviews (features/
// callbacks/core/draw.ts, seeded so anyone can re-do a draw), and may draw again as more interviews are completed; a staff
// member other than the interviewer reveals the number (audited, as on the phone workstation), calls the resident
// back and records what happened — the resident confirmed (then the chosen questions are asked again and whether the
// answers match is computed, not typed), denied, did not remember, or the call could not check anything (no answer,
// refused, vacant number, someone else). A call-back of one's own interview is refused and audit-logged. The
// committee's report separates 核实相符 / 核实不符 / 未能核实 per interviewer. From the interviewers page (访员质量) the
// page opens on one interviewer (?interviewer=): their drawn interviews, and a draw of their own phone interviews at a
// share of its own (the committee for anyone, township staff for an interviewer who worked their township).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Answers } from '../../../core/survey/model.js';
import { drawCallbacks, drawSeed, INTERVIEWER_CHECK_SHARE, parseSharePercent } from '../core/draw.js';
import { answersMatch, callbackRefusal, parseCallbackQuestions } from '../core/check.js';
import { isCallbackOutcome } from '../core/outcomes.js';
import { Conflict, SelfCallbackRefused, ResponseNotFound } from '../../../web/errors.js';
import { CsrfOnlyBody, RoundParams } from '../../../web/staff/schemas.js';
import { CallbacksQuery, DrawBody } from '../schemas.js';
import { interviewerDrawPool, interviewerSection, roundDrawPool, type DrawPool, type InterviewerDrawForm } from './interviewer-draw.js';
import { CallbackBody, CallbackShareBody, ResponseParams } from '../../rounds/fieldwork-schemas.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from '../../../web/staff/context.js';
import { revealContact } from '../../roster/roster-service.js';
import { interviewAnswers } from '../../rounds/fieldwork-service.js';
import {
  askedRows, callbackOpen, drawnInScope, drawnRows, outcomeChoices, questionList, questionsToAsk, reportView,
} from './callbacks-view.js';
import { ofRound } from '../../surveys/surveys-service.js';
import { allow } from '../../../web/permissions.js';
import { can } from '../../../core/auth/permissions.js';

const base = (round: Round) => `/rounds/${encodeURIComponent(round.code)}/callbacks`;

/** What the settings form shows: the stored share and questions, or what was typed when it came back with an error. */
interface SettingsForm {
  share?: string;
  questions?: string;
  error?: string;
}

function listPage(app: FastifyInstance, user: StaffUser, round: Round, form: SettingsForm = {}, only?: InterviewerDrawForm) {
  const settings = app.repos.callbacks.settings(round.id);
  const drawn = app.repos.callbacks.drawn(round.id);
  const inScope = drawnInScope(app, user, round);
  const survey = ofRound(app.repos, round);
  return {
    title: `真实度回访 ${round.code}`,
    nav: 'rounds',
    round,
    sharePct: form.share ?? String(Math.round(settings.share * 1000) / 10),
    questionIds: form.questions ?? settings.questions?.join(', ') ?? '',
    askedNow: questionList(survey, questionsToAsk(app, round, survey)),
    shareError: form.error ?? null,
    canManage: can(user, 'round.manage').allowed,
    canReport: can(user, 'callback.report').allowed,
    drawnCount: drawn.length,
    available: app.repos.callbacks.completedPhoneInterviews(round.id).length,
    rows: drawnRows(app, user, only ? inScope.filter((d) => d.interviewerId === only.interviewerId) : inScope),
    interviewer: only ? interviewerSection(app, user, round, only) : null,
  };
}

/** The drawn interview in the user's scope, refusing (and audit-logging) a call-back of the user's own interview. */
function drawnForCallback(app: FastifyInstance, user: StaffUser, round: Round, responseId: number) {
  const drawn = drawnInScope(app, user, round).find((d) => d.responseId === responseId);
  if (!drawn) throw new ResponseNotFound(String(responseId));
  const refusal = callbackRefusal(user.id, drawn.interviewerId);
  if (refusal) {
    app.repos.audit.record(user.id, 'callback.self_refused', { round: round.code, response: responseId });
    throw new SelfCallbackRefused(refusal);
  }
  return drawn;
}

/** A drawn interview whose call-back may still be made (none yet, or only calls nobody answered). */
function openForCallback(app: FastifyInstance, user: StaffUser, round: Round, responseId: number) {
  const drawn = drawnForCallback(app, user, round, responseId);
  if (!callbackOpen(drawn)) throw new Conflict('这次访问已经回访过，结果未再次保存');
  return drawn;
}

interface FormState {
  typed: Record<string, string>;
  errors: Map<string, string>;
  /** The number in clear: only in the reply to the reveal. */
  number?: string;
}

function formPage(app: FastifyInstance, user: StaffUser, round: Round, responseId: number, state: FormState) {
  const drawn = openForCallback(app, user, round, responseId);
  const survey = ofRound(app.repos, round);
  const [row] = drawnRows(app, user, [drawn]);
  return {
    title: `回访 第 ${responseId} 号访问`,
    nav: 'rounds',
    round,
    interview: row,
    number: state.number,
    canReveal: drawn.contactId !== null,
    opening: '您好，我是平安建设工作人员，想跟您核实一下，最近是否有工作人员给您打电话做过平安建设满意度调查？',
    outcomes: outcomeChoices(state.typed.outcome ?? ''),
    questions: askedRows(survey, questionsToAsk(app, round, survey), state.typed, state.errors),
    outcomeError: state.errors.get('outcome') ?? null,
  };
}

function renderForm(app: FastifyInstance, reply: FastifyReply, user: StaffUser, round: Round, responseId: number, state: FormState, status = 200) {
  // A page that may carry the number in clear is never cached.
  reply.header('cache-control', 'no-store');
  return reply.code(status).view('staff/callback', formPage(app, user, round, responseId, state), STAFF_LAYOUT);
}

/** The number of the drawn interview, opened for the checker; the reveal is audited (without the number). */
function revealNumber(app: FastifyInstance, request: FastifyRequest, user: StaffUser, round: Round, responseId: number): string {
  const drawn = openForCallback(app, user, round, responseId);
  const contact = drawn.contactId === null ? undefined : revealContact(app.repos, drawn.contactId);
  if (!contact) throw new Conflict('这次访问没有记录号码，无法回访');
  app.repos.audit.record(user.id, 'callback.reveal', { round: round.code, response: responseId, contact: contact.contactId }, request.ip);
  return contact.phone;
}

function recordCallback(app: FastifyInstance, reply: FastifyReply, user: StaffUser, round: Round, responseId: number, body: CallbackBody) {
  const drawn = openForCallback(app, user, round, responseId);
  const typed: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') typed[k] = v.trim();
  const questions = questionsToAsk(app, round, ofRound(app.repos, round));
  const errors = new Map<string, string>();
  const outcome = typed.outcome ?? '';
  if (!isCallbackOutcome(outcome)) errors.set('outcome', '请选择这次回访的结果');
  const asked: Answers = {};
  if (outcome === 'confirmed') {
    for (const q of questions) {
      const code = typed[`q_${q.id}`] ?? '';
      if (!q.options.some((o) => o.code === code)) errors.set(q.id, '请选择受访者这次的回答');
      else asked[q.id] = { kind: 'choice', codes: [code] };
    }
  }
  if (errors.size > 0 || !isCallbackOutcome(outcome)) {
    return renderForm(app, reply, user, round, responseId, { typed, errors }, 422);
  }
  const matched = outcome === 'confirmed' ? answersMatch(questions, interviewAnswers(app.repos, drawn.responseId), asked) : null;
  const stored = app.repos.callbacks.record({ roundId: round.id, responseId, checkerId: user.id, outcome, matched, asked }, round.code);
  if (!stored) throw new Conflict('这次访问已经回访过，结果未再次保存');
  return reply.redirect(`${base(round)}?recorded=${responseId}`, 303);
}

/** Why a draw found nothing to draw, in the committee's terms. */
function nothingToDraw({ whose, who }: DrawPool, share: number, drawn: number, completed: number): string {
  if (completed === 0) return `${whose}还没有可抽取的已完成电话访问`;
  if (share === 0) return '回访比例为 0%，请先设置回访比例';
  if (drawn >= completed) return `${whose}已完成的电话访问都已抽取`;
  return `没有需要补抽的访问：${who}已按当前比例抽足。有新完成的电话访问或提高回访比例后，可再次抽取`;
}

/** A further draw over the pool's interviews not drawn yet; refused when nothing is due or someone drew meanwhile. */
function drawMore(app: FastifyInstance, user: StaffUser, round: Round, pool: DrawPool): void {
  const before = app.repos.callbacks.drawCount(round.id);
  const already = new Set(app.repos.callbacks.drawn(round.id).map((d) => d.responseId));
  const seed = drawSeed(round.code, before.draws + 1);
  const drawn = drawCallbacks(pool.interviews, pool.share, seed, already);
  if (drawn.length === 0) {
    throw new Conflict(nothingToDraw(pool, pool.share, pool.interviews.filter((i) => already.has(i.responseId)).length, pool.interviews.length));
  }
  const audit = { userId: user.id, roundCode: round.code, ...(pool.interviewerId === null ? {} : { interviewerId: pool.interviewerId }) };
  if (!app.repos.callbacks.storeDraw(round.id, drawn, seed, before.drawn, audit)) {
    throw new Conflict('刚刚有人抽取过回访样本，请刷新页面后再试');
  }
}

/** The draw form: the round's routine draw (the committee's), or a draw for one interviewer from the interviewers page. */
function postDraw(app: FastifyInstance, reply: FastifyReply, user: StaffUser, roundCode: string, body: DrawBody) {
  if (body.interviewer === undefined) {
    allow(user, 'round.manage');
    const round = roundInScope(app, user, roundCode);
    drawMore(app, user, round, roundDrawPool(app, round));
    return reply.redirect(base(round), 303);
  }
  const round = roundInScope(app, user, roundCode);
  const pool = interviewerDrawPool(app, user, round, body.interviewer, body.share ?? '');
  if ('error' in pool) return reply.code(400).view('staff/callbacks', listPage(app, user, round, {}, pool.form), STAFF_LAYOUT);
  drawMore(app, user, round, pool);
  return reply.redirect(`${base(round)}?interviewer=${pool.interviewerId}`, 303);
}

const callbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/callbacks', { schema: { params: RoundParams, querystring: CallbacksQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const interviewerId = request.query.interviewer;
    const only = interviewerId === undefined ? undefined : { interviewerId, share: String(Math.round(INTERVIEWER_CHECK_SHARE * 100)) };
    return reply.view('staff/callbacks', listPage(app, user, round, {}, only), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/callbacks/share', { schema: { params: RoundParams, body: CallbackShareBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'round.manage');
    const round = roundInScope(app, user, request.params.code);
    const share = parseSharePercent(request.body.share);
    const questions = parseCallbackQuestions(ofRound(app.repos, round), request.body.questions ?? '');
    const problem = share === null ? '回访比例应为 0 到 100 之间的百分数，例如 10' : 'error' in questions ? questions.error : null;
    if (share === null || 'error' in questions) {
      const form = { share: request.body.share, questions: request.body.questions ?? '', error: problem ?? undefined };
      return reply.code(422).view('staff/callbacks', listPage(app, user, round, form), STAFF_LAYOUT);
    }
    app.repos.callbacks.configure(round.id, { share, questions: questions.ids }, user.id, round.code);
    return reply.redirect(base(round), 303);
  });

  app.post('/rounds/:code/callbacks/draw', { schema: { params: RoundParams, body: DrawBody, hide: true } }, async (request, reply) => {
    return postDraw(app, reply, staffUser(request), request.params.code, request.body);
  });

  app.get('/rounds/:code/callbacks/report', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'callback.report');
    const round = roundInScope(app, user, request.params.code);
    return reply.view('staff/callback-report', { title: `真实度回访报告 ${round.code}`, nav: 'rounds', round, ...reportView(app, round) }, STAFF_LAYOUT);
  });

  app.get('/rounds/:code/callbacks/:id', { schema: { params: ResponseParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return renderForm(app, reply, user, round, request.params.id, { typed: {}, errors: new Map() });
  });

  // POST: a reveal changes the audit log, and a page with the number is never cached or bookmarked.
  app.post('/rounds/:code/callbacks/:id/reveal', { schema: { params: ResponseParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const number = revealNumber(app, request, user, round, request.params.id);
    return renderForm(app, reply, user, round, request.params.id, { typed: {}, errors: new Map(), number });
  });

  app.post('/rounds/:code/callbacks/:id', { schema: { params: ResponseParams, body: CallbackBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return recordCallback(app, reply, user, round, request.params.id, request.body);
  });
};

export default callbackRoutes;
