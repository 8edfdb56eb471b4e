// Rank ranges (core/stats/rank-range.ts) of several rankings at once, on two threads: a round's results simulate
// 2,000 rankings of each level twice (the direct estimates and the small-area ones), and the two grid-level passes
// alone were about 330 ms of the 1.7 s a 200,000-response round takes cold (bench/results.ts, profile, 2026-12-07).
// The rankings are split in two by size; this thread simulates one half while a thread started for the purpose
// simulates the other, and this thread then waits for it (Atomics.wait: results are computed synchronously, in the
// results worker or a command-line run). Each ranking is simulated with its own seeded draws whichever thread does it,
// so the ranges are the ones the sequential computation gives. Should the helper thread fail to start, fail, or not
// finish in time, its half is simulated here: slower, never different. Measured (same machine, idle, best runs):
// 1.69–1.78 s cold before, 1.54–1.68 s with the helper.
import { Worker } from 'node:worker_threads';
import { rankRanges, type RankEntry, type RankRange, type RankRangeRunner } from '../core/stats/rank-range.js';

/** Below this many units in all, handing work to the other thread costs more than it saves. */
const PARALLEL_MIN_UNITS = 1000;
/** Far longer than the helper's half ever takes (about 0.2 s at 2,000 grids); then this thread does it itself. */
const WAIT_MS = 20_000;

/** Rankings whose ranges came from the helper thread, since the process started (tests and benchmarks read it). */
export const helperRankings = { count: 0 };

/** What the helper thread is given: the rankings' entries in a row, and where to write each entry's range. */
export interface RankRangeWork {
  values: Float64Array;
  ses: Float64Array;
  ranks: Int32Array;
  /** Entries per ranking, in order. */
  sizes: Int32Array;
  /** [0]: 0 while working, 1 done, 2 failed; then each entry's range as (lo, hi). */
  shared: SharedArrayBuffer;
}

/** The two halves by size: the larger rankings spread over both, this thread's half first. */
function split(sizes: readonly number[]): [number[], number[]] {
  const here: number[] = [];
  const there: number[] = [];
  let loadHere = 0;
  let loadThere = 0;
  for (const i of sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a])) {
    if (loadThere < loadHere) {
      there.push(i);
      loadThere += sizes[i];
    } else {
      here.push(i);
      loadHere += sizes[i];
    }
  }
  return [here, there];
}

function workFor<K>(jobs: ReadonlyArray<ReadonlyArray<RankEntry<K>>>): RankRangeWork {
  const entries = jobs.flat();
  return {
    values: Float64Array.from(entries, (e) => e.value),
    ses: Float64Array.from(entries, (e) => (e.se !== null && e.se > 0 ? e.se : 0)),
    ranks: Int32Array.from(entries, (e) => e.rank),
    sizes: Int32Array.from(jobs, (j) => j.length),
    shared: new SharedArrayBuffer(4 * (1 + 2 * entries.length)),
  };
}

/** The helper's rankings simulated from `work` (the helper thread's entry, rank-range-worker.ts). */
export function simulateWork(work: RankRangeWork): void {
  const out = new Int32Array(work.shared);
  let at = 0;
  for (const n of work.sizes) {
    const entries = Array.from({ length: n }, (_, i) => ({ key: i, value: work.values[at + i], se: work.ses[at + i], rank: work.ranks[at + i] }));
    for (const [i, [lo, hi]] of rankRanges(entries)) {
      out[1 + 2 * (at + i)] = lo;
      out[2 + 2 * (at + i)] = hi;
    }
    at += n;
  }
}

/**
 * A helper thread for one computation's rankings, started ahead: a thread takes 50–100 ms to load before it can
 * simulate, so it is started when the computation begins (the responses are tallied meanwhile) and handed its half of
 * the rankings when they are known. `close` stops it, used or not.
 */
export class RankRangeHelper {
  private worker: Worker | undefined;

  constructor() {
    try {
      this.worker = new Worker(new URL('./rank-range-worker.js', import.meta.url));
      this.worker.unref();
      this.worker.on('error', () => {
        this.worker = undefined;
      });
    } catch {
      this.worker = undefined;
    }
  }

  /** Each ranking's ranges (as rankRanges gives them), the helper taking half the work when there is enough of it. */
  readonly runner: RankRangeRunner = (jobs) => {
    const sizes = jobs.map((j) => j.length);
    const [here, there] = split(sizes);
    const worker = this.worker;
    if (!worker || there.length === 0 || sizes.reduce((a, b) => a + b, 0) < PARALLEL_MIN_UNITS) return jobs.map((j) => rankRanges(j));
    const theirs = there.map((i) => jobs[i]);
    const work = workFor(theirs);
    worker.postMessage(work);
    const out: Array<Map<(typeof jobs)[number][number]['key'], RankRange>> = new Array(jobs.length);
    for (const i of here) out[i] = rankRanges(jobs[i]);
    const state = new Int32Array(work.shared);
    Atomics.wait(state, 0, 0, WAIT_MS);
    if (Atomics.load(state, 0) !== 1) {
      for (const i of there) out[i] = rankRanges(jobs[i]);
      return out;
    }
    helperRankings.count += there.length;
    let at = 0;
    there.forEach((i, k) => {
      const ranges = new Map<(typeof jobs)[number][number]['key'], RankRange>();
      theirs[k].forEach((e, j) => ranges.set(e.key, [state[1 + 2 * (at + j)], state[2 + 2 * (at + j)]]));
      out[i] = ranges;
      at += theirs[k].length;
    });
    return out;
  };

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
