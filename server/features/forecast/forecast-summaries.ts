// The forecast summary a monthly bulletin embeds, computed off the event loop. Its first computation in a process
// (the sampling frame read from three months' packed answers, 2,000 simulated polls, the rank draws) held the event
// loop 370 ms on the demo district as the bulletin page's first read (2 shared cores, 2026-12-07), and every other
// request waited. So the bulletin's routes await forecastSummaryReady, which has the results worker compute it, and
// the page then reads it from here; a summary is kept per round and the inputs it rests on (the settings, the peer
// districts, the closed rounds), so a change to any of them computes it again. An in-memory database, or a worker
// that fails, leaves the read to compute it in place, as before.
import type { Repos } from '../../platform/repos.js';
import { memoSlot } from '../../platform/service-memos.js';
import { forecastInWorker } from '../results/live-results.js';
import { forecastSummary, type ForecastSummary } from './forecast.js';

const SUMMARIES = memoSlot('forecast summaries of bulletins', () => new Map<string, ForecastSummary>());
/** Summaries kept at most: one per closed month and setting in use; older inputs are dropped first. */
const KEPT_MAX = 32;

function keep(summaries: Map<string, ForecastSummary>, key: string, summary: ForecastSummary): void {
  if (summaries.size >= KEPT_MAX) summaries.delete(summaries.keys().next().value ?? '');
  summaries.set(key, summary);
}

/** What a summary as of `roundCode` rests on: it is the same while these are. */
function inputsKey(repos: Repos, roundCode: string): string {
  const closed = repos.rounds.list().filter((r) => r.state === 'closed').map((r) => r.id);
  return JSON.stringify([roundCode, repos.forecast.settings(), repos.forecast.peers(), closed]);
}

/** Has the results worker compute the summary as of `roundCode` unless it is at hand. */
export async function forecastSummaryReady(repos: Repos, roundCode: string): Promise<void> {
  const key = inputsKey(repos, roundCode);
  const summaries = repos.memos.of(SUMMARIES);
  if (summaries.has(key)) return;
  try {
    keep(summaries, key, await forecastInWorker(repos, roundCode));
  } catch {
    // No worker (an in-memory database) or it failed: the read computes it in place.
  }
}

/** The forecast summary as of `roundCode`: kept, or computed here. */
export function keptForecastSummary(repos: Repos, roundCode: string): ForecastSummary {
  const key = inputsKey(repos, roundCode);
  const summaries = repos.memos.of(SUMMARIES);
  const kept = summaries.get(key);
  if (kept) return kept;
  const summary = forecastSummary(repos, roundCode);
  keep(summaries, key, summary);
  return summary;
}
