// What other capabilities ask of the phone roster; they ask here, never the roster's repository.
import type { Repos } from '../../platform/repos.js';
import type { RevealedContact } from '../../core/calls/contact.js';

/**
 * A roster number in clear, for the one screen that dials it. The caller must be allowed to call this contact and
 * must audit the reveal (the contact's id, never the number) in the same request.
 */
export function revealContact(repos: Pick<Repos, 'contacts'>, contactId: number): RevealedContact | undefined {
  return repos.contacts.reveal(contactId);
}
