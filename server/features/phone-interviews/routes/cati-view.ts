// What the workstation pages show besides the call itself: the rounds a user can phone for, their own progress
// against the grid quota, and (for township staff and the committee) each interviewer's progress.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import { roundTouchesScope, seesEverything } from '../../../core/auth/scope.js';
import { unitProgress } from '../../rounds/core/progress.js';
import { responseCountsByGrid } from '../../responses/responses-service.js';
import { periodLabel } from '../../../core/time/period.js';
import { chinaDayStartOf } from '../../../core/time/china-time.js';
import { roundGridsInScope } from '../../../web/staff/context.js';
import { coverageOf, coverageText } from '../../../core/results/sweep-coverage.js';
import { sweepCoverage } from '../../sweep/sweep-results.js';
import { staffName } from '../../accounts/accounts-service.js';

/** Open rounds of the user's scope that collect answers by phone. */
export function phoneRounds(app: FastifyInstance, user: StaffUser): Round[] {
  const tree = app.repos.units.tree();
  return app.repos.rounds
    .list()
    .filter((r) => r.state === 'open' && r.channels.includes('phone') && roundTouchesScope(user, r.unitIds, tree));
}

export function roundLine(round: Round) {
  return { code: round.code, period: periodLabel(round.period), kind: round.kind };
}

/** Township staff and the committee see everyone's progress; a grid worker sees their own. */
export function seesInterviewers(user: StaffUser): boolean {
  return seesEverything(user) || user.role === 'township';
}

/**
 * The user's grids' completed interviews (every channel) against the quota — for a sweep, its coverage of the roster
 * of those grids (the one "已回访 x / y 户" of the round page) — and the user's own calls.
 */
export function ownProgress(app: FastifyInstance, user: StaffUser, round: Round, now: Date) {
  const gridIds = roundGridsInScope(app, user, round);
  const mine = app.repos.cati.progress.mine(round.id, user.id, chinaDayStartOf(now));
  if (round.kind === 'sweep') {
    const sweep = coverageText(coverageOf(sweepCoverage(app.repos, round, gridIds).total));
    return { quota: null, sweep, mine, grids: gridIds.length };
  }
  const counts = responseCountsByGrid(app.repos, round.id);
  const quota = unitProgress({ id: 0, code: '', name: '' }, gridIds, counts, round.quotaPerGrid);
  return { quota, sweep: null, mine, grids: gridIds.length };
}

/** One row per interviewer who called numbers of the user's grids in the round. */
export function interviewerRows(app: FastifyInstance, user: StaffUser, round: Round, now: Date) {
  const gridIds = roundGridsInScope(app, user, round);
  return app.repos.cati.progress.byInterviewer(round.id, gridIds, chinaDayStartOf(now)).map((t) => ({
    ...t,
    name: staffName(app.repos, t.interviewerId, `#${t.interviewerId}`),
  }));
}
