// Anomaly review (待核查): the responses held in a round, for the committee (administrators and the committee role)
// to accept or reject, and the round's thresholds. Decisions are audited in the transaction that makes them
// (features/review/review-service.ts); they are taken while the round is open, so a closed round's frozen results never move.
// 剔除 goes through a confirmation page (a form with a confirm checkbox, so it works without JavaScript), and a
// decision can be reversed while the round is open; the results follow at once, as for any decision
// (results are recomputed when the database changed: features/results/live-results.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Round } from '../../../core/rounds/round.js';
import type { StaffUser } from '../../../core/auth/staff.js';
import { checkIntegritySettings, INTEGRITY_FIELDS } from '../core/settings.js';
import { Conflict, ResponseNotFound, UnitNotFound } from '../../../web/errors.js';
import { allow } from '../../../web/permissions.js';
import { CsrfField, CsrfOnlyBody, RoundCode, RoundParams, UnitCode } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from '../../../web/staff/context.js';
import { acceptHeld, decideGrid, rejectHeld, reverseDecision } from '../review-service.js';
import { gridRejectConfirmPage, rejectConfirmPage, reviewPage, settingsValues } from './review-view.js';
import { ofRound } from '../../surveys/surveys-service.js';

const DecisionParams = Type.Object({ code: RoundCode, id: Type.String({ pattern: '^[0-9]{1,12}$' }) });
const GridDecisionParams = Type.Object({ code: RoundCode, gridCode: UnitCode });
/** 剔除 needs the confirmation page's checkbox ("1"). */
const ConfirmBody = Type.Object({ _csrf: CsrfField, confirm: Type.Optional(Type.String({ maxLength: 10 })) });
const ReverseBody = Type.Object({
  _csrf: CsrfField,
  to: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
  confirm: Type.Optional(Type.String({ maxLength: 10 })),
});
const SettingValue = Type.Optional(Type.String({ maxLength: 20 }));
/** One field per INTEGRITY_FIELDS entry; their meaning is checked by checkIntegritySettings, which answers in Chinese. */
const SettingsBody = Type.Object({
  _csrf: CsrfField,
  burstMadMultiplier: SettingValue,
  burstMinPerHour: SettingValue,
  networkMaxPerGridHour: SettingValue,
  quotaMultiple: SettingValue,
  patternWindowMinutes: SettingValue,
  patternMaxInWindow: SettingValue,
  networkMaxGridsPerRound: SettingValue,
  networkMaxPerRound: SettingValue,
  areaBurstMinPerHour: SettingValue,
});
const NOT_CONFIRMED = '请勾选“我已核实，确认剔除”后再提交';
const ALREADY_DECIDED = '该答卷已被他人处理，请刷新页面';

/** The round whose held responses the user reviews: the committee's and administrators' (the verb 'review.decide'). */
function reviewerRound(app: FastifyInstance, user: StaffUser, code: string): Round {
  allow(user, 'review.decide');
  return roundInScope(app, user, code);
}

/** A round whose held responses may be decided now, and its questionnaire (an accepted response is stored with it). */
function decidableRound(app: FastifyInstance, user: StaffUser, code: string) {
  const round = reviewerRound(app, user, code);
  allow(user, 'review.decide', { round });
  return { round, survey: ofRound(app.repos, round) };
}

const backTo = (reply: FastifyReply, round: Round) => reply.redirect(`/rounds/${encodeURIComponent(round.code)}/review`, 303);

function heldOr404(app: FastifyInstance, round: Round, id: string) {
  const held = app.repos.review.get(Number(id), round.id);
  if (!held) throw new ResponseNotFound(id);
  return held;
}

/** The held response the confirmation is about: held (剔除) or accepted (改为剔除); 404 / 409 otherwise. */
function toConfirm(app: FastifyInstance, round: Round, id: string, states: ReadonlyArray<'held' | 'accepted'>) {
  const held = heldOr404(app, round, id);
  if (!states.some((s) => s === held.review)) throw new Conflict(ALREADY_DECIDED);
  return held;
}

/** The page, and the decisions on one held response: accept, reject (confirmed), reverse. */
const singleDecisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { review } = app.repos;

  app.get('/rounds/:code/review', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = reviewerRound(app, user, request.params.code);
    const values = settingsValues(review.settings(round.id));
    return reply.view('staff/review', reviewPage(app, user, round, ofRound(app.repos, round), { values, problems: [] }), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/review/:id/accept', { schema: { params: DecisionParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, survey } = decidableRound(app, user, request.params.code);
    const done = acceptHeld(app.repos, app.db, Number(request.params.id), round, user.id, survey);
    if (!done.ok) throw new Conflict(done.problem);
    return backTo(reply, round);
  });

  app.get('/rounds/:code/review/:id/reject', { schema: { params: DecisionParams, hide: true } }, async (request, reply) => {
    const { round, survey } = decidableRound(app, staffUser(request), request.params.code);
    const held = toConfirm(app, round, request.params.id, ['held', 'accepted']);
    return reply.view('staff/review-confirm', rejectConfirmPage(app, round, survey, held), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/review/:id/reject', { schema: { params: DecisionParams, body: ConfirmBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, survey } = decidableRound(app, user, request.params.code);
    const held = toConfirm(app, round, request.params.id, ['held']);
    if (request.body.confirm !== '1') {
      return reply.code(422).view('staff/review-confirm', rejectConfirmPage(app, round, survey, held, NOT_CONFIRMED), STAFF_LAYOUT);
    }
    const done = rejectHeld(app.repos, app.db, held.id, round, user.id);
    if (!done.ok) throw new Conflict(done.problem);
    return backTo(reply, round);
  });

  app.post('/rounds/:code/review/:id/reverse', { schema: { params: DecisionParams, body: ReverseBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, survey } = decidableRound(app, user, request.params.code);
    const { to } = request.body;
    const held = to === 'rejected' ? toConfirm(app, round, request.params.id, ['accepted']) : heldOr404(app, round, request.params.id);
    if (to === 'rejected' && request.body.confirm !== '1') {
      return reply.code(422).view('staff/review-confirm', rejectConfirmPage(app, round, survey, held, NOT_CONFIRMED), STAFF_LAYOUT);
    }
    const done = reverseDecision(app.repos, app.db, held.id, to, round, user.id, survey);
    if (!done.ok) throw new Conflict(done.problem);
    return backTo(reply, round);
  });

};

/** A whole grid's held responses at once (e.g. a residents' meeting on one Wi-Fi), and the round's thresholds. */
const gridAndSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { review } = app.repos;

  app.post('/rounds/:code/review/grid/:gridCode/accept', { schema: { params: GridDecisionParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, survey } = decidableRound(app, user, request.params.code);
    const grid = app.repos.units.getByCode(request.params.gridCode);
    if (!grid) throw new UnitNotFound(request.params.gridCode);
    decideGrid(app.repos, app.db, grid.id, 'accept', round, user.id, survey);
    return backTo(reply, round);
  });

  app.get('/rounds/:code/review/grid/:gridCode/reject', { schema: { params: GridDecisionParams, hide: true } }, async (request, reply) => {
    const { round, survey } = decidableRound(app, staffUser(request), request.params.code);
    if (!app.repos.units.getByCode(request.params.gridCode)) throw new UnitNotFound(request.params.gridCode);
    return reply.view('staff/review-grid-confirm', gridRejectConfirmPage(app, round, survey, request.params.gridCode), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/review/grid/:gridCode/reject', { schema: { params: GridDecisionParams, body: ConfirmBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, survey } = decidableRound(app, user, request.params.code);
    const grid = app.repos.units.getByCode(request.params.gridCode);
    if (!grid) throw new UnitNotFound(request.params.gridCode);
    if (request.body.confirm !== '1') {
      const page = gridRejectConfirmPage(app, round, survey, grid.code, NOT_CONFIRMED);
      return reply.code(422).view('staff/review-grid-confirm', page, STAFF_LAYOUT);
    }
    decideGrid(app.repos, app.db, grid.id, 'reject', round, user.id, survey);
    return backTo(reply, round);
  });

  app.post('/rounds/:code/review/settings', { schema: { params: RoundParams, body: SettingsBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = reviewerRound(app, user, request.params.code);
    if (round.state === 'closed') throw new Conflict('本轮已结束，核查阈值不能再修改');
    const values: Record<string, string> = {};
    for (const f of INTEGRITY_FIELDS) values[f.field] = String(request.body[f.field] ?? '');
    const checked = checkIntegritySettings(values);
    if (!checked.settings) {
      return reply.code(422).view('staff/review', reviewPage(app, user, round, ofRound(app.repos, round), { values, problems: checked.problems }), STAFF_LAYOUT);
    }
    review.saveSettings(round.id, round.code, checked.settings, user.id);
    return backTo(reply, round);
  });
};

const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(singleDecisionRoutes);
  await app.register(gridAndSettingsRoutes);
};

export default reviewRoutes;
