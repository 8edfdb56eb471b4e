// A worker thread that computes an open round's results off the server's event loop (live-results.ts), on a
// connection of its own to the same database file. The result is large (some 9 MB as JSON at 2,000 grids) and taking
// it in at once would block the server for longer than computing it; so the server pulls the units a slice at a
// time, each slice in its own turn of its event loop.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createRepos } from '../../platform/repos.js';
import { computeRoundMemo, type RoundMemo } from './round-results.js';
import { isWorkerRequest, type WorkerReply } from './results-worker-protocol.js';

/** Units per slice: about 2 ms for the server to take in (hunan-100, measured on an idle machine). */
const SLICE = 100;

function fileOf(data: unknown): string {
  if (typeof data !== 'object' || data === null || !('file' in data) || typeof data.file !== 'string') {
    throw new Error('results worker started without a database file');
  }
  return data.file;
}

const db = new Database(fileOf(workerData));
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
const repos = createRepos(db);
let current: { job: number; memo: RoundMemo; codes: string[]; next: number } | undefined;

function send(reply: WorkerReply): void {
  parentPort?.postMessage(reply);
}

function start(job: number, roundId: number): void {
  const round = repos.rounds.getById(roundId);
  if (!round) {
    send({ job, type: 'error', message: `round ${roundId} not found` });
    return;
  }
  const memo = computeRoundMemo(repos, round);
  current = { job, memo, codes: Object.keys(memo.results.units), next: 0 };
  send({ job, type: 'head', results: { ...memo.results, units: {} }, gridsByUnit: memo.gridsByUnit });
}

function slice(job: number): void {
  if (!current || current.job !== job) return;
  const { memo, codes } = current;
  const end = Math.min(codes.length, current.next + SLICE);
  const entries = codes.slice(current.next, end).map((code): [string, RoundMemo['results']['units'][string]] => [code, memo.results.units[code]]);
  current.next = end;
  const done = end >= codes.length;
  send({ job, type: 'units', entries, done });
  if (done) current = undefined;
}

parentPort?.on('message', (message: unknown) => {
  if (!isWorkerRequest(message)) return;
  try {
    if (message.type === 'compute') start(message.job, message.roundId);
    else slice(message.job);
  } catch (err) {
    current = undefined;
    send({ job: message.job, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
