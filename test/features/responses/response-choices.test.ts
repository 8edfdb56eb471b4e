// Migration 003 packs the responses stored before it exactly as ResponsesRepo packs a new one.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { simulateRound } from '../../../server/demo/simulate-round.js';
import { migrate } from '../../../server/platform/db.js';
import { paths } from '../../../server/paths.js';

t.test('the backfill of migration 003 gives every response the choices its writer stored', async (t) => {
  const { db, repos } = testDb(t);
  smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', { channels: ['web', 'phone'] });
  simulateRound(repos, round, { seed: 5, now: new Date('2025-01-15T10:00:00+08:00') });
  const choices = () => db.prepare<[], { id: number; status: string; choices: string | null }>('SELECT id, status, choices FROM responses ORDER BY id').all();
  const written = choices();
  t.ok(written.length > 50, `${written.length} responses`);
  t.ok(written.some((r) => r.status === 'screened_out'), 'screened-out responses among them');

  // Back to the schema before 003, then migrate again.
  db.exec("ALTER TABLE responses DROP COLUMN choices; DELETE FROM schema_migrations WHERE name LIKE '003-%'");
  t.same(migrate(db, paths.migrations), ['003-response-choices.sql']);
  const packed = choices();
  const order = (s: string | null) => (s ?? '').match(/../gs)?.sort().join('') ?? '';
  // The backfill's order of a response's choices may differ; the results do not depend on it.
  t.same(packed.map((r) => ({ ...r, choices: order(r.choices) })), written.map((r) => ({ ...r, choices: order(r.choices) })));
});
