// The half-year sweep's numbers for a set of grids: its coverage of the roster (domain/sweep/coverage.ts: the one
// "已回访 x / y 户" every page and document shows) and its results by roster category (domain/sweep/by-category.ts),
// read from the roster, the call records and the responses (storage/fieldwork-repo.ts, calls-repo.ts).
import type { Repos } from '../storage/index.js';
import type { Round } from '../domain/rounds/round.js';
import type { Survey } from '../domain/survey/model.js';
import type { Unit } from '../domain/units/unit.js';
import { categoryResults, type CategoryResult } from '../domain/sweep/by-category.js';
import { sweepProgress } from '../domain/sweep/progress.js';
import { coverageByArea, type SweepCoverageReport } from '../domain/sweep/coverage.js';

/** The sweep's grids within the unit `unitCode` (its frozen coverage once opened); none for an unknown unit. */
function gridsUnder(repos: Repos, round: Round, unitCode: string): number[] {
  const tree = repos.units.treeOfRound(round);
  const unit = tree.byCode(unitCode);
  if (!unit) return [];
  return repos.rounds.gridIds(round).filter((id) => tree.isWithin(id, unit.id));
}

/** Results by category of the sweep's completed roster interviews in the grids under `unitCode`. */
export function sweepCategoryResults(repos: Repos, round: Round, survey: Survey, unitCode: string): CategoryResult[] {
  return categoryResults(survey, repos.fieldwork.completedByCategory(round.id, gridsUnder(repos, round, unitCode)), round.minSample);
}

/** The sweep's coverage of the roster over these grids: in total, by category, and by township, village and grid. */
export function sweepCoverage(repos: Repos, round: Round, gridIds: readonly number[]): SweepCoverageReport {
  const progress = sweepProgress(gridIds, repos.fieldwork.rosterCounts(gridIds), repos.calls.finalDispositionRows(round.id));
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
