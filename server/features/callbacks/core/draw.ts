// Which completed phone interviews are called back (真实度回访, docs/rules.md#call-backs). The draw is stratified by interviewer
// so that every interviewer is checked: each interviewer's interviews are shuffled with a generator seeded by the
// round and the interviewer, and the first ⌈share·n⌉ are taken (at least one while the share is above 0). The same
// interviews, share and seed always give the same draw, so a draw can be re-done and checked by anyone.
// A round is fielded for weeks, so the draw may be made again: a further draw tops each interviewer up to
// ⌈share·n⌉ of all their completed interviews, choosing among those not drawn yet (interviews completed since the
// last draw included); nothing is drawn twice, and each further draw has its own seed.
import { createRng } from '../../../core/stats/rng.js';

export const DEFAULT_CALLBACK_SHARE = 0.1;

export interface CompletedInterview {
  responseId: number;
  interviewerId: number | null;
}

/** How many of an interviewer's n interviews are called back. */
export function callbackQuota(n: number, share: number): number {
  if (n <= 0 || share <= 0) return 0;
  return Math.min(n, Math.max(1, Math.ceil(share * n - 1e-9)));
}

/**
 * The newly drawn interviews, by interviewer then response id (the order the call-back page lists them).
 * `alreadyDrawn`: response ids drawn before; they count towards each interviewer's share and are never drawn again.
 */
export function drawCallbacks(
  interviews: readonly CompletedInterview[], share: number, seed: string, alreadyDrawn: ReadonlySet<number> = new Set(),
): CompletedInterview[] {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`drawCallbacks: share must be in [0, 1], got ${share}`);
  const byInterviewer = new Map<number | null, CompletedInterview[]>();
  for (const i of interviews) {
    const list = byInterviewer.get(i.interviewerId) ?? [];
    list.push(i);
    byInterviewer.set(i.interviewerId, list);
  }
  const drawn: CompletedInterview[] = [];
  const keys = [...byInterviewer.keys()].sort((a, b) => (a ?? -1) - (b ?? -1));
  for (const key of keys) {
    // Sorted before shuffling so that the order the database returned them in does not change the draw.
    const own = (byInterviewer.get(key) ?? []).slice().sort((a, b) => a.responseId - b.responseId);
    const pool = own.filter((i) => !alreadyDrawn.has(i.responseId));
    const wanted = callbackQuota(own.length, share) - (own.length - pool.length);
    if (wanted <= 0) continue;
    const rng = createRng(seed, 'callback', key ?? 'none');
    const picked = rng.sample(pool, Math.min(wanted, pool.length));
    drawn.push(...picked.sort((a, b) => a.responseId - b.responseId));
  }
  return drawn;
}

/** Parses a share typed as a percentage ("10", "12.5%") into [0, 1]; null when it is not one. */
export function parseSharePercent(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:\.\d{1,2})?)\s*%?\s*$/.exec(text);
  if (!m) return null;
  const pct = Number(m[1]);
  return pct >= 0 && pct <= 100 ? pct / 100 : null;
}

/** The seed of the round's n-th draw (1-based): the first is the round code, as before further draws existed. */
export function drawSeed(roundCode: string, drawNumber: number): string {
  return drawNumber <= 1 ? roundCode : `${roundCode}#${drawNumber}`;
}

/**
 * The share of one interviewer's interviews a check of that interviewer calls back by default (from the interviewers
 * page, docs/statistics.md#interviewers): more than the round's routine share, so that a few call-backs can tell.
 */
export const INTERVIEWER_CHECK_SHARE = 0.3;
