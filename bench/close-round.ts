// Closing a round at 200,000 responses (part of the event-loop benchmark, event-loop.ts): the committee's 结束轮次
// through the staff route on a server built on bench/results.ts's district (2,000 grids, 100 completed interviews
// each), with a page asked for every 20 ms meanwhile. The close's transaction counts the completed responses; the
// results are frozen in the results worker and taken in a slice per turn (features/rounds/round-lifecycle.ts), so
// the longest block of the event loop while closing is what any other request waits at most.
// The server closes in a process of its own, on the database written here: the process that generated 200,000
// responses holds their garbage, and its full collections (50–60 ms) were counted as the close's blocks, which a
// server's heap never holds (the same reason bench/results-cold.ts measures cold results apart).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db.js';
import { createRepos } from '../server/platform/repos.js';
import { getRoundResults } from '../server/features/results/round-results.js';
import { liveStats } from '../server/features/results/live-results.js';
import { COMPLETE_PER_GRID, benchRound, fillRound } from './results.js';
import { logIn, mainThreadCpuMs, type Log } from './lib.js';

const PASSWORD = 'bench committee password';
const self = fileURLToPath(import.meta.url);

interface CloseMeasure {
  blockMs: number;
  ms: number;
  answered: number;
  cpuMs: number | null;
  n: number | null;
  stored: boolean;
  stepMs: number;
}

/** Closes the round through the staff route of a server on the database at `path`, measuring the event loop. */
async function closeOnServer(path: string, roundId: number, rootCode: string): Promise<CloseMeasure> {
  const db = openDatabase(path);
  try {
    const round = createRepos(db).rounds.getById(roundId);
    if (!round) throw new Error(`round ${roundId} missing`);
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
      const n = closed ? (getRoundResults(app.repos, closed).units[rootCode]?.n ?? null) : null;
      const stored = db.prepare('SELECT COUNT(*) FROM results_cache WHERE round_id = ?').pluck().get(round.id) === 1;
      const cpuMs = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
      return { blockMs: delay.max / 1e6, ms, answered, cpuMs, n, stored, stepMs: liveStats(app.repos, round.id).longestStepMs };
    } finally {
      await app.close();
    }
  } finally {
    db.close();
  }
}

/** Writes the district and its open month, closes it on a server in a fresh process; returns the longest block, in ms. */
export async function closeAtScale(log: Log): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-close-'));
  try {
    const db = openDatabase(join(dir, 'bench.db'));
    const { repos, random, version, root, round, gridIds } = benchRound(db);
    fillRound(db, version.survey, round.id, gridIds, random);
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    repos.users.create({ username: 'bench-committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    db.close();
    const child = spawnSync(process.execPath, [self, join(dir, 'bench.db'), String(round.id), root.code], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`close process failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as CloseMeasure;
    log(
      `close at ${gridIds.length * COMPLETE_PER_GRID} responses, on a server in a fresh process: answered (results frozen, stored: ${m.stored}, n = ${m.n}) in ${m.ms.toFixed(0)} ms; ` +
        `${m.answered} pages answered meanwhile (main-thread CPU ${m.cpuMs?.toFixed(0) ?? '?'} ms in all: the freeze is computed in the worker); longest message of the results worker taken in: ${m.stepMs.toFixed(0)} ms`,
    );
    return m.blockMs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === self) {
  const measure = await closeOnServer(process.argv[2], Number(process.argv[3]), process.argv[4]);
  process.stdout.write(JSON.stringify(measure) + '\n');
}
