// What the review queue (待核查) shows: each held response by its number, its answers as the resident form printed
// them (question number, short name, option label), why it was held (the arrival watch's reasons with the thresholds
// they crossed), and the decided ones with a way to reverse them while the round is open.
import type { FastifyInstance } from 'fastify';
import type { Round } from '../../../core/rounds/round.js';
import type { Survey } from '../../../core/survey/model.js';
import type { StaffUser } from '../../../core/auth/staff.js';
import { can } from '../../../core/auth/permissions.js';
import { HOLD_REASON_LABELS, REVIEW_STATE_LABELS } from '../core/anomaly.js';
import type { HeldResponse } from '../core/held.js';
import { holdReasonText } from '../core/explain.js';
import { INTEGRITY_FIELDS, type IntegritySettings, type SettingsProblem } from '../core/settings.js';
import { RESPONSE_STATUS_LABELS } from '../../../core/survey/response.js';
import { printedAnswers } from '../../../core/survey/printed-answers.js';
import { responseCountsByGrid } from '../../responses/responses-service.js';
import { acceptedShare } from '../core/accepted-share.js';

/** Decided responses listed under the held ones, newest decisions of each kind. */
const DECIDED_SHOWN = 100;

export function heldView(app: FastifyInstance, survey: Survey, settings: IntegritySettings, held: HeldResponse) {
  const grid = app.repos.units.getById(held.gridId);
  return {
    ...held,
    gridCode: grid?.code ?? String(held.gridId),
    gridName: grid?.name ?? '',
    statusName: RESPONSE_STATUS_LABELS[held.status],
    stateName: REVIEW_STATE_LABELS[held.review],
    reasonNames: held.reasons.map((r) => HOLD_REASON_LABELS[r]).join('、'),
    reasonTexts: held.reasons.map((r) => holdReasonText(r, settings)),
    // Texts are shown as typed (masked, escaped); identical sets still stand out side by side.
    answers: printedAnswers(survey, held.answers),
  };
}

type HeldView = ReturnType<typeof heldView>;

/** Held responses per grid, for deciding a whole grid at once (e.g. a residents' meeting on one Wi-Fi). */
export function gridGroups(held: readonly HeldView[]) {
  const groups = new Map<string, { gridCode: string; gridName: string; n: number }>();
  for (const h of held) {
    const group = groups.get(h.gridCode) ?? { gridCode: h.gridCode, gridName: h.gridName, n: 0 };
    group.n += 1;
    groups.set(h.gridCode, group);
  }
  return [...groups.values()];
}

/**
 * Per grid with any: how many of its completed, counted interviews (its n) were held and then accepted, and their share
 * of n, so the committee sees what its decisions let into each grid's numbers (docs/rules.md#review-across-grids-and-the-round).
 */
export function acceptedShares(app: FastifyInstance, roundId: number) {
  const counted = responseCountsByGrid(app.repos, roundId);
  return [...app.repos.review.acceptedByGrid(roundId)].map(([gridId, accepted]) => {
    const grid = app.repos.units.getById(gridId);
    const n = counted.get(gridId)?.complete ?? 0;
    return { gridCode: grid?.code ?? String(gridId), gridName: grid?.name ?? '', n, accepted, share: `${Math.round(acceptedShare(accepted, n) * 100)}%` };
  });
}

export function reviewPage(app: FastifyInstance, user: StaffUser, round: Round, survey: Survey, form: { values: Record<string, string>; problems: SettingsProblem[] }) {
  const counts = app.repos.review.counts(round.id);
  const settings = app.repos.review.settings(round.id);
  const list = (state: 'held' | 'accepted' | 'rejected', limit?: number) =>
    app.repos.review.list(round.id, state, limit).map((h) => heldView(app, survey, settings, h));
  const held = list('held');
  return {
    title: `待核查答卷 ${round.code}`,
    nav: 'rounds',
    round,
    counts,
    decidable: can(user, 'review.decide', { round }).allowed,
    held,
    grids: gridGroups(held),
    shares: acceptedShares(app, round.id),
    accepted: list('accepted', DECIDED_SHOWN),
    rejected: list('rejected', DECIDED_SHOWN),
    fields: INTEGRITY_FIELDS.map((f) => ({
      ...f,
      value: form.values[f.field] ?? '',
      error: form.problems.filter((p) => p.field === f.field).map((p) => p.message).join('；'),
    })),
    hasProblems: form.problems.length > 0,
  };
}

/** The confirmation before 剔除 of one response (held, or accepted and being reversed). */
export function rejectConfirmPage(app: FastifyInstance, round: Round, survey: Survey, held: HeldResponse, problem: string | null = null) {
  const view = heldView(app, survey, app.repos.review.settings(round.id), held);
  const base = `/rounds/${encodeURIComponent(round.code)}/review`;
  return {
    title: `确认剔除 第 ${held.id} 号待核查答卷`,
    nav: 'rounds',
    round,
    held: view,
    reversing: held.review === 'accepted',
    action: held.review === 'accepted' ? `${base}/${held.id}/reverse` : `${base}/${held.id}/reject`,
    problem,
  };
}

/** The confirmation before 全部剔除 of a grid's held responses. */
export function gridRejectConfirmPage(app: FastifyInstance, round: Round, survey: Survey, gridCode: string, problem: string | null = null) {
  const settings = app.repos.review.settings(round.id);
  const held = app.repos.review.list(round.id, 'held').map((h) => heldView(app, survey, settings, h)).filter((h) => h.gridCode === gridCode);
  return {
    title: `确认剔除 ${gridCode} 的全部待核查答卷`,
    nav: 'rounds',
    round,
    grid: { code: gridCode, name: held[0]?.gridName ?? gridCode, n: held.length },
    heldList: held,
    action: `/rounds/${encodeURIComponent(round.code)}/review/grid/${encodeURIComponent(gridCode)}/reject`,
    problem,
  };
}

export function settingsValues(settings: IntegritySettings): Record<string, string> {
  return Object.fromEntries(INTEGRITY_FIELDS.map((f) => [f.field, String(settings[f.field])]));
}
