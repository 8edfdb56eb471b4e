// The sweep's coverage of the roster: "x / y 户（z%）" with the roster as the one denominator, and the grids folded
// under their villages and townships with subtotals.
import t from 'tap';
import { coverageByArea, coverageByUnitCode, coverageOf, coverageText } from '../../../server/core/results/sweep-coverage.js';
import { emptyDispositionCounts } from '../../../server/core/calls/final-disposition.js';
import type { Unit, UnitLevel } from '../../../server/core/units/unit.js';
import type { SweepLine } from '../../../server/core/results/sweep-progress.js';

const unit = (id: number, code: string, level: UnitLevel, parentId: number | null): Unit =>
  ({ id, code, name: code, level, parentId, population: null, households: null });
const line = (roster: number, completed: number): SweepLine =>
  ({ roster, target: roster, attempted: completed, completed, completion: null, dispositions: { ...emptyDispositionCounts(), complete: completed } });

t.test('the share is of the roster, one decimal; no roster, no share', async (t) => {
  t.equal(coverageText(coverageOf({ completed: 18, roster: 18398 })), '18 / 18398 户（0.1%）');
  t.equal(coverageText(coverageOf({ completed: 2, roster: 3 })), '2 / 3 户（66.7%）');
  t.equal(coverageText(coverageOf({ completed: 0, roster: 0 })), '0 / 0 户（—）');
});

t.test('grids fold under villages and townships, each with the sum of what lies under it', async (t) => {
  const units = [unit(1, 'T1', 'township', null), unit(2, 'T1-V1', 'village', 1), unit(3, 'T1-V2', 'village', 1),
    unit(4, 'T1-V1-G1', 'grid', 2), unit(5, 'T1-V1-G2', 'grid', 2), unit(6, 'T1-V2-G1', 'grid', 3)];
  const byId = new Map(units.map((u) => [u.id, u]));
  const grids = [[4, line(10, 4)], [5, line(5, 1)], [6, line(3, 3)]] as const;
  const areas = coverageByArea(grids.map(([id, l]) => ({ grid: byId.get(id) as Unit, line: l })), (u) => (u.parentId === null ? undefined : byId.get(u.parentId)));
  t.same(areas.map((a) => a.unit.code), ['T1']);
  t.same(areas[0].children.map((v) => [v.unit.code, v.line.roster, v.line.completed]), [['T1-V1', 15, 5], ['T1-V2', 3, 3]]);
  t.equal(areas[0].line.completed, 8);
  t.equal(areas[0].line.dispositions.complete, 8, 'dispositions add up too');
  const byCode = coverageByUnitCode(areas);
  t.equal(coverageText(byCode.get('T1') ?? coverageOf({ completed: -1, roster: 0 })), '8 / 18 户（44.4%）');
  t.equal(byCode.get('T1-V1-G2')?.completed, 1);
});
