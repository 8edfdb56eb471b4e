// Finding what a bulletin or summary page is about — round, unit, the half-year's rounds — and answering 404 or 403
// in Chinese when it does not exist or lies outside the user's part of the tree.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import type { Survey } from '../../../core/survey/model.js';
import { isMonthPeriod, Period } from '../../../core/time/period.js';
import { canSeeUnit, seesEverything } from '../../../core/auth/scope.js';
import { topUnit } from '../../../core/results/summary.js';
import { getRoundResults } from '../../results/round-results.js';
import { Forbidden, RoundNotFound, UnitNotFound, UnitNotInRound } from '../../../web/errors.js';
import { canUseForecast } from '../../forecast/core/access.js';
import { forecastSummary } from '../../forecast/forecast.js';
import { forecastSectionOf, type ForecastSectionView } from '../../forecast/view-models/forecast-section.js';
import { ofRound } from '../../surveys/surveys-service.js';

export function surveyOf(app: FastifyInstance, round: Round): Survey {
  return ofRound(app.repos, round);
}

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

/**
 * The roster sweep of the half-year: a sweep round whose month lies within the summary's months, or whose period
 * names that half-year (2026-H2).
 */
export function sweepOf(app: FastifyInstance, periods: string[]): { round: Round; results: RoundResults; survey: Survey } | null {
  const first = periods[0];
  const last = periods[periods.length - 1];
  const halves = new Set(periods.map((p) => String(Period.parse(p)?.halfYear())));
  const round = app.repos.rounds
    .list()
    .find((r) => r.kind === 'sweep' && r.state !== 'draft' && ((r.period >= first && r.period <= last && isMonthPeriod(r.period)) || halves.has(r.period)));
  if (!round) return null;
  return { round, results: getRoundResults(app.repos, round), survey: surveyOf(app, round) };
}

/**
 * The forecast section of a monthly bulletin (docs/rules.md#bulletins): only on the district's own bulletin of a closed
 * round (the forecast rests on closed rounds), and only for those who may see the forecast (the committee).
 */
export function bulletinForecast(app: FastifyInstance, user: StaffUser, round: Round, unit: UnitResult): ForecastSectionView | null {
  if (round.state !== 'closed' || unit.level !== 'district' || !canUseForecast(user)) return null;
  return forecastSectionOf(forecastSummary(app.repos, round.code));
}
