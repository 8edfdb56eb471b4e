// The call screen of the phone-interview workstation: the held number (masked; in clear only in the reply to the
// audited reveal), the opening script, the questionnaire (the resident form's model and partials, screening and
// conditional questions resolved on the server) and the outcome buttons. A number that is not the user's, or whose
// call is over, gets a Chinese 409 and nothing is stored (the attempt is audit-logged by the CATI service).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { HeldCall } from '../cati-repo.js';
import type { Answers, Survey } from '../../../core/survey/model.js';
import { answersFromForm, screensOut } from '../../../core/survey/answers.js';
import { isCallOutcome, type CallOutcome } from '../core/outcomes.js';
import { APPOINTMENT_UNREADABLE } from '../core/next-number.js';
import { parseChinaLocalTime } from '../../../core/time/china-time.js';
import { keepVisibleAnswers, questionsOnPage, unseenAnswers } from '../../resident-form/form-model.js';
import type { CatiService } from '../cati.js';
import { refusalError } from '../../../web/refusals.js';
import { BadRequest, Conflict } from '../../../web/errors.js';
import { CatiCallParams, CatiOutcomeBody } from '../schemas.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { firstOf } from '../../resident-form/schemas.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from '../../../web/staff/context.js';
import { callScreen, contextOf, type ScreenState } from './cati-screen.js';

export const NOT_YOUR_CALL = '该号码不是您正在拨打的号码，或本次通话已经结束，未作任何记录';

function notYours(): Error {
  return new Conflict(NOT_YOUR_CALL);
}

function heldOr409(cati: CatiService, round: Round, user: StaffUser, contactId: number, action: string): HeldCall {
  const call = cati.heldOpen(round, user, contactId, action);
  if (!call) throw notYours();
  return call;
}

function render(app: FastifyInstance, reply: FastifyReply, round: Round, call: HeldCall, state: ScreenState, status = 200) {
  // The page may carry the number in clear (after a reveal) and always a questionnaire half answered: never cached.
  reply.header('cache-control', 'no-store');
  return reply.code(status).view('staff/cati-call', callScreen(app, round, call, state), STAFF_LAYOUT);
}

const catiCallRoutes: FastifyPluginAsyncTypebox<{ cati: CatiService }> = async (app, { cati }) => {
  app.get('/cati/:code/calls/:contact', { schema: { params: CatiCallParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const call = heldOr409(cati, round, user, request.params.contact, 'view');
    return render(app, reply, round, call, { answers: {}, errors: [], revealed: [] });
  });

  app.post('/cati/:code/calls/:contact/reveal', { schema: { params: CatiCallParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const call = heldOr409(cati, round, user, request.params.contact, 'reveal');
    const number = app.repos.cati.reveal(round, call.contactId, user.id);
    if (number === undefined) throw new Conflict('该号码无法解密，请联系管理员核对民调数据库的密钥');
    return render(app, reply, round, call, { answers: {}, errors: [], revealed: [], number });
  });

  app.post('/cati/:code/calls/:contact', { schema: { params: CatiCallParams, body: CatiOutcomeBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const pressed = firstOf(request.body.outcome) ?? '';
    const outcome: CallOutcome | 'refresh' | undefined = pressed === 'refresh' ? 'refresh' : isCallOutcome(pressed) ? pressed : undefined;
    if (!outcome) throw new BadRequest('请选择通话结果');
    const call = heldOr409(cati, round, user, request.params.contact, outcome);
    if (outcome === 'refresh' || outcome === 'complete') return completeOrShow(app, cati, reply, {
        round, user, call, body: request.body, shown: firstOf(request.body.shown), submit: outcome === 'complete',
      });
    return recordOrShow(app, cati, reply, { round, user, call, body: request.body, outcome });
  });
};

/**
 * An outcome other than 完成: recorded (back to the round page, whose first button is 下一个号码), or, when the
 * appointment time is missing, unreadable, past or too far, the same screen again with the message and everything
 * typed: the answers so far, the appointment time and 拒绝再访.
 */
function recordOrShow(app: FastifyInstance, cati: CatiService, reply: FastifyReply, posted: {
  round: Round; user: StaffUser; call: HeldCall; body: CatiOutcomeBody; outcome: Exclude<CallOutcome, 'complete'>;
}): unknown {
  const { round, user, call, body, outcome } = posted;
  const typed = { appointmentAt: firstOf(body.appointment_at) ?? '', neverAgain: firstOf(body.never_again) === '1' };
  const appointmentAt = parseChinaLocalTime(typed.appointmentAt);
  const unreadable = outcome === 'appointment' && typed.appointmentAt.trim() !== '' && !appointmentAt;
  const recorded = unreadable
    ? { kind: 'bad_appointment' as const, message: APPOINTMENT_UNREADABLE }
    : cati.recordOutcome({ round, user, contactId: call.contactId, outcome, neverCallAgain: typed.neverAgain, appointmentAt, now: new Date() });
  if (recorded.kind === 'not_yours') throw notYours();
  if (recorded.kind === 'refused') throw refusalError(recorded.refusal);
  if (recorded.kind === 'bad_appointment') {
    const survey = contextOf(app, round, call).version.survey;
    const answers = keepVisibleAnswers(survey, answersFromForm(survey, body));
    return render(app, reply, round, call, { answers, errors: [], revealed: [], message: recorded.message, ...typed }, 422);
  }
  return reply.redirect(`/cati/${encodeURIComponent(round.code)}?recorded=${outcome}`, 303);
}

interface Posted {
  round: Round;
  user: StaffUser;
  call: HeldCall;
  body: Record<string, unknown>;
  /** The ids of the questions that were on the screen, comma-separated. */
  shown: string | undefined;
  submit: boolean;
}

/**
 * Questions these answers opened that the screen did not list and that have no answer yet: asked before anything is
 * stored. A follow-up the page's condition CSS showed and the interviewer answered is not asked again.
 */
function openedUnanswered(survey: Survey, answers: Answers, shown: ReadonlySet<string>): string[] {
  if (screensOut(survey, answers)) return [];
  return questionsOnPage(survey, answers).filter((q) => !shown.has(q.id) && answers[q.id] === undefined).map((q) => q.id);
}

/**
 * The questionnaire part of a posted call screen: shown again with the questions the answers opened (or with the
 * answer errors, answers kept), or stored with its call through the CATI service.
 */
async function completeOrShow(app: FastifyInstance, cati: CatiService, reply: FastifyReply, posted: Posted): Promise<unknown> {
  const { round, user, call } = posted;
  const survey = contextOf(app, round, call).version.survey;
  const given = answersFromForm(survey, posted.body);
  const shown = new Set((posted.shown ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const answers = keepVisibleAnswers(survey, given);
  const unseen = unseenAnswers(survey, given, shown);
  if (unseen.length > 0) return render(app, reply, round, call, { answers, errors: unseen, revealed: [] }, 422);
  const revealed = openedUnanswered(survey, answers, shown);
  if (!posted.submit || revealed.length > 0) return render(app, reply, round, call, { answers, errors: [], revealed });
  const outcome = await cati.complete({ round, user, contactId: call.contactId, survey, answers, now: new Date() });
  switch (outcome.kind) {
    case 'not_yours':
      throw notYours();
    case 'invalid':
      return render(app, reply, round, call, { answers, errors: outcome.errors, revealed: [] }, 422);
    case 'refused':
      throw refusalError(outcome.refusal);
    case 'duplicate':
      throw new Conflict('这份答卷已经保存过，请勿重复提交');
    case 'stored':
      return reply.redirect(`/cati/${encodeURIComponent(round.code)}?recorded=${outcome.status === 'complete' ? 'complete' : 'not_eligible'}`, 303);
  }
}

export default catiCallRoutes;
