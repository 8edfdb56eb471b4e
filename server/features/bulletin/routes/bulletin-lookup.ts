// Finding what a bulletin or summary page is about — round, unit, the half-year's last round — and answering 404 or
// 403 in Chinese when it does not exist or lies outside the user's part of the tree. What the page then says comes
// from ../bulletin-service.ts.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import { canSeeUnit, seesEverything } from '../../../core/auth/scope.js';
import { topUnit } from '../../../core/results/summary.js';
import { Forbidden, RoundNotFound, UnitNotFound, UnitNotInRound } from '../../../web/errors.js';

/** The unit a page is about: the one asked for, else the user's own unit, else the top of the round. */
export function pageUnit(app: FastifyInstance, user: StaffUser, results: RoundResults, code: string | undefined): UnitResult {
  let wanted = code;
  if (wanted === undefined) {
    const own = user.unitId === null ? undefined : app.repos.units.getById(user.unitId);
    const top = topUnit(results);
    wanted = !seesEverything(user) && own ? own.code : top?.code;
    if (wanted === undefined) throw new UnitNotInRound(results.roundCode);
  }
  const unit = app.repos.units.getByCode(wanted);
  if (!unit) throw new UnitNotFound(wanted);
  if (!canSeeUnit(user, unit.id, app.repos.units)) throw new Forbidden();
  const result = Object.hasOwn(results.units, unit.code) ? results.units[unit.code] : undefined;
  if (!result) throw new UnitNotInRound(unit.name);
  return result;
}

export function roundByCode(app: FastifyInstance, code: string): Round {
  const round = app.repos.rounds.getByCode(code);
  if (!round) throw new RoundNotFound(code);
  return round;
}

/** The monthly round a half-year summary ends with; undefined when no monthly round has closed yet. */
export function summaryEndRound(app: FastifyInstance, survey: string | undefined, end: string | undefined): Round | undefined {
  const monthly = app.repos.rounds.list().filter((r) => r.kind === 'monthly' && (survey === undefined || r.surveyKey === survey));
  if (end !== undefined) {
    const found = monthly.find((r) => r.period === end && r.state !== 'draft');
    if (!found) throw new RoundNotFound(`${end}${survey ? ` ${survey}` : ''}`);
    return found;
  }
  const latest = monthly.find((r) => r.state === 'closed');
  if (!latest && survey !== undefined) throw new RoundNotFound(survey);
  return latest;
}
