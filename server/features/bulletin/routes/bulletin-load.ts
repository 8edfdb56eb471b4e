// What the bulletin and half-year summary say for one unit, found once for every format that shows them: the page,
// the Word notice (bulletin-docx.ts). The round and unit are looked up and the unit checked against the user's scope
// (bulletin-lookup.ts); a large open round's results are prepared off the event loop first.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { UnitResult } from '../../../core/results/types.js';
import type { BulletinContent } from '../core/content-types.js';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { bulletinContent } from '../core/content.js';
import { getResultsSeries, getRoundResults } from '../../results/round-results.js';
import { liveResultsReady } from '../../results/live-results.js';
import { sweepCategoryResults, sweepCoverageOf } from '../../sweep/sweep-results.js';
import { bulletinView, type BulletinView } from '../view-models/bulletin.js';
import { coverageOf, coverageText } from '../../../core/results/sweep-coverage.js';
import { buildSummary } from '../view-models/summary.js';
import { pageUnit, roundByCode, summaryEndRound, surveyOf, sweepOf } from './bulletin-lookup.js';
import { roundCallbackTally } from '../../callbacks/routes/callbacks-view.js';

/** Whether the user may open another unit's bulletin: links to it are shown only then. */
function canOpenFor(app: FastifyInstance, user: StaffUser): (code: string) => boolean {
  return (code) => {
    const unit = app.repos.units.getByCode(code);
    return unit !== undefined && canSeeUnit(user, unit.id, app.repos.units);
  };
}

export interface LoadedBulletin {
  round: Round;
  unit: UnitResult;
  content: BulletinContent;
  view: BulletinView;
}

/** A round's monthly bulletin for `unitCode` (default: the user's own top unit in the round). */
export async function loadBulletin(app: FastifyInstance, user: StaffUser, roundCode: string, unitCode: string | undefined): Promise<LoadedBulletin> {
  const round = roundByCode(app, roundCode);
  await liveResultsReady(app.repos, round);
  const results = getRoundResults(app.repos, round);
  const unit = pageUnit(app, user, results, unitCode);
  const content = bulletinContent({
    round,
    survey: surveyOf(app, round),
    results,
    series: getResultsSeries(app.repos, round, 6),
    unit,
    callbacks: roundCallbackTally(app, round),
  });
  const view = bulletinView(content, canOpenFor(app, user));
  // A sweep is measured against the roster, not a quota: the same line as its round page and the summary.
  if (round.kind === 'sweep') view.sweepCoverage = coverageText(coverageOf(sweepCoverageOf(app.repos, round, unit.code).total));
  return { round, unit, content, view };
}

export interface LoadedSummary {
  end: Round;
  unit: UnitResult;
  view: ReturnType<typeof buildSummary>;
}

/** The half-year summary ending with `endPeriod` (default: the latest closed month); null when there is none yet. */
export async function loadSummary(
  app: FastifyInstance,
  user: StaffUser,
  query: { survey?: string; end?: string; unit?: string },
): Promise<LoadedSummary | null> {
  const end = summaryEndRound(app, query.survey, query.end);
  if (!end) return null;
  await liveResultsReady(app.repos, end);
  const found = getResultsSeries(app.repos, end, 6);
  const series = found.length > 0 ? found : [getRoundResults(app.repos, end)];
  const unit = pageUnit(app, user, series[series.length - 1], query.unit);
  const sweep = sweepOf(app, series.map((r) => r.period));
  const view = buildSummary({
    survey: surveyOf(app, end),
    series,
    unit,
    sweep: sweep && {
      ...sweep,
      categories: sweepCategoryResults(app.repos, sweep.round, sweep.survey, unit.code),
      coverage: sweepCoverageOf(app.repos, sweep.round, unit.code),
    },
  });
  return { end, unit, view };
}
