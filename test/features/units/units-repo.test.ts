// The unit tree: lookups, children, ancestors, descendants, scope checks, and importing rows in any order.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { smallDistrict } from '../../kit/fixtures.js';
import { UnitImportError } from '../../../server/features/units/units-repo.js';
import type { UnitRow } from '../../../server/core/units/unit.js';

t.test('the small district has the four levels with codes and parents', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  t.equal(repos.units.count(), 1 + 2 + 4 + 8);
  t.same(repos.units.roots().map((u) => u.code), ['D01']);
  t.equal(d.district.level, 'district');
  t.equal(d.district.parentId, null);
  t.same(repos.units.children(d.district.id).map((u) => u.code), ['D01-T1', 'D01-T2'], 'ordered by code');
  const grid = repos.units.getByCode('D01-T2-V1-G2');
  if (!grid) throw new Error('grid missing');
  t.equal(grid.level, 'grid');
  t.equal(repos.units.getById(grid.id)?.code, 'D01-T2-V1-G2');
  t.type(grid.population, 'number');
  t.same(repos.units.ancestors(grid.id).map((u) => u.code), ['D01', 'D01-T2', 'D01-T2-V1'], 'root first, not itself');
  t.same(repos.units.ancestors(d.district.id), []);
  t.equal(repos.units.getByCode('NOPE'), undefined);
  t.equal(repos.units.getById(99999), undefined);
});

t.test('descendants exclude the unit itself and can be limited to one level', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  t.equal(repos.units.descendants(d.district.id).length, 14);
  t.same(
    repos.units.descendants(d.townships[0].id, 'grid').map((u) => u.code),
    ['D01-T1-V1-G1', 'D01-T1-V1-G2', 'D01-T1-V2-G1', 'D01-T1-V2-G2'],
  );
  t.same(repos.units.descendants(d.townships[0].id, 'village').map((u) => u.code), ['D01-T1-V1', 'D01-T1-V2']);
  t.same(repos.units.descendants(d.grids[0].id), []);
  t.equal(repos.units.all().length, 15);
});

t.test('isWithin is true for the unit itself and anything below, false elsewhere', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  const [t1, t2] = d.townships;
  const g = d.grids[0];
  t.ok(repos.units.isWithin(g.id, g.id));
  t.ok(repos.units.isWithin(g.id, t1.id));
  t.ok(repos.units.isWithin(g.id, d.district.id));
  t.notOk(repos.units.isWithin(g.id, t2.id));
  t.notOk(repos.units.isWithin(t1.id, g.id), 'a parent is not within its child');
});

t.test('importUnits inserts parents first whatever the row order, within one transaction', async (t) => {
  const { repos } = testDb(t);
  const rows: UnitRow[] = [
    { code: 'X-1-1-1', name: '一号网格', parentCode: 'X-1-1', level: 'grid', population: 500, households: 160 },
    { code: 'X-1-1', name: '幸福村', parentCode: 'X-1', level: 'village', population: null, households: null },
    { code: 'X', name: '新区', parentCode: null, level: 'district', population: null, households: null },
    { code: 'X-1', name: '河东街道', parentCode: 'X', level: 'township', population: null, households: null },
  ];
  t.equal(repos.units.importUnits(rows), 4);
  const grid = repos.units.getByCode('X-1-1-1');
  t.same(repos.units.ancestors(grid?.id ?? -1).map((u) => u.code), ['X', 'X-1', 'X-1-1']);
  t.equal(grid?.population, 500);
  t.equal(grid?.households, 160);

  // A later import may hang new units under units already stored.
  t.equal(repos.units.importUnits([{ code: 'X-1-1-2', name: '二号网格', parentCode: 'X-1-1', level: 'grid', population: 10, households: 3 }]), 1);
  t.equal(repos.units.count(), 5);

  // An unknown parent rolls back the whole import.
  t.throws(
    () => repos.units.importUnits([
      { code: 'X-2', name: '河西街道', parentCode: 'X', level: 'township', population: null, households: null },
      { code: 'X-9-1', name: '孤村', parentCode: 'X-9', level: 'village', population: null, households: null },
    ]),
    UnitImportError,
  );
  t.equal(repos.units.getByCode('X-2'), undefined, 'nothing stored');
  t.equal(repos.units.count(), 5);
});
