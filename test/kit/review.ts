// Fixtures of the review-queue tests: held responses (待核查) stored through the responses repository, as the
// arrival watch holds them, each with a suggestion that opens a receipt once accepted.
import type { Repos } from '../../server/platform/repos.js';
import type { Poll } from './resident-poll.js';
import type { HoldReason } from '../../server/features/review/core/anomaly.js';
import { gradedAnswers } from './bulletin.js';
import { PASSWORD } from './app.js';

/** Where held responses go: a poll (resident-poll.ts) or any open round, grid and its free-text suggestion question. */
export type HoldTarget = Pick<Poll, 'round' | 'gridId' | 'survey' | 'suggestionId'>;

/** n held responses in the target's grid, each from its own device, with the given reasons; returns their ids. */
export function holdResponses(repos: Repos, poll: HoldTarget, n: number, reasons: HoldReason[] = ['network', 'pattern']): number[] {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const answers = { ...gradedAnswers(poll.survey, 'best'), [poll.suggestionId]: { kind: 'text' as const, text: `路灯坏了${i}` } };
    const stored = repos.responses.insert({
      roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', answers, survey: poll.survey,
      deviceHash: `device-${i}`, submissionKey: `key-${i}`, hold: reasons,
    });
    if (!stored.ok || !stored.held) throw new Error('not held');
    ids.push(stored.id);
  }
  return ids;
}

/** The committee account the review tests log in with. */
export function addCommittee(repos: Repos): void {
  repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
}
