// What other capabilities ask of the stored responses; they ask here, never the responses' repository.
import type { Repos } from '../../platform/repos.js';
import type { StoredReplyContact } from './responses-repo.js';

// --- The reply contact a resident left, for the receipt that answers them (features/receipts). ---

/** The contact left with a response, masked and sealed; undefined when none was left. */
export function replyContactOf(repos: Pick<Repos, 'responses'>, responseId: number): StoredReplyContact | undefined {
  return repos.responses.replyContact(responseId);
}

/** The number itself, for whoever answers the receipt (the caller audits); undefined once the secret changed. */
export function openReplyContact(repos: Pick<Repos, 'responses'>, stored: StoredReplyContact): string | undefined {
  return repos.responses.openReplyContact(stored);
}
