// A worker thread that computes an open round's results off the server's event loop (live-results.ts), on a
// connection of its own to the same database file. The result is large (some 9 MB as JSON at 2,000 grids) and taking
// it in at once would block the server for longer than computing it; so the server pulls the units a slice at a
// time, each slice in its own turn of its event loop.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createRepos } from '../../platform/repos.js';
import { closedRoundMemo, computeRoundMemo, type RoundMemo } from './round-results.js';
import { isWorkerRequest, type WorkerReply } from './results-worker-protocol.js';
import { forecastSummary } from '../forecast/forecast.js';
import { summaryOf } from '../bulletin/bulletin-service.js';
import { answerForecast } from '../forecast/forecast-page.js';

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
// The computations whose units the server is still pulling, by job: several rounds may be asked for at once (a
// bulletin's six months), and each is pulled slice by slice in turns of the server's event loop.
const pulling = new Map<number, { memo: RoundMemo; codes: string[]; next: number }>();

function send(reply: WorkerReply): void {
  parentPort?.postMessage(reply);
}

function start(job: number, roundId: number): void {
  const round = repos.rounds.getById(roundId);
  if (!round) {
    send({ job, type: 'error', message: `round ${roundId} not found` });
    return;
  }
  // A closed round's frozen results (results_cache, or computed and stored once); an open one's computed now.
  const memo = round.state === 'closed' ? closedRoundMemo(repos, round) : computeRoundMemo(repos, round);
  pulling.set(job, { memo, codes: Object.keys(memo.results.units), next: 0 });
  send({ job, type: 'head', results: { ...memo.results, units: {} }, gridsByUnit: memo.gridsByUnit });
}

function slice(job: number): void {
  const current = pulling.get(job);
  if (!current) return;
  const { memo, codes } = current;
  const end = Math.min(codes.length, current.next + SLICE);
  const entries = codes.slice(current.next, end).map((code): [string, RoundMemo['results']['units'][string]] => [code, memo.results.units[code]]);
  current.next = end;
  const done = end >= codes.length;
  send({ job, type: 'units', entries, done });
  if (done) pulling.delete(job);
}

parentPort?.on('message', (message: unknown) => {
  if (!isWorkerRequest(message)) return;
  try {
    if (message.type === 'compute') start(message.job, message.roundId);
    else if (message.type === 'forecast') send({ job: message.job, type: 'forecast', summary: forecastSummary(repos, message.roundCode) });
    else if (message.type === 'forecastView') send({ job: message.job, type: 'forecastView', answer: answerForecast(repos, message.ask) });
    else if (message.type === 'summary') send({ job: message.job, type: 'summary', content: summaryOf(repos, message.endRoundId, message.unitCode) });
    else slice(message.job);
  } catch (err) {
    pulling.delete(message.job);
    send({ job: message.job, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
