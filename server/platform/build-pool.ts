// Builds a file for download (outputs/build-jobs.ts) in a worker thread (build-worker.ts) with a time limit, so that
// no download holds the event loop: every other request is answered while a Word notice is packed or a workbook
// written. The job's data crosses to the worker by structured clone — for the demo district's bulletin a few
// milliseconds on the event loop, against the 100–400 ms the build itself held it (bench/event-loop.ts, 2026-12-07).
// A job that names a database (a data file for statisticians: every response of a round) is read by the worker on a
// connection of its own, so that reading it holds the loop no more than writing it would.
// The limit counts from the request's arrival: the wait for a free worker and the build together, so that a third
// download while two are built is told to try again within the limit, not answered after it; and only so many wait at
// once (a crowd of downloads is told at once that it is busy). At the limit the worker is ended and the person told to
// try again (503); a build that fails is logged by the error handler and answered the same way. The bytes are those
// outputs/build-jobs.ts's runBuild gives in any thread.
import type { Worker } from 'node:worker_threads';
import type { BuildJob } from '../outputs/build-jobs.js';
import { BuildBusy, BuildFailed, BuildTimedOut } from '../web/errors.js';
import type { BuildWorkerReply, BuildWorkerRequest } from './build-worker.js';
import { WorkerPool, WorkerPoolFull } from './worker-pool.js';

/** Within the server's request timeout (server.ts, 30 s), so that the person gets the message, not a dropped connection. */
const DEFAULT_BUILD_SECONDS = 25;

export interface BuildPoolOptions {
  /** Builds at once. Two: the machine's two cores are shared with the server's own thread and the results worker. */
  max: number;
  /** Downloads that may wait for a free worker; one more is told at once to try again. */
  maxWaiting: number;
  /** The limit on waiting and building together. */
  seconds: number;
  /** The workers (tests: a pool whose workers they hold, to fill it without a slow build). */
  pool?: WorkerPool;
}

/** The worker's own words go with the error as its cause, for the log. */
function failed(detail: string): Error {
  return Object.assign(new BuildFailed(), { cause: new Error(detail) });
}

function isReply(value: unknown): value is BuildWorkerReply {
  return typeof value === 'object' && value !== null && 'type' in value;
}

function buildWith(pool: WorkerPool, worker: Worker, request: BuildWorkerRequest, ms: number, limit: () => Error): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const finish = (result: Buffer | Error, keep: boolean) => {
      clearTimeout(timer);
      if (keep) pool.release(worker);
      else pool.end(worker);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => finish(limit(), false), Math.max(0, ms));
    pool.listen(worker, {
      message(reply) {
        if (!isReply(reply)) return;
        if (reply.type === 'built') finish(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), true);
        else if (reply.type === 'error') finish(failed(reply.message), true);
      },
      failed: (err) => finish(failed(err.message), false),
    });
    try {
      worker.postMessage(request);
    } catch (err) {
      // Data that cannot cross (a function, a class instance's methods): a fault of ours, said as such.
      finish(failed(err instanceof Error ? err.message : String(err)), true);
    }
  });
}

export interface BuildPool {
  /** The job's file, built in a worker within the time limit; BuildTimedOut, BuildBusy or BuildFailed (503) otherwise. */
  build(job: BuildWorkerRequest['job'], database?: string): Promise<Buffer>;
  /** Downloads waiting for a worker now. */
  readonly queued: number;
}

export function createBuildPool(options: BuildPoolOptions): BuildPool {
  const pool = options.pool ?? new WorkerPool({ url: new URL('./build-worker.js', import.meta.url), max: options.max, heapMb: 1024, idleMs: 60_000, maxWaiting: options.maxWaiting });
  return {
    get queued() {
      return pool.queued;
    },
    async build(job, database) {
      const seconds = options.seconds;
      const deadline = Date.now() + seconds * 1000;
      const limit = () => new BuildTimedOut(String(seconds));
      const waited = AbortSignal.timeout(seconds * 1000);
      const worker = await pool.take(waited).catch((err: unknown) => {
        if (err instanceof WorkerPoolFull) throw new BuildBusy();
        if (waited.aborted) throw limit();
        throw err;
      });
      const left = deadline - Date.now();
      if (left <= 0) {
        pool.release(worker);
        throw limit();
      }
      return buildWith(pool, worker, { type: 'build', job, database }, left, limit);
    },
  };
}

/** Downloads waiting beyond the two at work: a few, each within the same limit; more are told the server is busy. */
const DEFAULT_MAX_WAITING = 8;
const server: BuildPoolOptions = { max: 2, maxWaiting: DEFAULT_MAX_WAITING, seconds: DEFAULT_BUILD_SECONDS };
const shared = createBuildPool(server);

/** Tests only: a shorter limit to reach the time-out (undefined: back to the default). */
export function setBuildTimeLimit(seconds: number | undefined): void {
  server.seconds = seconds ?? DEFAULT_BUILD_SECONDS;
}

/** The job's file, built in the server's build workers (a data file read there from `database`). */
export function buildOffLoop(job: BuildWorkerRequest['job'], database?: string): Promise<Buffer> {
  return shared.build(job, database);
}
