// What other capabilities ask of the phone interviews: the final disposition of each phone case of a round (the
// results' AAPOR rates, a round's fieldwork page, the sweep's coverage all count the same cases the same way).
import type { Repos } from '../../platform/repos.js';
import { CALL_DISPOSITIONS, type CallDisposition } from '../../core/calls/call.js';
import type { FinalDispositionRow } from '../../core/calls/final-disposition.js';

/** The final disposition of each phone case of the round, per grid, interviewer and roster category. */
export function finalDispositionRows(repos: Repos, roundId: number): FinalDispositionRow[] {
  return repos.calls.finalDispositionRows(roundId);
}

/** Final call dispositions of the round's phone cases; a disposition no case has is absent. */
export function callDispositions(repos: Repos, roundId: number): Partial<Record<CallDisposition, number>> {
  const all = repos.calls.countsByDisposition(roundId);
  return Object.fromEntries(CALL_DISPOSITIONS.filter((d) => all[d] > 0).map((d) => [d, all[d]]));
}
