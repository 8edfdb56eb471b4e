// Migration 009 backfills the coverage of rounds opened before it: from today's units, except that a closed round
// whose results were computed keeps exactly the units those results list (a grid imported after its close stays out).
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { migrate } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { smallDistrict, openRound } from '../../kit/fixtures.js';
import { testDb } from '../../kit/app.js';
import { databaseBefore } from '../../kit/migration.js';

const MIGRATION = '009-round-coverage-and-unit-version.sql';

t.test('open and closed rounds get the coverage they had; drafts none', async (t) => {
  // The schema as it was before 009 (with whatever earlier migrations exist).
  const db = databaseBefore(t, MIGRATION);

  const pre = db.prepare.bind(db);
  pre("INSERT INTO units (id, code, name, parent_id, level, population) VALUES (1, 'D', '区', NULL, 'district', NULL), (2, 'D-T', '镇', 1, 'township', NULL), (3, 'D-T-V', '村', 2, 'village', NULL), (4, 'D-T-V-G1', '一', 3, 'grid', 100), (5, 'D-T-V-G2', '二', 3, 'grid', 200)").run();
  pre("INSERT INTO surveys (id, survey_key, version, title, definition, content_hash, loaded_at) VALUES (1, 'k', 1, 't', '{}', 'h', 'now')").run();
  for (const [id, state] of [[1, 'closed'], [2, 'open'], [3, 'draft']] as const) {
    pre('INSERT INTO rounds (id, code, survey_id, period, state, created_at) VALUES (?, ?, 1, ?, ?, ?)').run(id, `r${id}`, `2025-0${id}`, state, 'now');
    pre('INSERT INTO round_units (round_id, unit_id) VALUES (?, 2)').run(id);
  }
  // Round 1 closed with its results computed over grid 1 only (grid 2 was imported after the close).
  const payload = { format: 3, results: { roundId: 1, units: { D: {}, 'D-T': {}, 'D-T-V': {}, 'D-T-V-G1': {} } } };
  pre('INSERT INTO results_cache (round_id, computed_at, payload) VALUES (1, ?, ?)').run('now', JSON.stringify(payload));

  migrate(db, paths.migrations);
  const codes = (round: number) =>
    pre<[number], { code: string }>('SELECT code FROM round_coverage WHERE round_id = ? ORDER BY code').all(round).map((r) => r.code);
  t.same(codes(1), ['D', 'D-T', 'D-T-V', 'D-T-V-G1'], 'the closed round keeps the units its results list');
  t.same(codes(2), ['D', 'D-T', 'D-T-V', 'D-T-V-G1', 'D-T-V-G2'], 'the open round: today\'s units, up to the district');
  t.same(codes(3), [], 'a draft follows the live tree');
  const repos = createRepos(db);
  const closed = repos.rounds.getById(1);
  t.same(closed ? repos.rounds.gridIds(closed) : [], [4]);
  t.equal(repos.units.roundCoverage(2)?.byCode('D-T-V-G2')?.population, 200);
});

t.test('opening a round freezes its coverage in the same transaction', async (t) => {
  const { repos, db } = testDb(t);
  const d = smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', { unitIds: [d.townships[0].id] });
  const rows = db.prepare<[number], { code: string; level: string }>('SELECT code, level FROM round_coverage WHERE round_id = ? ORDER BY code').all(round.id);
  t.same(rows.filter((r) => r.level === 'grid').map((r) => r.code), d.grids.slice(0, 4).map((g) => g.code), 'the township\'s four grids');
  t.same(rows.filter((r) => r.level !== 'grid').map((r) => r.code), ['D01', 'D01-T1', 'D01-T1-V1', 'D01-T1-V2'], 'its villages, itself and the district above');
});
