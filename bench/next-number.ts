// Next-number benchmark: a roster of 200,000 numbers over 200 grids, one phone round. Drawing the next
// number ("下一个号码": the held-number check, the appointment/retry/fresh pools of each grid, the claim) must stay
// under 5 ms at p99, for a grid worker (one grid) and for township staff (20 grids), early in the round, and late in
// the round with a third of the roster marked 拒绝再访 outside the round and most numbers waiting for a retry.
// Each draw is followed by an outcome (not timed) so the draws walk through the roster as interviewers would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { paths } from '../server/paths.js';
import { openDatabase, type Db } from '../server/platform/db.js';
import { createRepos, type Repos } from '../server/platform/repos.js';
import { RosterKeys } from '../server/features/roster/roster-keys.js';
import type { UnitRow } from '../server/core/units/unit.js';
import type { StaffUser } from '../server/core/auth/staff.js';
import type { Round } from '../server/core/rounds/round.js';
import type { CallOutcome } from '../server/features/phone-interviews/core/outcomes.js';
import { CatiService } from '../server/features/phone-interviews/cati.js';
import { verdict, type Log } from './lib.js';
import { createRound, openRoundById } from '../server/features/rounds/rounds-service.js';

const TOWNSHIPS = 10;
const VILLAGES = 4;
const GRIDS = 5;
const NUMBERS = 200_000;
const TARGET_P99_MS = 5;

function units(): UnitRow[] {
  const rows: UnitRow[] = [{ code: 'B', name: '基准区', parentCode: null, level: 'district', population: null, households: null }];
  for (let t = 1; t <= TOWNSHIPS; t++) {
    rows.push({ code: `B${t}`, name: `镇${t}`, parentCode: 'B', level: 'township', population: null, households: null });
    for (let v = 1; v <= VILLAGES; v++) {
      rows.push({ code: `B${t}-${v}`, name: `村${t}-${v}`, parentCode: `B${t}`, level: 'village', population: null, households: null });
      for (let g = 1; g <= GRIDS; g++) {
        rows.push({ code: `B${t}-${v}-${g}`, name: `网格${g}`, parentCode: `B${t}-${v}`, level: 'grid', population: 1000, households: 300 });
      }
    }
  }
  return rows;
}

function seedRoster(db: Db, gridIds: readonly number[]): void {
  const box = new RosterKeys('bench-secret-'.padEnd(40, 'x')).box;
  const insert = db.prepare('INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, category, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < NUMBERS; i++) {
      const n = `170${String(10_000_000 + i).slice(-8)}`;
      insert.run(gridIds[i % gridIds.length], box.seal(n), `h${i}`, `${n.slice(0, 3)}****${n.slice(-4)}`, '常住居民', now);
    }
  })();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

interface Staff {
  user: StaffUser;
  grids: number[];
}

/** `rounds` draws by each staff member in turn, each followed by an outcome; returns the draw times in ms. */
function drawLoop(cati: CatiService, round: Round, roundGrids: readonly number[], staff: readonly Staff[], rounds: number): number[] {
  const times: number[] = [];
  const outcomes: Array<Exclude<CallOutcome, 'complete'>> = ['no_answer', 'busy', 'refusal', 'invalid_number', 'no_answer'];
  for (let r = 0; r < rounds; r++) {
    for (const s of staff) {
      const start = performance.now();
      const drawn = cati.nextNumber(round, s.user, roundGrids, s.grids, new Date());
      times.push(performance.now() - start);
      if (drawn.kind !== 'drawn') continue;
      cati.recordOutcome({ round, user: s.user, contactId: drawn.contactId, outcome: outcomes[(r + s.user.id) % outcomes.length], neverCallAgain: false, now: new Date() });
    }
  }
  return times.sort((a, b) => a - b);
}

function report(log: Log, label: string, times: readonly number[]): boolean {
  const p99 = percentile(times, 0.99);
  log(`${label}: ${times.length} draws, p50 ${percentile(times, 0.5).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms (target p99 < ${TARGET_P99_MS} ms: ${verdict(p99 < TARGET_P99_MS)})`);
  return p99 < TARGET_P99_MS;
}

function setUp(repos: Repos, db: Db) {
  repos.units.importUnits(units());
  repos.surveys.syncFromDirectory(paths.surveys);
  const version = repos.surveys.latest('hunan-100');
  if (!version) throw new Error('bench needs surveys/hunan-100');
  const root = repos.units.roots()[0];
  const round = openRoundById(repos, createRound(repos, { surveyVersionId: version.versionId, period: '2026-11', unitIds: [root.id], channels: ['phone'] }).id);
  const grids = repos.units.descendants(root.id, 'grid');
  seedRoster(db, grids.map((g) => g.id));
  const gridStaff: Staff[] = grids.slice(0, 50).map((g, i) => ({
    user: repos.users.create({ username: `g${i}`, displayName: `网格员${i}`, password: 'bench password 1', role: 'grid', unitId: g.id }),
    grids: [g.id],
  }));
  const townships = repos.units.descendants(root.id, 'township');
  const townshipStaff: Staff[] = townships.slice(0, 5).map((tw, i) => ({
    user: repos.users.create({ username: `t${i}`, displayName: `镇${i}`, password: 'bench password 1', role: 'township', unitId: tw.id }),
    grids: repos.units.descendants(tw.id, 'grid').map((g) => g.id),
  }));
  return { round, roundGrids: repos.rounds.gridIds(round), gridStaff, townshipStaff };
}

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-cati-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const repos = createRepos(db, { secret: 'bench-secret-'.padEnd(40, 'x') });
    const { round, roundGrids, gridStaff, townshipStaff } = setUp(repos, db);
    const cati = new CatiService(db, repos);
    const first = performance.now();
    const opening = cati.nextNumber(round, gridStaff[0].user, roundGrids, gridStaff[0].grids, new Date());
    log(`roster ${NUMBERS} numbers, ${roundGrids.length} grids; first draw of the round (adds its ${NUMBERS} cases once): ${(performance.now() - first).toFixed(0)} ms`);
    if (opening.kind === 'drawn') cati.recordOutcome({ round, user: gridStaff[0].user, contactId: opening.contactId, outcome: 'no_answer', neverCallAgain: false, now: new Date() });
    let ok = report(log, 'grid worker (1 grid), early in the round', drawLoop(cati, round, roundGrids, gridStaff, 40));
    ok = report(log, 'township staff (20 grids), early in the round', drawLoop(cati, round, roundGrids, townshipStaff, 200)) && ok;
    // Late in the round: a third of the roster marked 拒绝再访 in the roster (open cases the draw must skip), and half
    // of the remaining open cases waiting for a retry an hour from now.
    db.exec("UPDATE contacts SET status = 'do_not_call' WHERE id % 3 = 0");
    db.prepare("UPDATE call_cases SET pool = 1, attempts = 1, next_due_at = ? WHERE closed = 0 AND contact_id % 2 = 0").run(new Date(Date.now() + 3600_000).toISOString());
    ok = report(log, 'grid worker, late in the round', drawLoop(cati, round, roundGrids, gridStaff, 40)) && ok;
    ok = report(log, 'township staff, late in the round', drawLoop(cati, round, roundGrids, townshipStaff, 200)) && ok;
    if (!ok) process.exitCode = 1;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
