// What other capabilities ask of a round's fieldwork (its interviews as stored); they ask here, never the repository.
import type { Repos } from '../../platform/repos.js';
import type { Answers } from '../../core/survey/model.js';

/** An interview's answers as stored (text already masked where it held a phone or ID number). */
export function interviewAnswers(repos: Pick<Repos, 'fieldwork'>, responseId: number): Answers {
  return repos.fieldwork.answers(responseId);
}
