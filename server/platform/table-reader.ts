// Reads an uploaded table without holding the event loop (docs/rules.md#upload-limits): an XLSX, or a CSV larger than
// a pasted one, is read in a worker thread (table-worker.ts) with a time limit; at the limit the worker is ended,
// whatever it was doing, and the file refused. At most two workers read at once (more uploads wait their turn rather
// than take every core and all the memory); an idle worker is kept a minute for the next upload, never holding the
// process open.
import type { Worker } from 'node:worker_threads';
import { isXlsx, readTableFile, type TableLimits, type TableRead, type TableRow } from '../core/tables/table-file.js';
import { isTableWorkerReply, type RosterImportJob, type TableWorkerRequest } from './table-worker-protocol.js';
import type { RosterImportOutcome } from '../features/roster/roster-import.js';
import { WORKER_STOPPED, WorkerPool } from './worker-pool.js';

/** A CSV up to this size is read in the request's own turn: a few milliseconds. */
const READ_HERE_BYTES = 256 * 1024;

/** Two readers at once; 1 GiB of heap each: a file that would need more is refused, not the server's memory taken. */
const pool = new WorkerPool({ url: new URL('./table-worker.js', import.meta.url), max: 2, heapMb: 1024, idleMs: 60_000 });

/** Within the server's request timeout (server.ts, 30 s), so that the person gets the refusal, not a dropped connection. */
export const DEFAULT_READ_SECONDS = 25;

function timedOut(seconds: number): TableRead {
  return { ok: false, line: 1, problem: `文件处理超时（超过 ${seconds} 秒），请分批导入，或另存为 CSV UTF-8 后再试`, status: 413 };
}

const TOO_BIG_TO_READ: TableRead = { ok: false, line: 1, problem: '文件内容过多，无法读取，请分批导入', status: 413 };

/**
 * One file in one worker: its rows pulled a slice at a time (or, for a roster job, the import's outcome); the worker
 * ended when it fails or runs out of time.
 */
function readWith(worker: Worker, bytes: Buffer, limits: TableLimits, seconds: number, roster?: RosterImportJob): Promise<TableRead | RosterImportOutcome> {
  const post = (request: TableWorkerRequest) => worker.postMessage(request);
  return new Promise<TableRead | RosterImportOutcome>((resolve, reject) => {
    const rows: TableRow[] = [];
    const finish = (read: TableRead | RosterImportOutcome | Error, keep: boolean) => {
      clearTimeout(timer);
      if (keep) pool.release(worker);
      else pool.end(worker);
      if (read instanceof Error) reject(read);
      else resolve(read);
    };
    const timer = setTimeout(() => finish(timedOut(seconds), false), seconds * 1000);
    pool.listen(worker, {
      message(reply) {
        if (!isTableWorkerReply(reply)) return;
        if (reply.type === 'refused') finish({ ok: false, line: reply.line, problem: reply.problem, status: reply.status }, true);
        else if (reply.type === 'error') finish(new Error(`table worker: ${reply.message}`), false);
        else if (reply.type === 'imported') finish(reply.outcome, true);
        else if (reply.type === 'head') post({ type: 'slice' });
        else if (reply.type === 'rows') {
          for (const row of reply.rows) rows.push(row);
          // The next slice in a later turn, so that requests waiting meanwhile are answered in between.
          if (reply.done) finish({ ok: true, rows }, true);
          else setImmediate(() => post({ type: 'slice' }));
        }
      },
      // Out of its heap: the file was too much to read. Any other failure is a fault of ours, not of the file.
      failed: (err) => finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' || err.message === WORKER_STOPPED ? TOO_BIG_TO_READ : err, false),
    });
    post({ type: 'read', bytes: new Uint8Array(bytes), limits, roster });
  });
}

/** The table in an uploaded file, read within the limits and the time (seconds). */
export async function readUploadedTable(bytes: Buffer, limits: TableLimits, seconds = DEFAULT_READ_SECONDS): Promise<TableRead> {
  if (bytes.length > limits.maxFileBytes) return readTableFile(bytes, limits);
  if (!isXlsx(bytes) && bytes.length <= READ_HERE_BYTES) return readTableFile(bytes, limits);
  const read = await readWith(await pool.take(), bytes, limits, seconds);
  if (!isTableRead(read)) throw new Error('table worker: an import outcome for a plain read');
  return read;
}

/** A table read (or refused) rather than a roster import's outcome. */
export function isTableRead(value: TableRead | RosterImportOutcome): value is TableRead {
  return 'rows' in value || 'problem' in value;
}

/**
 * A roster file read, checked and stored in a table worker (features/roster/roster-import.ts), within the time; a
 * refusal to read (too large, out of time) comes back as a TableRead to be refused as any other.
 */
export async function importInTableWorker(bytes: Buffer, limits: TableLimits, job: RosterImportJob, seconds = DEFAULT_READ_SECONDS): Promise<TableRead | RosterImportOutcome> {
  if (bytes.length > limits.maxFileBytes) return readTableFile(bytes, limits);
  return readWith(await pool.take(), bytes, limits, seconds, job);
}
