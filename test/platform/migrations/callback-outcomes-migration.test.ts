// Migration 027 records what each call-back found: call-backs recorded before it chose between 确认接受过 and
// 否认或不记得, and become 'confirmed' and 'denied' (what the report counted them as), one call each; a new outcome
// outside the known list is refused by the database.
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { migrate } from '../../../server/platform/db.js';
import { databaseBefore } from '../../kit/migration.js';

t.test('old call-backs become confirmed or denied, one attempt each', async (t) => {
  const db = databaseBefore(t, '027-callback-outcomes.sql');
  // Only the call-backs matter here, not the rounds, responses and users they point at.
  db.pragma('foreign_keys = OFF');
  const insert = db.prepare(
    `INSERT INTO callbacks (round_id, response_id, checker_id, confirmed, answers_match, asked, created_at)
     VALUES (1, ?, 1, ?, ?, '{}', '2026-11-20T02:00:00Z')`,
  );
  insert.run(10, 1, 1);
  insert.run(11, 1, 0);
  insert.run(12, 0, null);
  migrate(db, paths.migrations);
  const rows = db.prepare('SELECT response_id, outcome, attempts FROM callbacks ORDER BY response_id').all();
  t.same(rows, [
    { response_id: 10, outcome: 'confirmed', attempts: 1 },
    { response_id: 11, outcome: 'confirmed', attempts: 1 },
    { response_id: 12, outcome: 'denied', attempts: 1 },
  ]);
  t.throws(() => db.prepare("UPDATE callbacks SET outcome = 'maybe' WHERE response_id = 10").run(), /CHECK constraint failed/);
});
