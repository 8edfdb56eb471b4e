import t from 'tap';
import { aaporRates } from '../../../server/core/stats/index.js';

const close = (a: number | null, b: number, tol = 1e-9) => a !== null && Math.abs(a - b) <= tol;
const standard = { I: 400, P: 30, R: 250, NC: 180, O: 20, UH: 600, UO: 50, NE: 470 };

t.test('AAPOR rates reproduce the standard values of docs/statistics.md#standard-values', async (t) => {
  const r = aaporRates(standard);
  t.ok(close(r.RR1, 0.2614379085));
  t.ok(close(r.RR3, 0.3068181818));
  t.ok(close(r.RR6, 0.4886363636));
  t.ok(close(r.COOP1, 0.5714285714));
  t.ok(close(r.REF2, 0.1917613636));
  t.ok(close(r.CON3, 0.7954545455));
  t.ok(close(r.e, 880 / 1350));
  t.same(r.counts, standard);
});

t.test('every rate from the AAPOR Standard Definitions formulas, worked by hand', async (t) => {
  // I+P = 430; known eligible I+P+R+NC+O = 880; + UH + UO = 1530; with e = 880/1350: 880 + e·650 = 1303.7037…
  const r = aaporRates(standard);
  const est = 880 + (880 / 1350) * 650;
  const expected = {
    RR1: 400 / 1530, RR2: 430 / 1530, RR3: 400 / est, RR4: 430 / est, RR5: 400 / 880, RR6: 430 / 880,
    COOP1: 400 / 700, COOP2: 430 / 700, COOP3: 400 / 680, COOP4: 430 / 680,
    REF1: 250 / 1530, REF2: 250 / est, REF3: 250 / 880,
    CON1: 700 / 1530, CON2: 700 / est, CON3: 700 / 880,
  };
  for (const key of Object.keys(expected) as Array<keyof typeof expected>) {
    t.ok(close(r[key], expected[key], 1e-15), key);
  }
});

t.test('a round may set e; RR3 then uses it', async (t) => {
  const r = aaporRates(standard, 0.5);
  t.equal(r.e, 0.5);
  t.ok(close(r.RR3, 400 / (880 + 325), 1e-15));
  t.equal(aaporRates(standard, null).e, 880 / 1350);
  t.throws(() => aaporRates(standard, 1.5), RangeError);
  t.throws(() => aaporRates({ ...standard, R: -1 }), RangeError);
});

t.test('no calls at all: every rate is null (0/0), e falls back to 1', async (t) => {
  const r = aaporRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });
  t.equal(r.e, 1);
  for (const key of ['RR1', 'RR3', 'RR6', 'COOP1', 'COOP4', 'REF2', 'CON3'] as const) t.equal(r[key], null, key);
});

t.test('only unknown-eligibility numbers: RR1 is 0, RR5/RR6 undefined', async (t) => {
  const r = aaporRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 12, UO: 3, NE: 0 });
  t.equal(r.RR1, 0);
  t.equal(r.RR3, 0);
  t.equal(r.RR5, null);
  t.equal(r.COOP1, null);
});
