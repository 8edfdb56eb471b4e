// The district's rank among peer districts in each simulated official poll: competition ranking on scores as printed
// (two decimals, core/stats/ranking.ts), so a tie with a peer shares its rank. Peers' published scores are taken as
// fixed unless the committee gives their uncertainty (a standard deviation), which is then drawn with each poll.
import { createRng } from '../../../core/stats/rng.js';
import { roundScore } from '../../../core/stats/index.js';
import type { DrawSet } from './simulate.js';

export interface Peer {
  name: string;
  score: number;
  /** Standard deviation of the peer's own official score, when the committee knows it. */
  sd: number | null;
}

export interface RankChance {
  rank: number;
  probability: number;
}

/** Probability of each rank 1 … peers + 1 over the draws that have a score (the probabilities sum to 1). */
export function rankProbabilities(set: DrawSet, peers: readonly Peer[], seed: number | string): RankChance[] {
  const counts = new Array<number>(peers.length + 1).fill(0);
  const n = set.sorted.length;
  if (n === 0) return [];
  const uncertain = peers.some((p) => p.sd !== null && p.sd > 0);
  const rng = createRng('peer-scores', seed);
  const fixed = peers.map((p) => roundScore(p.score));
  for (let d = 0; d < n; d++) {
    const ours = roundScore(set.sorted[d]);
    let above = 0;
    for (let j = 0; j < peers.length; j++) {
      const sd = peers[j].sd;
      const theirs = uncertain && sd !== null && sd > 0 ? roundScore(rng.normal(peers[j].score, sd)) : fixed[j];
      if (theirs > ours) above++;
    }
    counts[above] += 1;
  }
  return counts.map((c, i) => ({ rank: i + 1, probability: c / n }));
}

/** Share of draws ranking at `rank` or better. */
export function chanceOfRankAtBest(chances: readonly RankChance[], rank: number): number {
  let p = 0;
  for (const c of chances) if (c.rank <= rank) p += c.probability;
  return p;
}

/** The score that secures `rank` or better against fixed peer scores (the rank-th best peer's), or null when any score does. */
export function scoreForRank(peers: readonly Peer[], rank: number): number | null {
  const sorted = peers.map((p) => roundScore(p.score)).sort((a, b) => b - a);
  return rank > sorted.length ? null : sorted[rank - 1];
}
