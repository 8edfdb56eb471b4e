// The small-area model fit (docs/statistics.md#small-area-estimates) at 2,000 grids: REML by Fisher scoring, the
// EBLUPs and MSEs. Computed with the round's results for every level and estimate, so it must stay far below the
// results' own budget: 20 fits (the composite and nine indices, at two levels) under 200 ms, the first one (cold
// code) included.
import { fitFayHerriot, type AreaInput } from '../server/core/stats/fay-herriot.js';
import { mulberry32 } from '../server/core/stats/rng.js';
import { verdict, type Log } from './lib.js';

const FITS = 20;
const TARGET_MS = 200;

export async function run(log: Log): Promise<void> {
  const u = mulberry32(2026);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  // 2,000 grids over 20 townships, 1–40 interviews each, true spread 4 points, sampling SD 30 points per interview.
  const units: AreaInput<number>[] = Array.from({ length: 2000 }, (_, i) => {
    const n = 1 + Math.floor(u() * 40);
    return { key: i, group: `T${i % 20}`, y: 78 + (i % 20) * 0.5 + 4 * normal() + (30 / Math.sqrt(n)) * normal(), se: 30 / Math.sqrt(n), n };
  });
  const start = performance.now();
  const fit = fitFayHerriot(units, [0, 100]);
  const first = performance.now() - start;
  for (let i = 1; i < FITS; i++) fitFayHerriot(units, [0, 100]);
  const ms = performance.now() - start;
  const steps = fit.fitted ? fit.model.iterations : 0;
  log(`small-area model fit, 2,000 grids (${steps} Fisher-scoring steps): first ${first.toFixed(1)} ms, ${FITS} fits ${ms.toFixed(0)} ms (target < ${TARGET_MS} ms) ${verdict(ms < TARGET_MS)}`);
}
