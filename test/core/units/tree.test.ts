// The in-memory unit tree answers what the repositories used to ask the database one ancestor at a time.
import t from 'tap';
import { UnitTreeIndex } from '../../../server/core/units/tree.js';
import type { Unit, UnitLevel } from '../../../server/core/units/unit.js';

function unit(id: number, code: string, parentId: number | null, level: UnitLevel): Unit {
  return { id, code, name: code, parentId, level, population: null, households: null };
}

// Given out of order, to show the index does not rely on the order of its input.
const UNITS: Unit[] = [
  unit(6, 'D-T1-V1-G2', 4, 'grid'),
  unit(1, 'D', null, 'district'),
  unit(5, 'D-T1-V1-G1', 4, 'grid'),
  unit(3, 'D-T2', 1, 'township'),
  unit(2, 'D-T1', 1, 'township'),
  unit(4, 'D-T1-V1', 2, 'village'),
  unit(7, 'D-T2-V1', 3, 'village'),
];

t.test('ancestors root first, descendants by code, grids under a unit', async (t) => {
  const tree = new UnitTreeIndex(UNITS);
  t.same(tree.ancestors(6).map((u) => u.code), ['D', 'D-T1', 'D-T1-V1']);
  t.same(tree.ancestors(1), [], 'the root has none');
  t.same(tree.ancestors(99), [], 'an unknown unit has none');
  t.same(tree.descendants(1).map((u) => u.code), ['D-T1', 'D-T1-V1', 'D-T1-V1-G1', 'D-T1-V1-G2', 'D-T2', 'D-T2-V1']);
  t.same(tree.descendants(1, 'grid').map((u) => u.id), [5, 6]);
  t.same(tree.gridsUnder(2).map((u) => u.id), [5, 6]);
  t.same(tree.gridsUnder(5).map((u) => u.id), [5], 'a grid is its own only grid');
  t.same(tree.gridsUnder(3), [], 'a township without grids');
  t.same(tree.children(4).map((u) => u.code), ['D-T1-V1-G1', 'D-T1-V1-G2']);
  t.same(tree.roots().map((u) => u.id), [1]);
  t.same(tree.all().map((u) => u.id), [1, 2, 4, 5, 6, 3, 7], 'everything by code');
  t.equal(tree.size, 7);
});

t.test('isWithin: the unit itself and everything below, nothing beside or above', async (t) => {
  const tree = new UnitTreeIndex(UNITS);
  t.ok(tree.isWithin(6, 6));
  t.ok(tree.isWithin(6, 4));
  t.ok(tree.isWithin(6, 1));
  t.notOk(tree.isWithin(6, 3), 'another township');
  t.notOk(tree.isWithin(1, 6), 'above is not within');
  t.notOk(tree.isWithin(99, 1), 'an unknown unit');
});

t.test('codes typed by a user are looked up in a Map: prototype names are unknown codes', async (t) => {
  const tree = new UnitTreeIndex(UNITS);
  for (const code of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']) t.equal(tree.byCode(code), undefined, code);
  t.equal(tree.byCode('D-T1')?.id, 2);
  const odd = new UnitTreeIndex([unit(1, 'constructor', null, 'village'), unit(2, '__proto__', 1, 'grid')]);
  t.equal(odd.byCode('__proto__')?.id, 2, 'a unit may even be coded like that');
  t.same(odd.ancestors(2).map((u) => u.code), ['constructor']);
});

t.test('units handed out are frozen: one caller cannot change another caller\'s tree', async (t) => {
  const tree = new UnitTreeIndex(UNITS);
  const grid = tree.byId(5);
  t.ok(grid && Object.isFrozen(grid));
  t.throws(() => {
    if (grid) Object.assign(grid, { population: 1 });
  });
  t.equal(tree.byId(5)?.population, null);
});
