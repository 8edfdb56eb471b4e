// The one pass over a round's answers, shared between this thread and a worker thread for large rounds: on a 2-core
// server, a 200,000-response month reads in about half the time. getRoundResults stays synchronous: this thread tallies
// its half, then blocks (Atomics.wait) until the worker has posted the other half, and reads it with
// receiveMessageOnPort. Whenever a worker cannot be used (in-memory database, the source run through a TypeScript
// loader, any failure or a timeout) the other half is tallied here, so the result never depends on the worker.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { ResultsRepo } from '../storage/results-repo.js';
import type { Survey } from '../domain/survey/model.js';
import type { ResultsPlan } from '../domain/results/plan.js';
import type { GridCross, RoundAggregates } from '../domain/results/aggregates.js';
import { RoundTally } from '../domain/results/tally.js';

type Tallied = Pick<RoundAggregates, 'questions' | 'rates' | 'knowledge' | 'cross'> & {
  /** The worker's grids counted in its own snapshot (replacing this thread's counts of those grids). */
  counts?: RoundAggregates['counts'];
};

/** Below this many completed responses, starting a thread costs more than it saves. */
export const PARALLEL_MIN_RESPONSES = 20_000;
const WORKER_TIMEOUT_MS = 120_000;
const WORKER_URL = new URL('./results-worker.js', import.meta.url);

function tallyRange(results: ResultsRepo, roundId: number, plan: ResultsPlan, survey: Survey, from: number, to: number): Tallied {
  const tally = new RoundTally(plan, survey);
  for (const r of results.completedAnswers(roundId, { from, to })) tally.add(r.gridId, r.answerKeys);
  return tally.finish();
}

function isTallied(v: unknown): v is Tallied & { ok: true } {
  return (
    typeof v === 'object' && v !== null && 'ok' in v && v.ok === true &&
    'questions' in v && v.questions instanceof Map && 'rates' in v && v.rates instanceof Map &&
    'knowledge' in v && v.knowledge instanceof Map && 'cross' in v && v.cross instanceof Map &&
    'counts' in v && v.counts instanceof Map
  );
}

function merge(a: Tallied, b: Tallied): Tallied {
  const nested = <T>(x: Map<string, Map<number, T>>, y: Map<string, Map<number, T>>) => {
    for (const [key, byGrid] of y) {
      const into = x.get(key);
      if (!into) x.set(key, byGrid);
      else for (const [h, v] of byGrid) into.set(h, v);
    }
    return x;
  };
  const cross = new Map<number, GridCross>([...a.cross, ...b.cross]);
  return {
    questions: nested(a.questions, b.questions),
    rates: nested(a.rates, b.rates),
    knowledge: new Map([...a.knowledge, ...b.knowledge]),
    cross,
    counts: b.counts,
  };
}

/** The grid id splitting the round's completed responses in two halves (grids ordered by id). */
function splitPoint(completeByGrid: ReadonlyMap<number, number>): number | null {
  const grids = [...completeByGrid].sort((x, y) => x[0] - y[0]);
  const total = grids.reduce((s, [, n]) => s + n, 0);
  let seen = 0;
  for (const [h, n] of grids) {
    if (seen >= total / 2) return h;
    seen += n;
  }
  return null;
}

/**
 * Starts the tally: with a worker, this thread's half is done before returning and `join` waits for the other half
 * (so the caller can run its other queries meanwhile); without one, everything is done here.
 */
export function tallyRound(
  results: ResultsRepo,
  roundId: number,
  plan: ResultsPlan,
  survey: Survey,
  completeByGrid: ReadonlyMap<number, number>,
): { join(): Tallied } {
  let total = 0;
  for (const n of completeByGrid.values()) total += n;
  const file = results.databaseFile();
  const split = total >= PARALLEL_MIN_RESPONSES && file !== null && existsSync(fileURLToPath(WORKER_URL)) ? splitPoint(completeByGrid) : null;
  if (split === null || file === null) {
    const all = tallyRange(results, roundId, plan, survey, 0, Number.MAX_SAFE_INTEGER);
    return { join: () => all };
  }

  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(WORKER_URL, {
      workerData: { file, roundId, from: split, to: Number.MAX_SAFE_INTEGER, survey, port: port2, signal },
      transferList: [port2],
    });
    worker.unref();
    worker.on('error', () => undefined);
  } catch {
    worker = undefined;
  }
  const mine = tallyRange(results, roundId, plan, survey, 0, split - 1);
  const started = worker;
  return {
    join() {
      let theirs: Tallied | undefined;
      if (started) {
        Atomics.wait(signal, 0, 0, WORKER_TIMEOUT_MS);
        const reply = receiveMessageOnPort(port1)?.message;
        if (isTallied(reply)) theirs = reply;
        void started.terminate();
      }
      port1.close();
      return merge(mine, theirs ?? tallyRange(results, roundId, plan, survey, split, Number.MAX_SAFE_INTEGER));
    },
  };
}
