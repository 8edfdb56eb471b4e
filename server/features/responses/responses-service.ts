// What other capabilities ask of the stored responses; they ask here, never the responses' repository: storing one
// response durably (the phone interview's completed form), whether a device has already answered, how many answered
// per grid, whether a resident's invite is good, and the reply contact a resident left.
import type { Repos } from '../../platform/repos.js';
import type { InsertResult, NewResponse, StoredReplyContact } from './responses-repo.js';
import type { InviteCheck } from './invites-repo.js';

export type { InsertResult, NewResponse } from './responses-repo.js';

/** Stores one response in its own transaction (synchronous: the caller may say "thank you" once this returns ok). */
export function storeResponse(repos: Repos, response: NewResponse): InsertResult {
  return repos.responses.insert(response);
}

/** Whether this device already answered in this round, in any grid (a held answer counts as an answer). */
export function deviceHasAnswered(repos: Repos, roundId: number, deviceHash: string): boolean {
  return repos.responses.hasDevice(roundId, deviceHash);
}

/** Completed and screened-out responses per grid of a round. */
export function responseCountsByGrid(repos: Repos, roundId: number): Map<number, { complete: number; screenedOut: number }> {
  return repos.responses.countByGrid(roundId);
}

/** What a resident's invite token is worth: unknown, used, or good (with its round and grid). */
export function checkInvite(repos: Repos, token: string): InviteCheck {
  return repos.invites.check(token);
}

// --- The reply contact a resident left, for the receipt that answers them (features/receipts). ---

/** The contact left with a response, masked and sealed; undefined when none was left. */
export function replyContactOf(repos: Pick<Repos, 'responses'>, responseId: number): StoredReplyContact | undefined {
  return repos.responses.replyContact(responseId);
}

/** The number itself, for whoever answers the receipt (the caller audits); undefined once the secret changed. */
export function openReplyContact(repos: Pick<Repos, 'responses'>, stored: StoredReplyContact): string | undefined {
  return repos.responses.openReplyContact(stored);
}
