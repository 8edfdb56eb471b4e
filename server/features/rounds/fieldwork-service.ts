// What other capabilities ask of a round's fieldwork (its interviews as stored); they ask here, never the repository.
// Call-backs read an interview's answers; paper entry reads what a keyer stored; the half-year sweep reads the roster
// and its completed interviews by category.
import type { Repos } from '../../platform/repos.js';
import type { Answers } from '../../core/survey/model.js';
import type { RosterCount } from '../../core/results/sweep-progress.js';
import type { CategoryResponses } from '../sweep/core/by-category.js';
import type { KeyedEntry, StoredResponse } from './fieldwork-repo.js';

/** An interview's answers as stored (text already masked where it held a phone or ID number). */
export function interviewAnswers(repos: Pick<Repos, 'fieldwork'>, responseId: number): Answers {
  return repos.fieldwork.answers(responseId);
}

// ---- Paper entry and the half-year sweep ----

/** The paper questionnaires this staff member keyed in the round, newest first. */
export function keyedBy(repos: Repos, roundId: number, userId: number): KeyedEntry[] {
  return repos.fieldwork.keyedBy(roundId, userId);
}

/** One stored response (its round, grid, channel and keyer), or undefined when there is none. */
export function storedResponse(repos: Repos, id: number): StoredResponse | undefined {
  return repos.fieldwork.response(id);
}

/** Completed roster interviews of these grids by the contact's category, with their packed choices. */
export function completedByCategory(repos: Repos, roundId: number, gridIds: readonly number[]): CategoryResponses[] {
  return repos.fieldwork.completedByCategory(roundId, gridIds);
}

/** Roster numbers of these grids per grid, category and status. */
export function rosterCounts(repos: Repos, gridIds: readonly number[]): RosterCount[] {
  return repos.fieldwork.rosterCounts(gridIds);
}
