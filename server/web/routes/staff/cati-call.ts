// The call screen of the phone-interview workstation: the held number (masked; in clear only in the reply to the
// audited reveal), the opening script, the questionnaire (the resident form's model and partials, screening and
// conditional questions resolved on the server) and the outcome buttons. A number that is not the user's, or whose
// call is over, gets a Chinese 409 and nothing is stored (the attempt is audit-logged by the CATI service).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../domain/auth/staff.js';
import type { Round } from '../../../domain/rounds/round.js';
import type { HeldCall } from '../../../storage/cati-repo.js';
import { answersFromForm } from '../../../domain/survey/answers.js';
import { isCallOutcome, type CallOutcome } from '../../../domain/cati/outcomes.js';
import { parseLocalTime } from '../../../domain/cati/next-number.js';
import { keepVisibleAnswers, questionsOnPage, unseenAnswers } from '../../resident/form-model.js';
import type { CatiService } from '../../../services/cati.js';
import { refusalError } from '../../refusals.js';
import { BadRequest, Conflict } from '../../errors.js';
import { CatiCallParams, CatiOutcomeBody } from '../../schemas/cati.js';
import { CsrfOnlyBody } from '../../schemas/staff.js';
import { firstOf } from '../../schemas/resident.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from './context.js';
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
    const back = `/cati/${encodeURIComponent(round.code)}`;
    if (outcome === 'refresh' || outcome === 'complete') return completeOrShow(app, cati, reply, {
        round, user, call, body: request.body, shown: firstOf(request.body.shown), submit: outcome === 'complete',
      });
    const appointment = firstOf(request.body.appointment_at);
    const recorded = cati.recordOutcome({
      round, user, contactId: call.contactId, outcome,
      neverCallAgain: firstOf(request.body.never_again) === '1',
      appointmentAt: appointment ? parseLocalTime(appointment) : undefined,
      now: new Date(),
    });
    if (recorded.kind === 'not_yours') throw notYours();
    if (recorded.kind === 'bad_appointment') {
      return render(app, reply, round, call, { answers: {}, errors: [], revealed: [], message: recorded.message }, 422);
    }
    return reply.redirect(`${back}?recorded=${outcome}`, 303);
  });
};

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
  const revealed = questionsOnPage(survey, answers).filter((q) => !shown.has(q.id)).map((q) => q.id);
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
