// Event-loop benchmark: the longest time the server's event loop was held — the wait every other request shares —
// over a start on the demo district (seeded beforehand, as a restart finds it), the first read of each kind after
// that start (the results API on a closed and on an open round, the bulletin page, its Word and XLSX files, the
// ranking image, the half-year summary and its Word and XLSX files, the SPSS, Stata and R data files and the codebook)
// and a short load on 127.0.0.1; then the close of a round at 200,000 responses on a server of its own
// (close-round.ts). Target: no step blocks it 50 ms or more.
// The server runs in this process, as server.ts starts it (startup.ts's prepareDatabase, buildApp, listen, then
// startReads), so monitorEventLoopDelay sees its thread; the requests go over HTTP. The delay it reports also counts
// the time the thread waited for a core while other processes ran: the load average is printed beside the numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db.js';
import { seedDemoIfEmpty, DEMO_PASSWORD } from '../server/demo/seed.js';
import { prepareDatabase, startReads } from '../server/startup.js';
import { load, logIn, verdict, type Log } from './lib.js';
import { closeAtScale } from './close-round.js';

const TARGET_MS = 50;
const NOW = new Date('2026-11-22T10:00:00+08:00');

/** The histogram's longest delay in ms since the last reset (its 1 ms resolution is added to every sample). */
function longest(delay: IntervalHistogram): number {
  return delay.count > 0 ? delay.max / 1e6 : 0;
}

/** Lets timers that queued behind a block fire, so the histogram records that block. */
const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-loop-'));
  const secret = 'bench-secret-'.padEnd(40, 'x');
  const databasePath = join(dir, 'bench.db');
  const seedDb = openDatabase(databasePath);
  await seedDemoIfEmpty(seedDb, { log: () => {}, now: NOW, secret });
  seedDb.close();

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const rows: Array<[string, number]> = [];
  const measure = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    await settle();
    delay.reset();
    const value = await step();
    await settle();
    rows.push([label, longest(delay)]);
    return value;
  };

  const config = { ...loadConfig({}), databasePath, seedDemo: false, secret, logLevel: 'silent' as const, port: 0 };
  const startedAt = performance.now();
  const { db } = await prepareDatabase(config, { log: () => {} });
  const app = await buildApp({ db, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  log(`start: database opened and app listening in ${(performance.now() - startedAt).toFixed(0)} ms (before any request can arrive)`);
  try {
    await measure('after listening: the start\'s own work (open rounds prepared)', () => startReads(app));
    const rounds = app.repos.rounds.list();
    const closed = rounds.filter((r) => r.state === 'closed' && r.kind === 'monthly').sort((a, b) => (a.period < b.period ? 1 : -1))[0];
    const open = rounds.find((r) => r.state === 'open');
    if (!closed || !open) throw new Error('the demo has a closed and an open month');
    const cookies = await logIn(app, 'weifa', DEMO_PASSWORD);
    const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const get = async (path: string) => {
      const res = await fetch(address + path, { headers: { cookie } });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
    };
    const reads: Array<[string, string]> = [
      ['first results API read, closed round', `/api/rounds/${closed.code}/results`],
      ['first results API read, open round', `/api/rounds/${open.code}/results`],
      ['first bulletin page', `/rounds/${closed.code}/bulletin`],
      ['first Word bulletin', `/rounds/${closed.code}/bulletin.docx`],
      ['first XLSX export', `/rounds/${closed.code}/export.xlsx`],
      ['first ranking image', `/rounds/${closed.code}/ranking.png?level=village`],
      ['first half-year summary', '/summary'],
      // Built in the build worker too (platform/build-pool.ts).
      ['first half-year summary Word', '/summary.docx'],
      ['first half-year summary XLSX', '/summary.xlsx'],
      // Computed in the results worker (features/forecast/forecast-page.ts).
      ['first forecast page', '/forecast'],
    ];
    for (const [label, path] of reads) await measure(label, () => get(path));
    // The data files for statisticians, each read and written in the build worker on its own connection
    // (features/results/data-file-job.ts): the first download of each, then the half-year's (six months of responses).
    const dataFiles: Array<[string, string]> = [
      ['first SPSS data file', `/rounds/${closed.code}/data.sav`],
      ['first Stata data file', `/rounds/${closed.code}/data.dta`],
      ['first R data (CSV)', `/rounds/${closed.code}/data.csv`],
      ['first R script', `/rounds/${closed.code}/data.R`],
      ['first codebook XLSX', `/rounds/${closed.code}/codebook.xlsx`],
      ['first codebook page', `/rounds/${closed.code}/codebook`],
      ['first half-year SPSS data file', '/summary/data.sav'],
    ];
    for (const [label, path] of dataFiles) await measure(label, () => get(path));
    const grid = app.repos.units.all().find((u) => u.level === 'grid');
    const loaded = await measure('load: 5 s of 10 connections (form, bulletin, results API)', () =>
      load({
        url: address,
        duration: 5,
        requests: [
          { method: 'GET', path: `/g/${grid?.code ?? ''}` },
          { method: 'GET', path: `/rounds/${closed.code}/bulletin`, headers: { cookie } },
          { method: 'GET', path: `/rounds/${open.code}/bulletin`, headers: { cookie } },
        ],
      }),
    );
    log(`load: ${loaded.rps.toFixed(0)} requests/s, p99 ${loaded.p99ms} ms, ${loaded.errors} errors, ${loaded.non2xx} non-2xx`);
  } finally {
    delay.disable();
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push(['close a round at 200,000 responses (staff route, results frozen)', await closeAtScale(log)]);
  log(`machine: load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) on this machine's cores; blocks grow with it`);
  let missed = 0;
  for (const [label, ms] of rows) {
    if (ms >= TARGET_MS) missed++;
    log(`${label}: longest block ${ms.toFixed(0)} ms (target < ${TARGET_MS}) ${verdict(ms < TARGET_MS)}`);
  }
  if (missed > 0) process.exitCode = 1;
}
