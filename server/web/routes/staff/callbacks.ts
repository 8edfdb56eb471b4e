// Call-back checks (真实度回访, PRODUCT.md §9): the committee sets the round's share and draws the interviews once
// (domain/callbacks/draw.ts, seeded by the round code so anyone can re-do the draw); a staff member other than the
// interviewer calls the resident back, asks the chosen questions again and records whether the resident confirms the
// interview; whether the answers match is computed, not typed. A call-back of one's own interview is refused and
// audit-logged. The committee's report lists confirmed and matched interviews per interviewer.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../domain/auth/staff.js';
import type { Round } from '../../../domain/rounds/round.js';
import type { Answers } from '../../../domain/survey/model.js';
import { canManageRounds, seesEverything } from '../../../domain/auth/scope.js';
import { drawCallbacks, parseSharePercent } from '../../../domain/callbacks/draw.js';
import { answersMatch, callbackRefusal, parseCallbackQuestions } from '../../../domain/callbacks/check.js';
import { Conflict, Forbidden, SelfCallbackRefused, ResponseNotFound } from '../../errors.js';
import { CsrfOnlyBody, RoundParams } from '../../schemas/staff.js';
import { CallbackBody, CallbackShareBody, ResponseParams } from '../../schemas/fieldwork.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from './context.js';
import { askedRows, drawnInScope, drawnRows, questionsToAsk, reportView, surveyOfRound } from './callbacks-view.js';

const base = (round: Round) => `/rounds/${encodeURIComponent(round.code)}/callbacks`;

function listPage(app: FastifyInstance, user: StaffUser, round: Round, shareError: string | null = null) {
  const settings = app.repos.callbacks.settings(round.id);
  const drawn = app.repos.callbacks.drawn(round.id);
  return {
    title: `真实度回访 ${round.code}`,
    nav: 'rounds',
    round,
    sharePct: Math.round(settings.share * 1000) / 10,
    questionIds: settings.questions?.join(', ') ?? '',
    askedNow: questionsToAsk(app, round, surveyOfRound(app, round)).map((q) => q.id).join('、'),
    shareError,
    canManage: canManageRounds(user),
    canReport: seesEverything(user),
    drawnCount: drawn.length,
    available: app.repos.callbacks.completedPhoneInterviews(round.id).length,
    rows: drawnRows(app, user, drawnInScope(app, user, round)),
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

function formPage(app: FastifyInstance, user: StaffUser, round: Round, responseId: number, typed: Record<string, string>, errors: Map<string, string>) {
  const drawn = drawnForCallback(app, user, round, responseId);
  const survey = surveyOfRound(app, round);
  const [row] = drawnRows(app, user, [drawn]);
  const confirmed = typed.confirmed ?? '';
  return {
    title: `回访 第 ${responseId} 号访问`,
    nav: 'rounds',
    round,
    interview: row,
    opening: '您好，我是平安建设工作人员，想跟您核实一下，最近是否有工作人员给您打电话做过平安建设满意度调查？',
    questions: askedRows(questionsToAsk(app, round, survey), typed, errors),
    confirmedYes: confirmed === 'yes',
    confirmedNo: confirmed === 'no',
    confirmError: errors.get('confirmed') ?? null,
  };
}

function recordCallback(app: FastifyInstance, reply: FastifyReply, user: StaffUser, round: Round, responseId: number, body: CallbackBody) {
  const drawn = drawnForCallback(app, user, round, responseId);
  const typed: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') typed[k] = v.trim();
  const questions = questionsToAsk(app, round, surveyOfRound(app, round));
  const errors = new Map<string, string>();
  if (typed.confirmed !== 'yes' && typed.confirmed !== 'no') errors.set('confirmed', '请选择受访者是否确认接受过访问');
  const asked: Answers = {};
  if (typed.confirmed === 'yes') {
    for (const q of questions) {
      const code = typed[`q_${q.id}`] ?? '';
      if (!q.options.some((o) => o.code === code)) errors.set(q.id, '请选择受访者这次的回答');
      else asked[q.id] = { kind: 'choice', codes: [code] };
    }
  }
  if (errors.size > 0) {
    return reply.code(422).view('staff/callback', formPage(app, user, round, responseId, typed, errors), STAFF_LAYOUT);
  }
  const confirmed = typed.confirmed === 'yes';
  const matched = confirmed ? answersMatch(questions, app.repos.fieldwork.answers(drawn.responseId), asked) : null;
  const stored = app.repos.callbacks.record({ roundId: round.id, responseId, checkerId: user.id, confirmed, matched, asked }, round.code);
  if (!stored) throw new Conflict('这次访问已经回访过，结果未再次保存');
  return reply.redirect(base(round), 303);
}

const callbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/callbacks', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return reply.view('staff/callbacks', listPage(app, user, round), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/callbacks/share', { schema: { params: RoundParams, body: CallbackShareBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!canManageRounds(user)) throw new Forbidden();
    const round = roundInScope(app, user, request.params.code);
    const share = parseSharePercent(request.body.share);
    const questions = parseCallbackQuestions(surveyOfRound(app, round), request.body.questions ?? '');
    const problem = share === null ? '回访比例应为 0 到 100 之间的百分数，例如 10' : 'error' in questions ? questions.error : null;
    if (share === null || 'error' in questions) {
      return reply.code(422).view('staff/callbacks', listPage(app, user, round, problem), STAFF_LAYOUT);
    }
    app.repos.callbacks.configure(round.id, { share, questions: questions.ids }, user.id, round.code);
    return reply.redirect(base(round), 303);
  });

  app.post('/rounds/:code/callbacks/draw', { schema: { params: RoundParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!canManageRounds(user)) throw new Forbidden();
    const round = roundInScope(app, user, request.params.code);
    const { share } = app.repos.callbacks.settings(round.id);
    const drawn = drawCallbacks(app.repos.callbacks.completedPhoneInterviews(round.id), share, round.code);
    if (drawn.length === 0) throw new Conflict('本轮还没有可抽取的已完成电话访问');
    if (!app.repos.callbacks.storeDraw(round.id, drawn, round.code, { userId: user.id, roundCode: round.code })) {
      throw new Conflict('本轮已经抽取过回访样本，不能重新抽取');
    }
    return reply.redirect(base(round), 303);
  });

  app.get('/rounds/:code/callbacks/report', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!seesEverything(user)) throw new Forbidden();
    const round = roundInScope(app, user, request.params.code);
    return reply.view('staff/callback-report', { title: `真实度回访报告 ${round.code}`, nav: 'rounds', round, ...reportView(app, round) }, STAFF_LAYOUT);
  });

  app.get('/rounds/:code/callbacks/:id', { schema: { params: ResponseParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return reply.view('staff/callback', formPage(app, user, round, request.params.id, {}, new Map()), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/callbacks/:id', { schema: { params: ResponseParams, body: CallbackBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return recordCallback(app, reply, user, round, request.params.id, request.body);
  });
};

export default callbackRoutes;
