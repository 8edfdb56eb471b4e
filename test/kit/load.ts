// Residents submitting the form to a real server in a child process, for the crash and concurrency tests: each one
// reads the form (its device cookie and one-time submission key), then posts a complete answer; the kit records
// which submissions the server acknowledged with the thank-you page and every status it answered.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Survey } from '../../server/core/survey/model.js';
import { openDatabase } from '../../server/platform/db.js';
import { createRepos } from '../../server/platform/repos.js';
import { completeAnswers, formBody, shownFor } from './resident.js';
import { preparePoll, type Poll } from './resident-poll.js';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit signal or code once the process is gone. */
  exited: Promise<string>;
}

/**
 * A database file with the resident poll prepared (and closed again, so the server opens it alone). The load sends
 * the same answers many times a second to one grid, which anomaly review would hold (待核查) instead of counting:
 * these tests measure durability, so the round's thresholds are set out of reach (review has tests of its own).
 */
export function preparePollFile(dir: string): { file: string; poll: Poll } {
  const file = join(dir, 'load.db');
  const db = openDatabase(file);
  try {
    const repos = createRepos(db);
    const poll = preparePoll(repos, db);
    const most = 100_000;
    repos.review.saveSettings(poll.round.id, poll.round.code, {
      burstMadMultiplier: 100, burstMinPerHour: most, networkMaxPerGridHour: most, quotaMultiple: 1000, patternWindowMinutes: 1,
      patternMaxInWindow: most, networkMaxGridsPerRound: most, networkMaxPerRound: most, areaBurstMinPerHour: most,
    }, null);
    return { file, poll };
  } finally {
    db.close();
  }
}

/** Starts server-child.ts with the TypeScript loader this test runs under; resolves once it listens. */
export function startServer(file: string): Promise<ChildServer> {
  const loader = process.execArgv.filter((a) => a.includes('@tapjs/typescript'));
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // no coverage bookkeeping in a process that is killed on purpose
  const child = spawn(process.execPath, [...loader, join(import.meta.dirname, 'server-child.ts'), file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, exited });
      }
    });
    child.once('exit', () => reject(new Error(`server exited before listening: ${err}`)));
  });
}

export interface LoadRecord {
  /** Submission keys answered with the thank-you page. */
  acknowledged: string[];
  /** Count of replies by HTTP status (form GETs and posts). */
  statuses: Map<number, number>;
  /** Requests that got no reply (connection refused or cut). */
  failed: number;
}

let residents = 0;

/** One resident: GET the form, POST a complete answer; records what the server said. */
async function oneResident(url: string, gridCode: string, survey: Survey, record: LoadRecord): Promise<void> {
  residents += 1;
  const i = residents;
  const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const count = (status: number) => record.statuses.set(status, (record.statuses.get(status) ?? 0) + 1);
  try {
    const page = await fetch(`${url}/g/${gridCode}`, { headers: { 'x-forwarded-for': address } });
    const html = await page.text();
    count(page.status);
    const key = /name="submission_key" value="([^"]+)"/.exec(html)?.[1];
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    if (page.status !== 200 || !key) return;
    const plain = completeAnswers(survey);
    const posted = await fetch(`${url}/g/${gridCode}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': address },
      body: formBody(plain, { shown: shownFor(survey, plain), submission_key: key }),
    });
    const body = await posted.text();
    count(posted.status);
    if (posted.status === 200 && body.includes('提交成功')) record.acknowledged.push(key);
  } catch {
    record.failed += 1;
  }
}

/** `clients` residents at a time, each starting the next when done, until `stop()` is true. */
export async function submitUntil(url: string, poll: Poll, clients: number, stop: () => boolean, record: LoadRecord): Promise<void> {
  const loop = async () => {
    while (!stop()) await oneResident(url, poll.gridCode, poll.survey, record);
  };
  await Promise.all(Array.from({ length: clients }, loop));
}

export function newRecord(): LoadRecord {
  return { acknowledged: [], statuses: new Map(), failed: 0 };
}

/** Waits until `ready()` holds (checked every 10 ms), at most `ms`. */
export async function waitFor(ready: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ready() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

export function count5xx(record: LoadRecord): number {
  let n = 0;
  for (const [status, k] of record.statuses) if (status >= 500) n += k;
  return n;
}
