// Closing a round at 200,000 responses (part of the event-loop benchmark, event-loop.ts): the committee's 结束轮次
// through the staff route on a server built on bench/results.ts's district (2,000 grids, 100 completed interviews
// each), with a page asked for every 20 ms meanwhile. The close's transaction counts the completed responses; the
// results are frozen in the results worker and taken in a slice per turn (features/rounds/round-lifecycle.ts), so
// the longest block of the event loop while closing is what any other request waits at most.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db.js';
import { getRoundResults } from '../server/features/results/round-results.js';
import { liveStats } from '../server/features/results/live-results.js';
import { COMPLETE_PER_GRID, benchRound, fillRound } from './results.js';
import { logIn, mainThreadCpuMs, type Log } from './lib.js';

const PASSWORD = 'bench committee password';

/** Closes the round through the staff route; returns the event loop's longest block meanwhile, in ms. */
export async function closeAtScale(log: Log): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-close-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const { repos, random, version, root, round, gridIds } = benchRound(db);
    fillRound(db, version.survey, round.id, gridIds, random);
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    repos.users.create({ username: 'bench-committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });

    const config = { ...loadConfig({}), databasePath: db.name, seedDemo: false, secret: 'bench-secret-'.padEnd(40, 'x'), logLevel: 'silent' as const, port: 0 };
    const app = await buildApp({ db, config });
    try {
      const cookies = await logIn(app, 'bench-committee', PASSWORD);
      const url = `/rounds/${encodeURIComponent(round.code)}/close`;
      const confirm = await app.inject({ method: 'GET', url, cookies });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';

      const delay = monitorEventLoopDelay({ resolution: 1 });
      let answered = 0;
      let closing = true;
      const probe = async () => {
        while (closing) {
          if ((await app.inject({ method: 'GET', url: '/rounds', cookies })).statusCode === 200) answered++;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      delay.enable();
      const started = performance.now();
      const cpuBefore = mainThreadCpuMs();
      const probing = probe();
      const res = await app.inject({
        method: 'POST', url, cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      const ms = performance.now() - started;
      const cpuAfter = mainThreadCpuMs();
      closing = false;
      await probing;
      await new Promise((resolve) => setTimeout(resolve, 30));
      delay.disable();
      if (res.statusCode !== 303) throw new Error(`close: ${res.statusCode} ${res.body.slice(0, 200)}`);

      const closed = app.repos.rounds.getById(round.id);
      const n = closed ? getRoundResults(app.repos, closed).units[root.code]?.n : undefined;
      const stored = db.prepare('SELECT COUNT(*) FROM results_cache WHERE round_id = ?').pluck().get(round.id);
      const step = liveStats(app.repos, round.id).longestStepMs;
      log(`close at ${gridIds.length * COMPLETE_PER_GRID} responses: answered (results frozen, stored: ${stored === 1}, n = ${n}) in ${ms.toFixed(0)} ms; ${answered} pages answered meanwhile (main-thread CPU ${cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore).toFixed(0) : '?'} ms in all: the freeze is computed in the worker); longest message of the results worker taken in: ${step.toFixed(0)} ms`);
      return delay.max / 1e6;
    } finally {
      await app.close();
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
