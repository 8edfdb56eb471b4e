// What the bulletin and half-year summary pages and their Word files show for one unit: the round and unit looked
// up and the unit checked against the user's scope (bulletin-lookup.ts), the content from the one bulletin service
// (../bulletin-service.ts), formatted by the view-models.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { UnitResult } from '../../../core/results/types.js';
import type { BulletinContent } from '../core/content-types.js';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { bulletinFor, bulletinForecastReady, bulletinResults, summaryOffLoop, summarySeries } from '../bulletin-service.js';
import { bulletinView, type BulletinView } from '../view-models/bulletin.js';
import { summaryView, type SummaryView } from '../view-models/summary.js';
import type { SummaryContent } from '../core/summary-content.js';
import { pageUnit, roundByCode, summaryEndRound } from './bulletin-lookup.js';
import { ownTurn } from '../../../platform/loop-turns.js';

/** Whether the user may open another unit's bulletin: links to it are shown only then. */
function canOpenFor(app: FastifyInstance, user: StaffUser): (code: string) => boolean {
  return (code) => {
    const unit = app.repos.units.getByCode(code);
    return unit !== undefined && canSeeUnit(user, unit.id, app.repos.units);
  };
}

export interface BulletinSubject {
  round: Round;
  unit: UnitResult;
}

/** The round `roundCode` and the unit `unitCode` in it (default: the user's own top unit), checked against the scope. */
export async function bulletinSubject(app: FastifyInstance, user: StaffUser, roundCode: string, unitCode: string | undefined): Promise<BulletinSubject> {
  const round = roundByCode(app, roundCode);
  const results = await bulletinResults(app.repos, round);
  return { round, unit: pageUnit(app, user, results, unitCode) };
}

export interface LoadedBulletin extends BulletinSubject {
  content: BulletinContent;
  view: BulletinView;
}

/** A round's monthly bulletin for `unitCode` (default: the user's own top unit in the round). */
export async function loadBulletin(app: FastifyInstance, user: StaffUser, roundCode: string, unitCode: string | undefined): Promise<LoadedBulletin> {
  const { round, unit } = await bulletinSubject(app, user, roundCode, unitCode);
  await bulletinForecastReady(app.repos, user, round, unit);
  // One bulletin per turn (platform/loop-turns.ts), in two turns: the content (about 6 ms of the demo district's
  // closed month on an idle machine), then the view and the page's rendering (about 7 ms) — 15 ms in one turn was 50–80
  // with the machine's cores shared (bench/event-loop.ts, load, 2026-12-07).
  await ownTurn();
  const content = bulletinFor(app.repos, round, unit);
  await ownTurn();
  return { round, unit, content, view: bulletinView(content, canOpenFor(app, user)) };
}

export interface LoadedSummary {
  end: Round;
  unit: UnitResult;
  /** The one summary content (bulletin-service.ts summaryFor): page, Word, XLSX, CSV and API format it. */
  content: SummaryContent;
  view: SummaryView;
}

/** The half-year summary ending with `endPeriod` (default: the latest closed month); null when there is none yet. */
export async function loadSummary(
  app: FastifyInstance,
  user: StaffUser,
  query: { survey?: string; end?: string; unit?: string },
): Promise<LoadedSummary | null> {
  const end = summaryEndRound(app, query.survey, query.end);
  if (!end) return null;
  const series = await summarySeries(app.repos, end);
  const unit = pageUnit(app, user, series[series.length - 1], query.unit);
  // The content — with its half-year rank ranges (docs/statistics.md#rank-ranges) — in the results worker, then the
  // view and the page in a turn of their own (platform/loop-turns.ts).
  const content = await summaryOffLoop(app.repos, end, series, unit);
  await ownTurn();
  return { end, unit, content, view: summaryView(content) };
}
