// The half-year sweep's results by roster category for one unit's grids: the responses read by category
// (storage/fieldwork-repo.ts), the estimates computed in the domain (domain/sweep/by-category.ts).
import type { Repos } from '../storage/index.js';
import type { Round } from '../domain/rounds/round.js';
import type { Survey } from '../domain/survey/model.js';
import { categoryResults, type CategoryResult } from '../domain/sweep/by-category.js';

/** Results by category of the sweep's completed roster interviews in the grids under `unitCode`. */
export function sweepCategoryResults(repos: Repos, round: Round, survey: Survey, unitCode: string): CategoryResult[] {
  const tree = repos.units.treeOfRound(round);
  const unit = tree.byCode(unitCode);
  if (!unit) return [];
  const gridIds = repos.rounds.gridIds(round).filter((id) => tree.isWithin(id, unit.id));
  return categoryResults(survey, repos.fieldwork.completedByCategory(round.id, gridIds));
}
