// Builds a file for download (outputs/build-jobs.ts) in a worker thread (build-worker.ts) with a time limit, so that
// no download holds the event loop: every other request is answered while a Word notice is packed or a workbook
// written. The job's data crosses to the worker by structured clone — for the demo district's bulletin a few
// milliseconds on the event loop, against the 100–400 ms the build itself held it (bench/event-loop.ts, 2026-12-07).
// At the limit the worker is ended and the person told to try again (503); a build that fails is logged by the
// error handler and answered the same way. The bytes are those outputs/build-jobs.ts's runBuild gives in any thread.
import type { Worker } from 'node:worker_threads';
import type { BuildJob } from '../outputs/build-jobs.js';
import { BuildFailed, BuildTimedOut } from '../web/errors.js';
import type { BuildWorkerReply } from './build-worker.js';
import { WorkerPool } from './worker-pool.js';

/** Two at once: the machine's two cores are shared with the server's own thread and the results worker. */
const pool = new WorkerPool({ url: new URL('./build-worker.js', import.meta.url), max: 2, heapMb: 1024, idleMs: 60_000 });

/** Within the server's request timeout (server.ts, 30 s), so that the person gets the message, not a dropped connection. */
const DEFAULT_BUILD_SECONDS = 25;
let limitSeconds = DEFAULT_BUILD_SECONDS;

/** Tests only: a shorter limit to reach the time-out (undefined: back to the default). */
export function setBuildTimeLimit(seconds: number | undefined): void {
  limitSeconds = seconds ?? DEFAULT_BUILD_SECONDS;
}

/** The worker's own words go with the error as its cause, for the log. */
function failed(detail: string): Error {
  return Object.assign(new BuildFailed(), { cause: new Error(detail) });
}

function isReply(value: unknown): value is BuildWorkerReply {
  return typeof value === 'object' && value !== null && 'type' in value;
}

function buildWith(worker: Worker, job: BuildJob, seconds: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const finish = (result: Buffer | Error, keep: boolean) => {
      clearTimeout(timer);
      if (keep) pool.release(worker);
      else pool.end(worker);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => finish(new BuildTimedOut(String(seconds)), false), seconds * 1000);
    pool.listen(worker, {
      message(reply) {
        if (!isReply(reply)) return;
        if (reply.type === 'built') finish(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), true);
        else if (reply.type === 'error') finish(failed(reply.message), true);
      },
      failed: (err) => finish(failed(err.message), false),
    });
    try {
      worker.postMessage({ type: 'build', job });
    } catch (err) {
      // Data that cannot cross (a function, a class instance's methods): a fault of ours, said as such.
      finish(failed(err instanceof Error ? err.message : String(err)), true);
    }
  });
}

/** The job's file, built in a worker within the time limit; BuildTimedOut or BuildFailed (503) otherwise. */
export async function buildOffLoop(job: BuildJob): Promise<Buffer> {
  const seconds = limitSeconds;
  return buildWith(await pool.take(), job, seconds);
}
