// Laying out a simulated round: interview targets (a few grids under the minimum), exact allocation of a total,
// default levels and weak items for any district, phone outcomes with realistic response rates, and dates inside
// the round's period.
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { loadSurveyDirectory } from '../../../server/features/surveys/survey-files.js';
import { createRng } from '../../../server/core/stats/rng.js';
import { allocate, defaultLevel, gridTargets, itemShifts, unsuccessfulCalls } from '../../../server/demo/simulate/plan.js';
import { periodMonthIndex, periodWindow, randomTimeIn } from '../../../server/demo/simulate/timing.js';
import { aaporRates } from '../../../server/core/stats/aapor.js';

t.test('grid targets: most grids reach about their quota, about one in twenty stays under the minimum', async (t) => {
  const codes = Array.from({ length: 2000 }, (_, i) => `G${i}`);
  const targets = gridTargets(codes, 10, 5, createRng(1));
  const under = targets.filter((n) => n < 5).length / targets.length;
  t.ok(under > 0.03 && under < 0.07, `share under the minimum ${under}`);
  t.ok(targets.every((n) => n >= 1 && n <= 14));
  const mean = targets.reduce((s, n) => s + n, 0) / targets.length;
  t.ok(mean > 10 && mean < 12.5, `mean target ${mean}`);
  t.same(gridTargets(codes, 10, 5, createRng(1)), targets, 'deterministic');
});

t.test('allocate splits a total exactly, in proportion', async (t) => {
  t.same(allocate(10, [1, 1, 2]), [3, 2, 5]);
  t.same(allocate(7, [0, 0]), [4, 3]);
  t.same(allocate(0, [3, 4]), [0, 0]);
  const parts = allocate(1001, [3, 7, 11, 13]);
  t.equal(parts.reduce((s, p) => s + p, 0), 1001);
});

t.test('default levels and weak items are stable for a unit and differ between units', async (t) => {
  t.equal(defaultLevel('A-1', 'A', 3), defaultLevel('A-1', 'A', 3));
  t.not(defaultLevel('A-1', 'A', 3), defaultLevel('A-1', 'A', 4), 'drifts from month to month');
  const levels = Array.from({ length: 500 }, (_, i) => defaultLevel(`V${i % 50}-${i}`, `V${i % 50}`, 1));
  t.ok(levels.every((l) => l > 0.55 && l < 1));
  const survey = loadSurveyDirectory(paths.surveys)[0].survey;
  const a = itemShifts(survey, 'V1');
  t.same(itemShifts(survey, 'V1'), a);
  t.not(JSON.stringify(itemShifts(survey, 'V2')), JSON.stringify(a));
  t.equal(Object.values(a).filter((s) => s < -0.04).length >= 2, true, 'a village has weak items');
});

t.test('phone outcomes give response rates like real telephone polls', async (t) => {
  const rng = createRng(3);
  const counts = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
  const key = { partial: 'P', refusal: 'R', non_contact: 'NC', other: 'O', unknown_household: 'UH', unknown_other: 'UO', not_eligible: 'NE', complete: 'I' } as const;
  for (let grid = 0; grid < 200; grid++) {
    counts.I += 5;
    for (const d of unsuccessfulCalls(5, rng)) counts[key[d]]++;
  }
  const rates = aaporRates(counts);
  t.ok(rates.RR1 !== null && rates.RR1 > 0.2 && rates.RR1 < 0.4, `RR1 ${rates.RR1}`);
  t.ok(rates.COOP1 !== null && rates.COOP1 > 0.4 && rates.COOP1 < 0.7, `COOP1 ${rates.COOP1}`);
  t.same(unsuccessfulCalls(0, rng), []);
});

t.test('interview times fall inside the period, in waking hours, never after now', async (t) => {
  const now = new Date('2026-11-22T10:00:00+08:00');
  const past = periodWindow('2026-10', now);
  t.equal(new Date(past.start).toISOString(), '2026-09-30T16:00:00.000Z', 'China midnight of 1 October');
  t.equal(new Date(past.end).toISOString(), '2026-10-31T16:00:00.000Z');
  const current = periodWindow('2026-11', now);
  t.equal(current.end, now.getTime(), 'the current month stops at now');
  const half = periodWindow('2026-H1', now);
  t.equal(new Date(half.end).toISOString(), '2026-06-30T16:00:00.000Z');
  const rng = createRng(4);
  const times = Array.from({ length: 500 }, () => randomTimeIn(current, rng));
  t.ok(times.every((at) => at >= current.start && at < current.end), 'inside the window');
  const hours = times.map((at) => new Date(at + 8 * 3600_000).getUTCHours());
  t.ok(hours.every((h) => h >= 8 && h < 21), 'between 8:00 and 21:00 China time');
  t.equal(periodMonthIndex('2026-10') + 1, periodMonthIndex('2026-11'));
});
