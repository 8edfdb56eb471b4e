// A worker thread that reads uploaded tables (core/tables/table-file.ts) off the server's event loop: unpacking and
// parsing an XLSX takes seconds for a large valid file, and without limits could take minutes. Kept by
// table-reader.ts, which ends it when a read runs out of time. One file at a time; its rows go back a slice per
// message, each taken in by the server in its own turn of the event loop — or, for a roster file, are checked and
// stored here (checking, hashing, sealing and storing 150,000 numbers held the server's loop some 8 s: bench/upload.ts).
import { parentPort } from 'node:worker_threads';
import { readTableFile, type TableRow } from '../core/tables/table-file.js';
import { isTableWorkerRequest, type RosterImportJob, type TableWorkerReply } from './table-worker-protocol.js';
import { workerRepos } from './worker-repos.js';

/** Rows per slice: a few milliseconds for the server to take in. */
const SLICE = 2_000;

let rows: TableRow[] = [];
let next = 0;

function send(reply: TableWorkerReply): void {
  parentPort?.postMessage(reply);
}

function sendSlice(): void {
  const end = Math.min(rows.length, next + SLICE);
  const done = end >= rows.length;
  send({ type: 'rows', rows: rows.slice(next, end), done });
  next = end;
  if (done) rows = [];
}

async function read(bytes: Uint8Array, limits: Parameters<typeof readTableFile>[1], roster: RosterImportJob | undefined): Promise<void> {
  const read = await readTableFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  if (roster) {
    const { importRosterTable } = await import('../features/roster/roster-import.js');
    send({ type: 'imported', outcome: importRosterTable(await workerRepos(roster.database, { secret: roster.secret, rosterKey: roster.rosterKey }), read, roster.importer) });
    return;
  }
  if (!read.ok) {
    send({ type: 'refused', line: read.line, problem: read.problem, status: read.status });
    return;
  }
  rows = read.rows;
  next = 0;
  send({ type: 'head', total: rows.length });
}

parentPort?.on('message', (message: unknown) => {
  if (!isTableWorkerRequest(message)) return;
  if (message.type === 'slice') sendSlice();
  else read(message.bytes, message.limits, message.roster).catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});

send({ type: 'ready' });
