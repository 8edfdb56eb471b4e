// The household code field of an invite-only round's form (features/invites, docs/rules.md#invite-only-rounds): the
// field's view, and what a posted code is worth before anything is stored. The code is consumed by the response's
// own transaction; a code another answer took meanwhile comes back as a duplicate invite (routes.ts).
import type { Repos } from '../../platform/repos.js';
import type { AnswerError } from '../../core/survey/answers.js';
import type { ResidentContext } from './context.js';
import { checkHouseholdCode } from '../invites/invites-service.js';
import { CODE_MESSAGES } from '../invites/core/household-code.js';

export const HOUSEHOLD_CODE_FIELD = 'household_code';

/** The error a code another answer used is shown with (the race lost inside the write). */
export const CODE_USED_ERROR: AnswerError = { questionId: HOUSEHOLD_CODE_FIELD, message: CODE_MESSAGES.used };

/** What the form needs to draw the field, or undefined when the round is open to every link (or a one-time link
 * already carries an invite). */
export function householdField(ctx: ResidentContext, state: { invite?: string; householdCode?: string; errors: readonly AnswerError[] }) {
  if (!ctx.inviteOnly || state.invite) return undefined;
  const error = state.errors.find((e) => e.questionId === HOUSEHOLD_CODE_FIELD)?.message;
  return { name: HOUSEHOLD_CODE_FIELD, value: state.householdCode ?? '', error };
}

export type HouseholdCodeResult = { ok: true; inviteId: number | null } | { ok: false; error: AnswerError; used: boolean };

/** The invite a posted code stands for; nothing to check in an open round or with a one-time link's invite. */
export function householdInvite(repos: Repos, ctx: ResidentContext, posted: { inviteId: number | null; householdCode: string | undefined }): HouseholdCodeResult {
  if (!ctx.inviteOnly || posted.inviteId !== null) return { ok: true, inviteId: posted.inviteId };
  const check = checkHouseholdCode(repos, ctx.round, ctx.grid.id, posted.householdCode);
  if (check.ok) return { ok: true, inviteId: check.inviteId };
  return { ok: false, error: { questionId: HOUSEHOLD_CODE_FIELD, message: check.message }, used: check.problem === 'used' };
}
