// AAPOR per unit and per interviewer from the final-attempt rows, against docs/statistics.md#standard-values.
import t, { type Test } from 'tap';
import { aaporByInterviewer, aaporByUnit, aaporCountsOf } from '../../../server/core/calls/aapor-breakdown.js';
import type { FinalDispositionRow } from '../../../server/core/calls/final-disposition.js';
import type { Unit } from '../../../server/core/units/unit.js';

const unit = (id: number, code: string, level: Unit['level'], parentId: number | null): Unit =>
  ({ id, code, name: code, level, parentId, population: null, households: null });
const UNITS = [
  unit(1, 'D', 'district', null), unit(2, 'D-T1', 'township', 1), unit(3, 'D-T1-V1', 'village', 2),
  unit(4, 'D-T1-V1-G1', 'grid', 3), unit(5, 'D-T1-V1-G2', 'grid', 3), unit(6, 'D-T2', 'township', 1),
  unit(7, 'D-T2-V1', 'village', 6), unit(8, 'D-T2-V1-G1', 'grid', 7),
];

// The standard case: I=400 P=30 R=250 NC=180 O=20 UH=600 UO=50 NE=470, split over two grids, all by interviewer 11.
const STANDARD: Array<[string, number]> = [
  ['complete', 400], ['partial', 30], ['refusal', 250], ['non_contact', 180], ['other', 20],
  ['unknown_household', 600], ['unknown_other', 50], ['not_eligible', 470],
];
function standardRows(): FinalDispositionRow[] {
  return STANDARD.flatMap(([disposition, n]) => [
    { gridId: 4, interviewerId: 11, disposition, n: Math.floor(n / 2) },
    { gridId: 5, interviewerId: 11, disposition, n: n - Math.floor(n / 2) },
  ]);
}

const close = (t: Test, actual: number | null, expected: number, name: string) =>
  t.ok(actual !== null && Math.abs(actual - expected) < 5e-11, `${name}: ${actual} ≈ ${expected}`);

t.test('one interviewer with the standard counts reproduces the standard rates', async (t) => {
  const rows = [...standardRows(), { gridId: 8, interviewerId: 12, disposition: 'complete', n: 3 }, { gridId: 8, interviewerId: 12, disposition: 'refusal', n: 1 }];
  const [a, b] = aaporByInterviewer(rows, null);
  t.equal(a.interviewerId, 11);
  t.equal(a.cases, 2000);
  close(t, a.rates.RR1, 0.2614379085, 'RR1');
  close(t, a.rates.RR3, 0.3068181818, 'RR3');
  close(t, a.rates.RR6, 0.4886363636, 'RR6');
  close(t, a.rates.COOP1, 0.5714285714, 'COOP1');
  close(t, a.rates.REF2, 0.1917613636, 'REF2');
  close(t, a.rates.CON3, 0.7954545455, 'CON3');
  t.equal(b.interviewerId, 12);
  t.equal(b.rates.RR1, 3 / 4, '3 completes of 4 cases');
  t.equal(b.rates.COOP1, 3 / 4);
});

t.test('units sum their grids; a township with one village has that village\'s rates; tree order', async (t) => {
  const rows = [...standardRows(), { gridId: 8, interviewerId: null, disposition: 'non_contact', n: 2 }];
  const units = aaporByUnit(UNITS, rows, null);
  t.same(units.map((u) => u.unit.code), ['D-T1', 'D-T1-V1', 'D-T1-V1-G1', 'D-T1-V1-G2', 'D-T2', 'D-T2-V1', 'D-T2-V1-G1']);
  const t1 = units[0];
  t.equal(t1.cases, 2000);
  close(t, t1.rates.RR3, 0.3068181818, 'township RR3');
  t.same(units[1].rates, t1.rates, 'the village equals its township');
  t.equal(units[2].cases + units[3].cases, 2000);
  t.equal(units[4].rates.RR1, 0, 'two non-contacts: no response');
  t.equal(units[4].rates.CON1, 0);
});

t.test('the round\'s total is the same mapping as per unit', async (t) => {
  t.same(aaporCountsOf({ complete: 400, partial: 30, refusal: 250, non_contact: 180, other: 20, unknown_household: 600, unknown_other: 50, not_eligible: 470 }),
    { I: 400, P: 30, R: 250, NC: 180, O: 20, UH: 600, UO: 50, NE: 470 });
  t.same(aaporCountsOf({}), { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });
});
