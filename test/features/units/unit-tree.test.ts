// The units repository answers from the in-memory tree: no query per ancestor, and a change made by another
// connection (the CLI importing units while the server runs) is seen from the next turn of the event loop.
import t from 'tap';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { testDb } from '../../kit/app.js';
import { smallDistrict } from '../../kit/fixtures.js';
import { openDatabase } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { countStatements } from '../../kit/statement-count.js';

t.test('ancestors, isWithin and lookups by code run no query once the tree is loaded', async (t) => {
  const { db, repos } = testDb(t);
  const d = smallDistrict(repos);
  const grid = d.grids[7];
  repos.units.tree();
  const n = await countStatements(db, () => {
    for (let i = 0; i < 100; i++) {
      repos.units.ancestors(grid.id);
      repos.units.isWithin(grid.id, d.townships[1].id);
      repos.units.getByCode(grid.code);
      repos.units.descendants(d.district.id, 'grid');
    }
  });
  t.ok(n <= 1, `400 lookups ran ${n} statements (at most one check of units_version per turn)`);
  t.same(repos.units.ancestors(grid.id).map((u) => u.code), ['D01', 'D01-T2', 'D01-T2-V2']);
  t.ok(repos.units.isWithin(grid.id, d.townships[1].id));
  t.notOk(repos.units.isWithin(grid.id, d.townships[0].id));
});

t.test('an import or an update by another connection is seen from the next turn', async (t) => {
  const { repos, dir } = testDb(t);
  const d = smallDistrict(repos);
  t.equal(repos.units.getByCode('D01-T1-V1-G3'), undefined);
  const other = openDatabase(join(dir, 'test.db'));
  t.teardown(() => other.close());
  createRepos(other).units.importUnits([
    { code: 'D01-T1-V1-G3', name: '新网格', parentCode: 'D01-T1-V1', level: 'grid', population: 700, households: null },
  ]);
  other.prepare('UPDATE units SET population = 4321 WHERE id = ?').run(d.grids[0].id);
  await nextTurn();
  const added = repos.units.getByCode('D01-T1-V1-G3');
  t.ok(added, 'the new grid is found');
  t.same(repos.units.ancestors(added?.id ?? -1).map((u) => u.code), ['D01', 'D01-T1', 'D01-T1-V1']);
  t.ok(repos.units.isWithin(added?.id ?? -1, d.townships[0].id));
  t.equal(repos.units.descendants(d.villages[0].id, 'grid').length, 3);
  t.equal(repos.units.getById(d.grids[0].id)?.population, 4321, 'the changed population');
  t.equal(repos.units.count(), 16);
});

t.test('an import on this connection is seen at once', async (t) => {
  const { repos } = testDb(t);
  smallDistrict(repos);
  repos.units.tree();
  repos.units.importUnits([{ code: 'D01-T3', name: '新镇', parentCode: 'D01', level: 'township', population: null, households: null }]);
  t.equal(repos.units.getByCode('D01-T3')?.level, 'township');
});

t.test('the triggers that keep units_version exist (a rebuild of units must recreate them)', async (t) => {
  const { db } = testDb(t);
  const names = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'units' ORDER BY name")
    .all()
    .map((r) => r.name);
  t.same(names, ['units_version_delete', 'units_version_insert', 'units_version_update']);
});
