// The helper thread of parallel-rank-ranges.ts: simulates the rankings it was given, writes their ranges into the
// shared buffer, and wakes the waiting thread (state 1 done, 2 failed).
import { parentPort } from 'node:worker_threads';
import { simulateWork, type RankRangeWork } from './parallel-rank-ranges.js';

function isWork(data: unknown): data is RankRangeWork {
  return typeof data === 'object' && data !== null && 'shared' in data && data.shared instanceof SharedArrayBuffer && 'sizes' in data;
}

// Started ahead of its work (parallel-rank-ranges.ts RankRangeHelper): the one message is the work.
parentPort?.once('message', (work: unknown) => {
  if (!isWork(work)) return;
  const state = new Int32Array(work.shared);
  try {
    simulateWork(work);
    Atomics.store(state, 0, 1);
  } catch {
    Atomics.store(state, 0, 2);
  }
  Atomics.notify(state, 0);
});
