// Receipts list benchmark: 10,000 receipts in one round over 100 grids, in every state; the receipts page
// filtered and paged as staff use it. Target: each page answers in under 50 ms (the median of REPS requests,
// rendering included), for the committee (the whole district), a township and a grid worker. The 90th percentile and
// the slowest are printed too: on a shared machine a single request can wait for the CPU or a garbage collection, so
// the target is judged on the median. The repository's query alone is reported beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { paths } from '../server/paths.js';
import { openDatabase, type Db } from '../server/platform/db.js';
import { createRepos, type Repos } from '../server/platform/repos.js';
import type { UnitRow } from '../server/core/units/unit.js';
import { NO_FILTER } from '../server/features/receipts/core/filter.js';
import { logIn, verdict, type Log } from './lib.js';
import { createRound, openRoundById } from '../server/features/rounds/rounds-service.js';

const RECEIPTS = 10_000;
const REPS = 20;
const TARGET_MS = 50;
const PASSWORD = 'bench password 123';
const TEXTS = ['路灯坏了，晚上很黑', '噪音扰民，希望管一管', '电动车被偷', '井盖松动', '停车乱，消防通道被堵', '诈骗电话多，希望多宣传'];

function benchUnits(): UnitRow[] {
  const rows: UnitRow[] = [{ code: 'B', name: '基准区', parentCode: null, level: 'district', population: null, households: null }];
  for (let t = 1; t <= 2; t++) {
    rows.push({ code: `B${t}`, name: `基准镇${t}`, parentCode: 'B', level: 'township', population: null, households: null });
    for (let v = 1; v <= 5; v++) {
      rows.push({ code: `B${t}-${v}`, name: `基准村${t}-${v}`, parentCode: `B${t}`, level: 'village', population: null, households: null });
      for (let g = 1; g <= 10; g++) rows.push({ code: `B${t}-${v}-${g}`, name: `第${g}网格`, parentCode: `B${t}-${v}`, level: 'grid', population: 1000, households: 300 });
    }
  }
  return rows;
}

/** 10,000 receipts over the last 60 days, a share handed on, answered, closed or dismissed through the repository. */
function fill(db: Db, repos: Repos): { roundCode: string; workerId: number } {
  repos.units.importUnits(benchUnits());
  repos.surveys.syncFromDirectory(paths.surveys);
  const version = repos.surveys.latest('hunan-100');
  const root = repos.units.getByCode('B');
  if (!version || !root) throw new Error('bench fixture');
  const round = openRoundById(repos, createRound(repos, { surveyVersionId: version.versionId, period: '2025-03', unitIds: [root.id] }).id);
  const grids = repos.units.descendants(root.id, 'grid');
  const township = repos.units.getByCode('B1');
  repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  repos.users.create({ username: 'township', displayName: '镇综治中心', password: PASSWORD, role: 'township', unitId: township?.id ?? null });
  const worker = repos.users.create({ username: 'worker', displayName: '网格员', password: PASSWORD, role: 'grid', unitId: grids[0].id });
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < RECEIPTS; i++) {
      const createdAt = new Date(now - ((i * 7919) % (60 * 86_400)) * 1000).toISOString();
      const grid = grids[i % grids.length];
      const id = repos.receipts.create({ roundId: round.id, gridId: grid.id, responseId: null, source: 'suggestion', questionId: 'Q15', body: `${TEXTS[i % TEXTS.length]}（${i}）`, createdAt });
      // Each grid gets every state: the state cycles with the pass over the grids.
      const k = Math.floor(i / grids.length) % 10;
      if (k >= 3) repos.receipts.assign(id, { userId: grid.id === grids[0].id ? worker.id : null, unitId: grid.id === grids[0].id ? null : grid.id }, new Date(Date.parse(createdAt) + 7 * 86_400_000).toISOString());
      if (k >= 6) repos.receipts.answer(id, { action: '已处理', text: '已答复居民', method: 'phone' });
      if (k >= 8) repos.receipts.close(id);
      if (k === 2) repos.receipts.dismiss(id, 'duplicate', null);
    }
  })();
  return { roundCode: round.code, workerId: worker.id };
}

/** The median, 90th percentile and slowest of REPS requests of one page, after one warm-up. */
async function timePage(app: FastifyInstance, cookies: Record<string, string>, url: string): Promise<{ max: number; p90: number; median: number; count: string }> {
  const first = await app.inject({ method: 'GET', url, cookies });
  if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode}`);
  const ms: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = process.hrtime.bigint();
    await app.inject({ method: 'GET', url, cookies });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { max: ms[ms.length - 1], p90: ms[Math.floor(ms.length * 0.9) - 1], median: ms[Math.floor(ms.length / 2)], count: /共 (\d+) 件/.exec(first.body)?.[1] ?? '?' };
}

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-receipts-'));
  const db = openDatabase(join(dir, 'bench.db'));
  const repos = createRepos(db);
  const app = await buildApp({ db, config: { ...loadConfig({}), seedDemo: false, secret: 'bench-secret-'.padEnd(40, 'x'), logLevel: 'silent' } });
  try {
    const t0 = Date.now();
    const { roundCode, workerId } = fill(db, repos);
    log(`data: ${RECEIPTS} receipts in 100 grids, every state (written in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const q0 = process.hrtime.bigint();
    const all = repos.receipts.search.page(NO_FILTER, { offset: 0, limit: 30 });
    log(`repository: first page of all ${all.total} receipts in ${(Number(process.hrtime.bigint() - q0) / 1e6).toFixed(1)} ms`);
    const pages: Array<[string, string]> = [
      ['committee', '/receipts'],
      ['committee', '/receipts?page=200'],
      ['committee', '/receipts?state=open'],
      ['committee', '/receipts?overdue=1'],
      ['committee', `/receipts?round=${roundCode}&unit=B2-3`],
      ['committee', `/receipts?q=${encodeURIComponent('井盖')}&page=5`],
      ['committee', `/receipts?assignee=${workerId}`],
      ['committee', `/receipts?round=${roundCode}&unit=B1&state=assigned&overdue=1&q=${encodeURIComponent('噪音')}`],
      ['township', '/receipts'],
      ['township', '/receipts?state=answered&page=3'],
      ['worker', '/receipts?assignee=me'],
    ];
    const sessions = new Map<string, Record<string, string>>();
    let worst = 0;
    for (const [who, url] of pages) {
      let cookies = sessions.get(who);
      if (!cookies) sessions.set(who, (cookies = await logIn(app, who, PASSWORD)));
      const r = await timePage(app, cookies, url);
      worst = Math.max(worst, r.median);
      log(`${who.padEnd(9)} ${url.padEnd(60)} ${r.count.padStart(5)} found  median ${r.median.toFixed(1)} ms  p90 ${r.p90.toFixed(1)} ms  max ${r.max.toFixed(1)} ms`);
    }
    log(`receipts page, slowest median of ${pages.length} pages (${REPS} requests each): ${worst.toFixed(1)} ms (target < ${TARGET_MS}) ${verdict(worst < TARGET_MS)}`);
    if (worst >= TARGET_MS) process.exitCode = 1;
  } finally {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
