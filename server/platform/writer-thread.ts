// The server's side of the response writer's thread (writer-worker.ts). Web submissions are written there, on a
// connection of its own, instead of on the event loop: in the form benchmark the batch transactions took about a
// sixth of the server's thread (inserting the response, answer and receipt rows, committing), time in which no page
// was served, and judging arrivals for anomaly review a few percent more. Each submission still settles only once
// the thread reports it committed and on disk. Form benchmark on the 2-core machine (durable submissions as a share
// of bare Fastify): 21–26% with the writer on the event loop; 31–35% with it here and the answer checks of a form
// post made cheaper (one screening check instead of a second full check, fewer copies).
// The responses of one turn go over in one message; the thread starts on the first write (or warm()) and is started
// again if it ever stops, failing only the submissions it held then (none of them was told "thank you").
// Databases in memory cannot be shared with another thread: they keep the writer on this one (response-writer.ts).
import { Worker } from 'node:worker_threads';
import type { InsertResult, NewResponse } from '../features/responses/responses-repo.js';
import { WriterClosedError } from '../features/responses/response-writer.js';
import { errorOf, isWriterReply, packAnswers, type WireResponse, type WriterReply, type WriterRequest } from './writer-protocol.js';

interface Waiting {
  resolve(result: InsertResult): void;
  reject(error: unknown): void;
}

/**
 * Responses sent at once without waiting for the end of the turn. Under load one turn reads dozens of submissions;
 * sending them only at its end made the server and the thread take turns, each idle while the other worked (form
 * benchmark: batches of ~40, the server idle ~25% of the time). Sending every 16 lets the thread write the first
 * while the server reads the rest; 8 and 32 measured the same within the benchmark's noise, 4 was slower (a message
 * costs ~7 µs of this thread whatever it carries).
 */
const CHUNK = 16;

export class WriterThread {
  private worker: Worker | undefined;
  private lastId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private queue: Array<{ id: number; response: WireResponse }> = [];
  private posting = false;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    /** The server secret: the thread seals masked text and hashes networks with the same one (createRepos). */
    private readonly secret: string,
  ) {}

  /** Starts the thread ahead of the first submission (server start), so that one waits for no module loading. */
  warm(): void {
    if (!this.closed) this.ensure();
  }

  /** Stores the response on the writer's thread; resolves once committed and on disk, as ResponsesRepo.insert answers. */
  write(response: NewResponse): Promise<InsertResult> {
    if (this.closed) return Promise.reject(new WriterClosedError());
    const { survey: _survey, answers, ...rest } = response;
    const wire: WireResponse = { ...rest, answers: packAnswers(answers) };
    const id = ++this.lastId;
    return new Promise<InsertResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.queue.push({ id, response: wire });
      if (this.queue.length >= CHUNK) this.post();
      else if (!this.posting) {
        this.posting = true;
        // After this turn's I/O: every submission read in the turn goes in the same message.
        setImmediate(() => this.post());
      }
    });
  }

  /** Sends what is queued, waits until the thread wrote and answered it, and stops the thread. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    this.post();
    const worker = this.worker;
    if (!worker) return;
    const closed = new Promise<void>((resolve) => {
      worker.on('message', (message: unknown) => {
        if (isWriterReply(message) && message.type === 'closed') resolve();
      });
      worker.once('exit', () => resolve());
    });
    worker.ref();
    this.send(worker, { type: 'close' });
    await closed;
    this.worker = undefined;
    await worker.terminate();
    this.failAll(new WriterClosedError());
  }

  private post(): void {
    this.posting = false;
    if (this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];
    const worker = this.ensure();
    // Kept alive while a submission waits for it; idle, it never holds the process open.
    worker.ref();
    this.send(worker, { type: 'write', items });
  }

  private send(worker: Worker, request: WriterRequest): void {
    worker.postMessage(request);
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./writer-worker.js', import.meta.url), { workerData: { file: this.file, secret: this.secret } });
    worker.unref();
    worker.on('message', (message: unknown) => {
      if (isWriterReply(message)) this.receive(message);
    });
    worker.on('error', (err) => this.stopped(worker, err));
    worker.on('exit', () => this.stopped(worker, new Error('the response writer thread stopped')));
    this.worker = worker;
    return worker;
  }

  private receive(reply: WriterReply): void {
    if (reply.type !== 'settled') return;
    for (const outcome of reply.outcomes) {
      const waiting = this.waiting.get(outcome.id);
      if (!waiting) continue;
      this.waiting.delete(outcome.id);
      if ('result' in outcome) waiting.resolve(outcome.result);
      else waiting.reject(errorOf(outcome.error));
    }
    if (this.waiting.size === 0 && !this.closed) this.worker?.unref();
  }

  /** The thread ended or failed: what it held is failed (never acknowledged), and the next write starts a new one. */
  private stopped(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(err);
  }

  private failAll(err: Error): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiting) w.reject(err);
  }
}
