// Anomaly review (待核查): the responses held in a round, for the committee (administrators and the committee role)
// to accept or reject, and the round's thresholds. Decisions are audited in the transaction that makes them
// (storage/review-repo.ts); they are taken while the round is open, so a closed round's frozen results never move.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Round } from '../../../domain/rounds/round.js';
import type { StaffUser } from '../../../domain/auth/staff.js';
import { canManageRounds } from '../../../domain/auth/scope.js';
import { HOLD_REASON_LABELS, REVIEW_STATE_LABELS } from '../../../domain/integrity/anomaly.js';
import type { HeldResponse } from '../../../domain/integrity/held.js';
import { checkIntegritySettings, INTEGRITY_FIELDS, type IntegritySettings, type SettingsProblem } from '../../../domain/integrity/settings.js';
import { RESPONSE_STATUS_LABELS } from '../../../domain/responses/response.js';
import { Conflict, Forbidden, UnitNotFound } from '../../errors.js';
import { CsrfField, CsrfOnlyBody, RoundCode, RoundParams, UnitCode } from '../../schemas/staff.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from './context.js';

const DecisionParams = Type.Object({ code: RoundCode, id: Type.String({ pattern: '^[0-9]{1,12}$' }) });
const GridDecisionParams = Type.Object({ code: RoundCode, gridCode: UnitCode });
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
});
/** Decided responses listed under the held ones, newest decisions of each kind. */
const DECIDED_SHOWN = 100;

function reviewerRound(app: FastifyInstance, user: StaffUser, code: string): Round {
  if (!canManageRounds(user)) throw new Forbidden();
  return roundInScope(app, user, code);
}

/** A round whose held responses may be decided now, and its questionnaire (an accepted response is stored with it). */
function decidableRound(app: FastifyInstance, user: StaffUser, code: string) {
  const round = reviewerRound(app, user, code);
  if (round.state !== 'open') throw new Conflict('本轮已结束（或尚未开始），待核查答卷不能再处理');
  const survey = app.repos.surveys.getVersion(round.surveyVersionId)?.survey;
  if (!survey) throw new Error(`round ${round.code} has no questionnaire version ${round.surveyVersionId}`);
  return { round, survey };
}

/** Held responses per grid, for deciding a whole grid at once (e.g. a residents' meeting on one Wi-Fi). */
function gridGroups(held: ReturnType<typeof heldView>[]) {
  const groups = new Map<string, { gridCode: string; gridName: string; n: number }>();
  for (const h of held) {
    const group = groups.get(h.gridCode) ?? { gridCode: h.gridCode, gridName: h.gridName, n: 0 };
    group.n += 1;
    groups.set(h.gridCode, group);
  }
  return [...groups.values()];
}

function heldView(app: FastifyInstance, held: HeldResponse) {
  const grid = app.repos.units.getById(held.gridId);
  return {
    ...held,
    gridCode: grid?.code ?? String(held.gridId),
    gridName: grid?.name ?? '',
    statusName: RESPONSE_STATUS_LABELS[held.status],
    reasonNames: held.reasons.map((r) => HOLD_REASON_LABELS[r]).join('、'),
    // The answers as question = codes, so identical sets stand out side by side; texts are shown as typed (escaped).
    answerSummary: Object.entries(held.answers)
      .map(([id, v]) => `${id}=${v.kind === 'text' ? `“${v.text}”` : v.codes.join('+')}`)
      .join(' '),
  };
}

function reviewPage(app: FastifyInstance, round: Round, form: { values: Record<string, string>; problems: SettingsProblem[] }) {
  const counts = app.repos.review.counts(round.id);
  const list = (state: 'held' | 'accepted' | 'rejected', limit?: number) =>
    app.repos.review.list(round.id, state, limit).map((h) => heldView(app, h));
  const held = list('held');
  return {
    title: `待核查答卷 ${round.code}`,
    nav: 'rounds',
    round,
    counts,
    decidable: round.state === 'open',
    held,
    grids: gridGroups(held),
    accepted: list('accepted', DECIDED_SHOWN),
    rejected: list('rejected', DECIDED_SHOWN),
    stateNames: REVIEW_STATE_LABELS,
    fields: INTEGRITY_FIELDS.map((f) => ({
      ...f,
      value: form.values[f.field] ?? '',
      error: form.problems.filter((p) => p.field === f.field).map((p) => p.message).join('；'),
    })),
    hasProblems: form.problems.length > 0,
  };
}

function settingsValues(settings: IntegritySettings): Record<string, string> {
  return Object.fromEntries(INTEGRITY_FIELDS.map((f) => [f.field, String(settings[f.field])]));
}

const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { review } = app.repos;

  app.get('/rounds/:code/review', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const round = reviewerRound(app, staffUser(request), request.params.code);
    const values = settingsValues(review.settings(round.id));
    return reply.view('staff/review', reviewPage(app, round, { values, problems: [] }), STAFF_LAYOUT);
  });

  for (const decision of ['accept', 'reject'] as const) {
    app.post(
      `/rounds/:code/review/:id/${decision}`,
      { schema: { params: DecisionParams, body: CsrfOnlyBody, hide: true } },
      async (request, reply) => {
        const user = staffUser(request);
        const { round, survey } = decidableRound(app, user, request.params.code);
        const id = Number(request.params.id);
        const done = decision === 'accept' ? review.accept(id, round.id, round.code, user.id, survey) : review.reject(id, round.id, round.code, user.id);
        if (!done.ok) throw new Conflict(done.problem);
        return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/review`, 303);
      },
    );

    app.post(
      `/rounds/:code/review/grid/:gridCode/${decision}`,
      { schema: { params: GridDecisionParams, body: CsrfOnlyBody, hide: true } },
      async (request, reply) => {
        const user = staffUser(request);
        const { round, survey } = decidableRound(app, user, request.params.code);
        const grid = app.repos.units.getByCode(request.params.gridCode);
        if (!grid) throw new UnitNotFound(request.params.gridCode);
        review.decideGrid(grid.id, decision, round, user.id, survey);
        return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/review`, 303);
      },
    );
  }

  app.post('/rounds/:code/review/settings', { schema: { params: RoundParams, body: SettingsBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = reviewerRound(app, user, request.params.code);
    if (round.state === 'closed') throw new Conflict('本轮已结束，核查阈值不能再修改');
    const values: Record<string, string> = {};
    for (const f of INTEGRITY_FIELDS) values[f.field] = String(request.body[f.field] ?? '');
    const checked = checkIntegritySettings(values);
    if (!checked.settings) {
      const page = { ...reviewPage(app, round, { values, problems: checked.problems }), csrfToken: reply.generateCsrf() };
      return reply.code(422).view('staff/review', page, STAFF_LAYOUT);
    }
    review.saveSettings(round.id, round.code, checked.settings, user.id);
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/review`, 303);
  });
};

export default reviewRoutes;
