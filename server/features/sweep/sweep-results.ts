// The half-year sweep's numbers for a set of grids: its coverage of the roster (core/results/sweep-coverage.ts: the one
// "已回访 x / y 户" every page and document shows) and its results by roster category (features/sweep/core/by-category.ts),
// read from the roster, the call records and the responses (asked of the rounds' field work and the phone interviews).
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Survey } from '../../core/survey/model.js';
import type { Unit } from '../../core/units/unit.js';
import { categoryResults, type CategoryResult } from './core/by-category.js';
import { sweepProgress } from '../../core/results/sweep-progress.js';
import { coverageByArea, type SweepCoverageReport } from '../../core/results/sweep-coverage.js';
import { completedByCategory, rosterCounts } from '../rounds/fieldwork-service.js';
import { finalDispositionRows } from '../phone-interviews/phone-interviews-service.js';

/** The sweep's grids within the unit `unitCode` (its frozen coverage once opened); none for an unknown unit. */
function gridsUnder(repos: Repos, round: Round, unitCode: string): number[] {
  const tree = repos.units.treeOfRound(round);
  const unit = tree.byCode(unitCode);
  if (!unit) return [];
  return repos.rounds.gridIds(round).filter((id) => tree.isWithin(id, unit.id));
}

/** Results by category of the sweep's completed roster interviews in the grids under `unitCode`. */
export function sweepCategoryResults(repos: Repos, round: Round, survey: Survey, unitCode: string): CategoryResult[] {
  return categoryResults(survey, completedByCategory(repos, round.id, gridsUnder(repos, round, unitCode)), round.minSample);
}

/** The sweep's coverage of the roster over these grids: in total, by category, and by township, village and grid. */
export function sweepCoverage(repos: Repos, round: Round, gridIds: readonly number[]): SweepCoverageReport {
  const progress = sweepProgress(gridIds, rosterCounts(repos, gridIds), finalDispositionRows(repos, round.id));
  const tree = repos.units.treeOfRound(round);
  const grids = progress.byGrid.flatMap((g) => {
    const grid = tree.byId(g.gridId);
    return grid ? [{ grid, line: g }] : [];
  });
  const parentOf = (u: Unit) => (u.parentId === null ? undefined : tree.byId(u.parentId));
  return { ...progress, areas: coverageByArea(grids, parentOf) };
}

/** The coverage of the sweep's grids under one unit (the summary and the sweep's bulletin speak of one unit). */
export function sweepCoverageOf(repos: Repos, round: Round, unitCode: string): SweepCoverageReport {
  return sweepCoverage(repos, round, gridsUnder(repos, round, unitCode));
}
