// What other capabilities ask of the call-backs (真实度回访): the bulletin's one-line tally of a round's checks.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import { tallyCallbacks, type CallbackTally } from './core/check.js';

/** The round's call-backs in one line, for the bulletin. */
export function roundCallbackTally(repos: Repos, round: Round): CallbackTally {
  return tallyCallbacks(repos.callbacks.drawn(round.id).length, repos.callbacks.records(round.id));
}
