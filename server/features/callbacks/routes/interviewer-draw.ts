// A call-back draw for one interviewer (真实度回访 of the interviews they entered), opened from the interviewers page
// (docs/statistics.md#interviewers): the interviews come from their completed phone interviews in the user's scope,
// at a share of its own (INTERVIEWER_CHECK_SHARE by default). Township staff may draw for an interviewer who worked
// their township (permission callback.drawInterviewer), the committee for anyone.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import { can } from '../../../core/auth/permissions.js';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { allow } from '../../../web/permissions.js';
import { BadRequest } from '../../../web/errors.js';
import { parseSharePercent } from '../core/draw.js';
import type { PhoneInterview } from '../callbacks-repo.js';
import { staffName } from '../../accounts/accounts-service.js';

/** What a draw is made from: the whole round at its share, or one interviewer's interviews at the form's. */
export interface DrawPool {
  interviews: PhoneInterview[];
  share: number;
  interviewerId: number | null;
  /** Whose interviews and who is drawn for, in the messages: 本轮 / 各访问员, or the interviewer's name. */
  whose: string;
  who: string;
}

/** The interviewer's draw form as shown: its share as typed, and the problem with it. */
export interface InterviewerDrawForm {
  interviewerId: number;
  share: string;
  error?: string;
}

export function roundDrawPool(app: FastifyInstance, round: Round): DrawPool {
  return { interviews: app.repos.callbacks.completedPhoneInterviews(round.id), share: app.repos.callbacks.settings(round.id).share, interviewerId: null, whose: '本轮', who: '各访问员' };
}

/** The interviewer's completed phone interviews of the round, and the grids they were made in. */
function interviewsOf(app: FastifyInstance, round: Round, interviewerId: number): { all: PhoneInterview[]; gridIds: number[] } {
  const all = app.repos.callbacks.completedPhoneInterviews(round.id).filter((i) => i.interviewerId === interviewerId);
  return { all, gridIds: [...new Set(all.map((i) => i.gridId))] };
}

const nameOf = (app: FastifyInstance, id: number) => staffName(app.repos, id, `账号 ${id}`);

/**
 * The pool of a draw for one interviewer, after the permission (403 for an interviewer outside the user's township);
 * the form back with its error when the share is not a percentage.
 */
export function interviewerDrawPool(
  app: FastifyInstance, user: StaffUser, round: Round, interviewerText: string, shareText: string,
): DrawPool | { error: string; form: InterviewerDrawForm } {
  if (!/^\d{1,9}$/.test(interviewerText.trim())) throw new BadRequest('请从访员质量页面的链接进入，为指定访员抽取回访样本');
  const interviewerId = Number(interviewerText.trim());
  const units = app.repos.units.tree();
  const { all, gridIds } = interviewsOf(app, round, interviewerId);
  // Without a phone interview there is no township to check: the role decides, and the draw says there is nothing.
  allow(user, 'callback.drawInterviewer', all.length === 0 ? undefined : { gridIds, units });
  const share = parseSharePercent(shareText);
  if (share === null) {
    const error = '回访比例应为 0 到 100 之间的百分数，例如 30';
    return { error, form: { interviewerId, share: shareText, error } };
  }
  const interviews = all.filter((i) => canSeeUnit(user, i.gridId, units));
  const name = nameOf(app, interviewerId);
  return { interviews, share, interviewerId, whose: `${name}本轮`, who: name };
}

/** The page's part about the interviewer: their interviews in the user's scope, and the draw form if the user may draw. */
export function interviewerSection(app: FastifyInstance, user: StaffUser, round: Round, form: InterviewerDrawForm) {
  const units = app.repos.units.tree();
  const { all, gridIds } = interviewsOf(app, round, form.interviewerId);
  const mine = all.filter((i) => canSeeUnit(user, i.gridId, units));
  const drawn = new Set(app.repos.callbacks.drawn(round.id).map((d) => d.responseId));
  return {
    id: form.interviewerId,
    name: nameOf(app, form.interviewerId),
    completed: mine.length,
    drawn: mine.filter((i) => drawn.has(i.responseId)).length,
    canDraw: can(user, 'callback.drawInterviewer', all.length === 0 ? undefined : { gridIds, units }).allowed,
    share: form.share,
    error: form.error ?? null,
  };
}
