// A few worker threads kept for work that must not hold the server's event loop (uploaded tables: table-reader.ts;
// files built for download: build-pool.ts). At most `max` work at once (more wait their turn rather than take every
// core and all the memory); an idle worker is kept a while for the next job, never holding the process open; a worker
// that failed or ran out of time is ended, whatever it was doing, and a fresh one started for the next job.
import { Worker } from 'node:worker_threads';

export interface PoolOptions {
  /** The worker's module; it posts one message when it is ready, then answers the messages it is sent. */
  url: URL;
  max: number;
  /** Heap a worker may use: a job that would need more fails, rather than take the server's memory. */
  heapMb: number;
  idleMs: number;
  /** Jobs that may wait for a worker at once; `take` refuses another with WorkerPoolFull (unbounded when unset). */
  maxWaiting?: number;
}

/** `take` found as many jobs waiting as the pool allows: the caller answers "busy" rather than join the queue. */
export class WorkerPoolFull extends Error {
  constructor() {
    super('worker pool queue full');
  }
}

/** What a worker's messages, failures and exit go to: the job it is doing now, if any. */
export interface WorkerListener {
  message(message: unknown): void;
  failed(err: Error & { code?: string }): void;
}

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

export const WORKER_STOPPED = 'worker stopped';

export class WorkerPool {
  private readonly listeners = new WeakMap<Worker, WorkerListener>();
  private readonly idle: Idle[] = [];
  private readonly waiting: Array<() => void> = [];

  /** Jobs waiting for a worker now. */
  get queued(): number {
    return this.waiting.length;
  }
  private busy = 0;

  constructor(private readonly options: PoolOptions) {}

  /** A started worker that said it is ready (starting one is not counted against a job's time). */
  private start(): Promise<Worker> {
    const worker = new Worker(this.options.url, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    // One set of listeners for the worker's life (removing a worker's listeners can stop its port), handing over to
    // whichever job it is doing.
    worker.on('message', (message: unknown) => this.listeners.get(worker)?.message(message));
    worker.on('error', (err) => this.listeners.get(worker)?.failed(err));
    worker.on('exit', () => this.listeners.get(worker)?.failed(new Error(WORKER_STOPPED)));
    return new Promise((resolve, reject) => {
      this.listeners.set(worker, { message: () => resolve(worker), failed: reject });
    });
  }

  /**
   * A worker for one job, once fewer than `max` are at work; give it back with `release`. Refused at once with
   * WorkerPoolFull when `maxWaiting` jobs already wait; a job whose `signal` aborts while it waits leaves the queue and
   * is refused with the signal's reason.
   */
  async take(signal?: AbortSignal): Promise<Worker> {
    if (this.busy >= this.options.max) await this.waitTurn(signal);
    this.busy += 1;
    const kept = this.idle.pop();
    if (kept) {
      clearTimeout(kept.timer);
      kept.worker.ref();
      return kept.worker;
    }
    try {
      return await this.start();
    } catch (err) {
      this.release(undefined);
      throw err;
    }
  }

  private waitTurn(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.options.maxWaiting !== undefined && this.waiting.length >= this.options.maxWaiting) return Promise.reject(new WorkerPoolFull());
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(turn);
    });
  }

  /** Where the worker's messages and failures go during the current job. */
  listen(worker: Worker, listener: WorkerListener): void {
    this.listeners.set(worker, listener);
  }

  /** Hands the worker back (or, undefined, one that was ended) and lets the next job in. */
  release(worker: Worker | undefined): void {
    this.busy -= 1;
    if (worker) {
      this.listeners.delete(worker);
      worker.unref();
      const entry: Idle = { worker, timer: setTimeout(() => this.retire(entry), this.options.idleMs) };
      entry.timer.unref();
      this.idle.push(entry);
    }
    this.waiting.shift()?.();
  }

  /** Ends a worker that failed or ran out of time, and lets the next job in. */
  end(worker: Worker): void {
    this.listeners.delete(worker);
    void worker.terminate();
    this.release(undefined);
  }

  private retire(entry: Idle): void {
    const at = this.idle.indexOf(entry);
    if (at >= 0) this.idle.splice(at, 1);
    void entry.worker.terminate();
  }
}
