// Reads an uploaded table without holding the event loop (docs/rules.md#upload-limits): an XLSX, or a CSV larger than
// a pasted one, is read in a worker thread (table-worker.ts) with a time limit; at the limit the worker is ended,
// whatever it was doing, and the file refused. At most two workers read at once (more uploads wait their turn rather
// than take every core and all the memory); an idle worker is kept a minute for the next upload, never holding the
// process open.
import { Worker } from 'node:worker_threads';
import { isXlsx, readTableFile, type TableLimits, type TableRead, type TableRow } from '../core/tables/table-file.js';
import { isTableWorkerReply, type TableWorkerReply, type TableWorkerRequest } from './table-worker-protocol.js';

/** A CSV up to this size is read in the request's own turn: a few milliseconds. */
const READ_HERE_BYTES = 256 * 1024;
const MAX_WORKERS = 2;
/** Heap a worker may use: a file that would need more is refused, not the server's memory taken. */
const WORKER_HEAP_MB = 1024;
const IDLE_MS = 60_000;

/** Within the server's request timeout (server.ts, 30 s), so that the person gets the refusal, not a dropped connection. */
export const DEFAULT_READ_SECONDS = 25;

/** What a worker's messages, failures and exit go to: the read it is doing now, if any. */
interface Listener {
  reply(reply: TableWorkerReply): void;
  failed(err: Error & { code?: string }): void;
}

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

const listeners = new WeakMap<Worker, Listener>();
const idle: Idle[] = [];
let busy = 0;
const waiting: Array<() => void> = [];

/** A started worker that said it is ready (starting one is not counted against a file's time). */
function startWorker(): Promise<Worker> {
  const worker = new Worker(new URL('./table-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  // One set of listeners for the worker's life (removing a worker's listeners can stop its port), handing over to
  // whichever read it is doing.
  worker.on('message', (message: unknown) => {
    if (isTableWorkerReply(message)) listeners.get(worker)?.reply(message);
  });
  worker.on('error', (err) => listeners.get(worker)?.failed(err));
  worker.on('exit', () => listeners.get(worker)?.failed(new Error('table worker stopped')));
  return new Promise((resolve, reject) => {
    listeners.set(worker, { reply: () => resolve(worker), failed: reject });
  });
}

async function takeWorker(): Promise<Worker> {
  if (busy >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy += 1;
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    kept.worker.ref();
    return kept.worker;
  }
  try {
    return await startWorker();
  } catch (err) {
    release(undefined);
    throw err;
  }
}

/** Hands the worker back (or, ended, nothing) and lets the next upload in. */
function release(worker: Worker | undefined): void {
  busy -= 1;
  if (worker) {
    listeners.delete(worker);
    worker.unref();
    const entry: Idle = { worker, timer: setTimeout(() => retire(entry), IDLE_MS) };
    entry.timer.unref();
    idle.push(entry);
  }
  waiting.shift()?.();
}

function retire(entry: Idle): void {
  const at = idle.indexOf(entry);
  if (at >= 0) idle.splice(at, 1);
  void entry.worker.terminate();
}

function timedOut(seconds: number): TableRead {
  return { ok: false, line: 1, problem: `文件处理超时（超过 ${seconds} 秒），请分批导入，或另存为 CSV UTF-8 后再试`, status: 413 };
}

const TOO_BIG_TO_READ: TableRead = { ok: false, line: 1, problem: '文件内容过多，无法读取，请分批导入', status: 413 };

/** One file in one worker: its rows pulled a slice at a time; the worker ended when it fails or runs out of time. */
function readWith(worker: Worker, bytes: Buffer, limits: TableLimits, seconds: number): Promise<TableRead> {
  const post = (request: TableWorkerRequest) => worker.postMessage(request);
  return new Promise<TableRead>((resolve, reject) => {
    const rows: TableRow[] = [];
    const finish = (read: TableRead | Error, keep: boolean) => {
      clearTimeout(timer);
      listeners.delete(worker);
      if (keep) release(worker);
      else {
        void worker.terminate();
        release(undefined);
      }
      if (read instanceof Error) reject(read);
      else resolve(read);
    };
    const timer = setTimeout(() => finish(timedOut(seconds), false), seconds * 1000);
    listeners.set(worker, {
      reply(reply) {
        if (reply.type === 'refused') finish({ ok: false, line: reply.line, problem: reply.problem, status: reply.status }, true);
        else if (reply.type === 'error') finish(new Error(`table worker: ${reply.message}`), false);
        else if (reply.type === 'head') post({ type: 'slice' });
        else if (reply.type === 'rows') {
          for (const row of reply.rows) rows.push(row);
          // The next slice in a later turn, so that requests waiting meanwhile are answered in between.
          if (reply.done) finish({ ok: true, rows }, true);
          else setImmediate(() => post({ type: 'slice' }));
        }
      },
      // Out of its heap: the file was too much to read. Any other failure is a fault of ours, not of the file.
      failed: (err) => finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' || err.message === 'table worker stopped' ? TOO_BIG_TO_READ : err, false),
    });
    post({ type: 'read', bytes: new Uint8Array(bytes), limits });
  });
}

/** The table in an uploaded file, read within the limits and the time (seconds). */
export async function readUploadedTable(bytes: Buffer, limits: TableLimits, seconds = DEFAULT_READ_SECONDS): Promise<TableRead> {
  if (bytes.length > limits.maxFileBytes) return readTableFile(bytes, limits);
  if (!isXlsx(bytes) && bytes.length <= READ_HERE_BYTES) return readTableFile(bytes, limits);
  return readWith(await takeWorker(), bytes, limits, seconds);
}
