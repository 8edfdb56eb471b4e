// Worker thread for large rounds: tallies one range of grids from its own read-only connection and hands the per-grid
// sums back (parallel-tally.ts). Always signals, even on failure, so the waiting thread never hangs.
import { workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ResultsRepo } from '../storage/results-repo.js';
import { resultsPlan } from '../domain/results/plan.js';
import { RoundTally } from '../domain/results/tally.js';
import type { Survey } from '../domain/survey/model.js';

export interface TallyJob {
  file: string;
  roundId: number;
  from: number;
  to: number;
  survey: Survey;
  port: MessagePort;
  /** Set to 1 (and notified) when the reply has been posted. */
  signal: Int32Array;
}

function isJob(v: unknown): v is TallyJob {
  return typeof v === 'object' && v !== null && 'file' in v && 'port' in v && 'signal' in v && 'survey' in v;
}

const job: unknown = workerData;
if (isJob(job)) {
  try {
    const db = new Database(job.file, { readonly: true, fileMustExist: true });
    try {
      const repo = new ResultsRepo(db);
      const tally = new RoundTally(resultsPlan(job.survey), job.survey);
      // The counts of these grids come from the same snapshot as their answers, so the two always agree.
      const counts = db.transaction(() => {
        for (const r of repo.completedAnswers(job.roundId, { from: job.from, to: job.to })) tally.add(r.gridId, r.answerKeys);
        return new Map(
          repo
            .gridCounts(job.roundId)
            .filter((c) => c.gridId >= job.from && c.gridId <= job.to)
            .map((c) => [c.gridId, { complete: c.complete, screenedOut: c.screenedOut }]),
        );
      })();
      tally.finish();
      job.port.postMessage({ ok: true, questions: tally.questions, rates: tally.rates, knowledge: tally.knowledge, cross: tally.cross, counts });
    } finally {
      db.close();
    }
  } catch (err) {
    job.port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  } finally {
    Atomics.store(job.signal, 0, 1);
    Atomics.notify(job.signal, 0);
  }
}
