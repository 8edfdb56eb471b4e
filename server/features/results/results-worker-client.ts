// The server's side of the results worker (results-worker.ts): one worker thread per database file, started on the
// first background refresh and stopped after a minute without work. The worker computes; the server takes the result
// in a slice of units per turn of its event loop, so no single turn spends more than a few milliseconds on it.
import { Worker } from 'node:worker_threads';
import type { RoundMemo } from './round-results.js';
import type { ForecastSummary } from '../forecast/forecast.js';
import type { SummaryContent } from '../bulletin/core/summary-content.js';
import type { ForecastAnswer, ForecastAsk } from '../forecast/forecast-page.js';
import type { UnitResult } from '../../core/results/types.js';
import { codeRecord } from '../../core/results/records.js';
import { isWorkerReply, type WorkerReply, type WorkerRequest } from './results-worker-protocol.js';
import { ownTurn } from '../../platform/loop-turns.js';

const IDLE_MS = 60_000;

interface Job {
  resolve(memo: RoundMemo): void;
  /** Set for a forecast job instead (ForecastSummary is small: one message). */
  resolveForecast?(summary: ForecastSummary): void;
  /** Set for a half-year summary job instead (one message). */
  resolveSummary?(content: SummaryContent): void;
  /** Set for a forecast page or API job instead (one message). */
  resolveForecastView?(answer: ForecastAnswer): void;
  reject(error: Error): void;
  head?: Extract<WorkerReply, { type: 'head' }>;
  entries: Array<[string, UnitResult]>;
}

export class ResultsWorkerClient {
  private worker: Worker | undefined;
  private lastJob = 0;
  private readonly jobs = new Map<number, Job>();
  /**
   * Jobs whose next slice is to be asked for, and the one job whose slice is on its way: one slice in flight for all
   * jobs together. Slices asked for in successive turns still came back together when this thread was busy meanwhile
   * (six rounds of a bulletin: 40–60 ms of deserializing and collecting in one turn, bench/event-loop.ts, first
   * bulletin page, 2026-12-07); asked for one at a time, each is taken in in a turn of its own.
   */
  private readonly sliceQueue: number[] = [];
  private sliceInFlight: number | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  /** The longest time one message of a computation took to take in on this thread (the benchmark reports it). */
  longestStepMs = 0;

  constructor(private readonly file: string) {}

  /**
   * Starts the worker ahead of need (starting a thread takes a few milliseconds of this thread): called once a large
   * round's results were computed in a request, so that the read after the next write only sends a message.
   */
  warm(): void {
    if (this.worker) return;
    this.ensure().unref();
    this.stopWhenIdle();
  }

  /** The round's results as computed by the worker on its own connection, from the data committed when it starts. */
  compute(roundId: number): Promise<RoundMemo> {
    return new Promise<RoundMemo>((resolve, reject) => this.submit({ resolve, reject, entries: [] }, (job) => ({ type: 'compute', job, roundId })));
  }

  /** The forecast summary as of the closed round `roundCode`, computed by the worker (features/forecast/forecast.ts). */
  forecast(roundCode: string): Promise<ForecastSummary> {
    return new Promise<ForecastSummary>((resolveForecast, reject) =>
      this.submit({ resolve: () => undefined, resolveForecast, reject, entries: [] }, (job) => ({ type: 'forecast', job, roundCode })),
    );
  }

  /** The half-year summary content ending with the round `endRoundId` for the unit, computed by the worker. */
  summary(endRoundId: number, unitCode: string): Promise<SummaryContent> {
    return new Promise<SummaryContent>((resolveSummary, reject) =>
      this.submit({ resolve: () => undefined, resolveSummary, reject, entries: [] }, (job) => ({ type: 'summary', job, endRoundId, unitCode })),
    );
  }

  /** What the /forecast page or the forecast API answers (features/forecast/forecast-page.ts), computed by the worker. */
  forecastView(ask: ForecastAsk): Promise<ForecastAnswer> {
    return new Promise<ForecastAnswer>((resolveForecastView, reject) =>
      this.submit({ resolve: () => undefined, resolveForecastView, reject, entries: [] }, (job) => ({ type: 'forecastView', job, ask })),
    );
  }

  private submit(pending: Job, request: (job: number) => WorkerRequest): void {
    const worker = this.ensure();
    const job = ++this.lastJob;
    clearTimeout(this.idleTimer);
    // Kept alive while a caller waits for it; idle, it never holds the process open.
    worker.ref();
    this.jobs.set(job, pending);
    this.post(request(job));
  }

  private post(request: WorkerRequest): void {
    this.worker?.postMessage(request);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./results-worker.js', import.meta.url), { workerData: { file: this.file } });
    worker.on('message', (message: unknown) => {
      const started = performance.now();
      if (isWorkerReply(message)) this.receive(message);
      this.longestStepMs = Math.max(this.longestStepMs, performance.now() - started);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('results worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: WorkerReply): void {
    if (reply.job === this.sliceInFlight) this.sliceInFlight = undefined;
    this.take(reply);
    this.askNextSlice();
  }

  private askNextSlice(): void {
    if (this.sliceInFlight !== undefined) return;
    const job = this.sliceQueue.shift();
    if (job === undefined || !this.jobs.has(job)) {
      if (job !== undefined) this.askNextSlice();
      return;
    }
    this.sliceInFlight = job;
    void ownTurn().then(() => this.post({ type: 'slice', job }));
  }

  private take(reply: WorkerReply): void {
    const job = this.jobs.get(reply.job);
    if (!job) return;
    if (reply.type === 'error') {
      this.finish(reply.job);
      job.reject(new Error(reply.message));
      return;
    }
    if (reply.type === 'forecast') {
      this.finish(reply.job);
      job.resolveForecast?.(reply.summary);
      return;
    }
    if (reply.type === 'summary') {
      this.finish(reply.job);
      job.resolveSummary?.(reply.content);
      return;
    }
    if (reply.type === 'forecastView') {
      this.finish(reply.job);
      job.resolveForecastView?.(reply.answer);
      return;
    }
    if (reply.type === 'head') job.head = reply;
    else {
      for (const entry of reply.entries) job.entries.push(entry);
      if (reply.done && job.head) {
        this.finish(reply.job);
        const { results, gridsByUnit } = job.head;
        job.resolve({ results: { ...results, units: codeRecord(job.entries), receipts: codeRecord(Object.entries(results.receipts)) }, gridsByUnit });
        return;
      }
    }
    // The next slice in a later turn (askNextSlice), one for all jobs at a time, the turn shared with every heavy page
    // (platform/loop-turns.ts): messages that queued up together would be taken in together.
    this.sliceQueue.push(reply.job);
  }

  private finish(job: number): void {
    this.jobs.delete(job);
    if (this.jobs.size > 0 || !this.worker) return;
    this.worker.unref();
    this.stopWhenIdle();
  }

  private stopWhenIdle(): void {
    const worker = this.worker;
    if (!worker) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.jobs.size === 0 && this.worker === worker) {
        this.worker = undefined;
        void worker.terminate();
      }
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private failAll(err: Error): void {
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    this.sliceQueue.length = 0;
    this.sliceInFlight = undefined;
    for (const job of jobs) job.reject(err);
  }

  /** Stops the worker (tests, shutdown); pending computations fail. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('results worker closed'));
    if (worker) await worker.terminate();
  }
}
