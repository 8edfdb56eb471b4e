// Rank ranges (排名区间) for the bulletin and the results API: 2,000 draws over the ranked units of one level. The
// grids of a large district are the slow case (2,000 grids ranked together); the results are memoised per round's
// results, so this is paid once per computation, not per page. Target: under 1 s.
import { rankRanges } from '../server/core/stats/rank-range.js';
import { verdict, type Log } from './lib.js';

const TARGET_MS = 1000;

export async function run(log: Log): Promise<void> {
  for (const units of [200, 2000]) {
    // Scores spread like a district's grids (60–95), SEs like grids of 20–60 interviews (1–5 points).
    const entries = Array.from({ length: units }, (_, i) => ({ key: i, value: 77.5 + 17.5 * Math.sin(i * 1.7), se: 1 + (i % 5), rank: 1 }));
    const start = performance.now();
    rankRanges(entries);
    const ms = performance.now() - start;
    log(`rank ranges, ${units} units × 2,000 draws: ${ms.toFixed(0)} ms (target < ${TARGET_MS} ms) ${verdict(ms < TARGET_MS)}`);
  }
}
