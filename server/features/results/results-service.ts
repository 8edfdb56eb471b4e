// What other capabilities ask of the results' storage: the packed answers of a round's completed responses, grid by
// grid (the forecast builds its sampling frame from them, as the results' own tally does).
import type { Repos } from '../../platform/repos.js';

/** Calls `add` once per grid of the round with its completed responses' packed choices (features/results/results-repo.ts). */
export function eachCompletedGrid(repos: Repos, roundId: number, add: (gridId: number, responses: string) => void): void {
  repos.results.eachCompletedGrid(roundId, add);
}

/** Completed responses of a round, counted in SQL: the n its results will show (features/rounds/round-lifecycle.ts). */
export function completedResponses(repos: Repos, roundId: number): number {
  return repos.results.completedCount(roundId);
}
