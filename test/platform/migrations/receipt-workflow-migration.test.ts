// Migration 011 rebuilds the receipts table (SQLite cannot widen a CHECK constraint): every row keeps its id and
// values, the indexes are there again, foreign keys still hold, and the new state 无需处理 is accepted.
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { migrate } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { databaseBefore } from '../../kit/migration.js';

const MIGRATION = '011-receipt-workflow.sql';

t.test('receipts survive the rebuild', async (t) => {
  const db = databaseBefore(t, MIGRATION, { foreignKeys: true });
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  run("INSERT INTO units (id, code, name, parent_id, level, population) VALUES (1, 'D', '区', NULL, 'district', NULL), (2, 'D-G', '网格', 1, 'grid', 100)");
  run("INSERT INTO surveys (id, survey_key, version, title, definition, content_hash, loaded_at) VALUES (1, 'k', 1, 't', '{}', 'h', 'now')");
  run("INSERT INTO rounds (id, code, survey_id, period, state, created_at) VALUES (1, 'r1', 1, '2025-01', 'open', 'now')");
  run("INSERT INTO users (id, username, display_name, password_hash, role, unit_id, created_at) VALUES (7, 'w', '网格员', 'x', 'grid', 2, 'now')");
  run("INSERT INTO receipts (id, round_id, grid_id, source, body, state, created_at) VALUES (5, 1, 2, 'suggestion', '路灯坏了', 'open', '2025-01-02')");
  run("INSERT INTO receipts (id, round_id, grid_id, source, question_id, body, state, assignee_id, due_at, created_at, answered_at, answer_text) VALUES (9, 1, 2, 'follow_up', 'Q1', '不满意', 'answered', 7, '2025-01-09', '2025-01-03', '2025-01-05', '已处理')");
  const rows = () => db.prepare('SELECT id, round_id, grid_id, response_id, source, question_id, body, state, assignee_id, due_at, created_at, answered_at, answer_text FROM receipts ORDER BY id').all();
  const kept = rows();

  t.ok(migrate(db, paths.migrations).includes(MIGRATION), 'migration 011 applied (with any later ones)');
  t.same(rows(), kept, 'every row with its id and values');
  const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'receipts' ORDER BY name").pluck().all();
  // The rebuilt table's indexes, as the later migrations leave them (035 replaced receipts_round_grid by a covering one).
  t.same(indexes, ['receipts_assignee', 'receipts_created', 'receipts_round_grid_state']);
  t.same(db.pragma('foreign_key_check'), [], 'foreign keys hold');
  t.equal(db.prepare('SELECT receipt_due_days FROM rounds WHERE id = 1').pluck().get(), 7, 'rounds get the default of 7 days');

  const repos = createRepos(db);
  t.match(repos.receipts.dismiss(5, 'duplicate', null), { state: 'dismissed', dismissReason: 'duplicate' });
  t.match(repos.receipts.getById(9), { state: 'answered', assigneeId: 7, answerText: '已处理', answerMethod: null });
  t.throws(() => run("UPDATE receipts SET state = 'lost' WHERE id = 9"), /CHECK/, 'the CHECK constraint still guards the states');
});
