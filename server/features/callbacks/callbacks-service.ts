// What other capabilities ask of the call-backs (真实度回访): the bulletin's one-line tally of a round's checks.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import { callbackReport, tallyCallbacks, type CallbackTally } from './core/check.js';

/** The round's call-backs in one line, for the bulletin. */
export function roundCallbackTally(repos: Repos, round: Round): CallbackTally {
  return tallyCallbacks(repos.callbacks.drawn(round.id).length, repos.callbacks.records(round.id));
}

/**
 * Per interviewer, the call-backs that confirmed their interviews (核实相符) and those that did not (核实不符: denied,
 * or answers that differ); calls nobody answered count for nobody. For the interviewer quality report.
 */
export function interviewerCallbackCounts(repos: Repos, round: Round): Map<number, { confirmed: number; notConfirmed: number }> {
  const drawn = new Map<number | null, number>();
  for (const d of repos.callbacks.drawn(round.id)) drawn.set(d.interviewerId, (drawn.get(d.interviewerId) ?? 0) + 1);
  const out = new Map<number, { confirmed: number; notConfirmed: number }>();
  for (const r of callbackReport(drawn, repos.callbacks.records(round.id))) {
    if (r.interviewerId !== null) out.set(r.interviewerId, { confirmed: r.matched, notConfirmed: r.mismatches });
  }
  return out;
}
