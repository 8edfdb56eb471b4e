// The Fay–Herriot fit (docs/statistics.md#small-area-estimates) against R: metafor's rma(..., method = "REML") fits
// the same model (vi = ψ, one coefficient per township, no intercept) and gives σ²_u and β̂; the EBLUP, γ, the
// Prasad–Rao/Datta–Lahiri MSE and the clipped intervals are computed in the R script from σ²_u and the design by the
// hand formulas, with dense matrices (solve(X'V⁻¹X)), independently of the per-township sums the code uses.
import t from 'tap';
import type { Test } from 'tap';
import { fitFayHerriot, median, type AreaInput } from '../../../server/core/stats/fay-herriot.js';
import { mulberry32 } from '../../../server/core/stats/rng.js';
import { fitInR, type RFit } from '../../kit/fay-herriot-r.js';

/** Units of `townships` townships; n cycles through `sizes`; y = township level + true effect (sd `spread`) + noise. */
function dataset(seed: number, townships: number, sizes: number[], spread: number, scale: [number, number], level = 75): AreaInput<string>[] {
  const u = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const sd = scale[1] === 1 ? 0.45 : 30;
  return sizes.map((n, i) => {
    const group = `T${(i % townships) + 1}`;
    const base = (scale[1] === 1 ? level / 100 : level) + (i % townships) * (scale[1] === 1 ? 0.03 : 3);
    const y = n === 0 ? null : Math.min(scale[1], Math.max(scale[0], base + spread * normal() + (sd / Math.sqrt(n)) * normal()));
    // The unit's own SE is noisy (as from few interviews): the variance function smooths it.
    const se = n === 0 ? null : (sd * (0.8 + 0.4 * u())) / Math.sqrt(n);
    return { key: `G${String(i + 1).padStart(3, '0')}`, group, y, se, n };
  });
}

function compare(t: Test, ours: ReturnType<typeof fitFayHerriot<string>>, r: RFit, units: AreaInput<string>[]): void {
  if (!ours.fitted) {
    t.fail('no model');
    return;
  }
  t.ok(Math.abs(ours.model.c - r.c) < 1e-8 * Math.max(1, r.c), `c ${ours.model.c} vs R ${r.c}`);
  t.ok(Math.abs(ours.model.sigma2u - r.tau2) < 1e-8, `σ²_u ${ours.model.sigma2u} vs R ${r.tau2}`);
  t.same(Object.keys(ours.model.beta).sort(), Object.keys(r.beta).sort(), 'one β per township with a unit');
  for (const [k, b] of Object.entries(r.beta)) t.ok(Math.abs(ours.model.beta[k] - b) < 1e-8, `β ${k}: ${ours.model.beta[k]} vs ${b}`);
  t.equal(ours.estimates.size, r.units.size, 'an estimate for every unit with n ≥ 1');
  for (const u of units) {
    const mine = ours.estimates.get(u.key);
    const theirs = r.units.get(u.key);
    if (u.n === 0) {
      t.equal(mine, undefined, `${u.key} with n = 0 has no estimate`);
      continue;
    }
    if (!mine || !theirs) {
      t.fail(`${u.key} missing`);
      continue;
    }
    for (const f of ['value', 'mse', 'gamma', 'lo', 'hi'] as const) {
      t.ok(Math.abs(mine[f] - theirs[f]) < 1e-8, `${u.key} ${f}: ${mine[f]} vs R ${theirs[f]}`);
    }
  }
}

const SIZES = [0, 1, 2, 3, 5, 8, 10, 12, 13, 15, 20, 25, 30, 40, 60, 1, 2, 11, 14, 9, 16, 13, 0, 18, 22, 7, 13, 12, 50, 2];

t.test('ordinary data: σ²_u, β̂, EBLUP, γ, MSE and intervals match metafor and the hand formulas in R', async (t) => {
  const units = dataset(11, 4, SIZES, 6, [0, 100]);
  const ours = fitFayHerriot(units, [0, 100]);
  const r = fitInR(units, [0, 100]);
  t.ok(r.tau2 > 1, 'the data have real between-unit variance (not at the boundary)');
  compare(t, ours, r, units);
  if (ours.fitted) {
    t.ok(ours.model.iterations >= 2 && ours.model.iterations <= 100, `converged in ${ours.model.iterations} steps`);
    // Units with 0, 1 and 2 interviews: none, and the smallest weights.
    const g1 = ours.estimates.get('G002')?.gamma ?? NaN;
    const g60 = ours.estimates.get('G015')?.gamma ?? NaN;
    t.ok(g1 < g60, 'a unit with 1 interview keeps less of its own estimate than one with 60');
  }
});

t.test('rates on [0, 1] near the top: intervals clipped to the scale as in R', async (t) => {
  const units = dataset(5, 3, SIZES, 0.06, [0, 1], 93);
  const ours = fitFayHerriot(units, [0, 1]);
  const r = fitInR(units, [0, 1]);
  compare(t, ours, r, units);
  t.ok([...r.units.values()].some((e) => e.hi === 1), 'some interval reaches the scale and is clipped');
});

t.test('no between-unit variance: REML at the boundary, σ²_u = 0 and every γ = 0', async (t) => {
  // y = the township level plus a tenth of the sampling noise: far less spread than ψ implies.
  const units = dataset(3, 3, SIZES, 0, [0, 100]).map((u) => ({
    ...u,
    y: u.y === null ? null : 75 + (Number(u.group.slice(1)) - 1) * 3 + ((u.y - 75 - (Number(u.group.slice(1)) - 1) * 3) / 10),
  }));
  const ours = fitFayHerriot(units, [0, 100]);
  const r = fitInR(units, [0, 100]);
  t.equal(r.tau2, 0, 'R: REML at the boundary');
  compare(t, ours, r, units);
  if (ours.fitted) {
    t.equal(ours.model.sigma2u, 0);
    for (const e of ours.estimates.values()) t.equal(e.gamma, 0);
    // Every unit gets its township's β̂ (weighted by 1/ψ = n/c: the township's interview-weighted mean).
    const t1 = units.filter((u) => u.group === 'T1' && u.y !== null);
    const pooled = t1.reduce((s, u) => s + u.n * (u.y ?? 0), 0) / t1.reduce((s, u) => s + u.n, 0);
    t.ok(Math.abs(ours.model.beta.T1 - pooled) < 1e-9, 'β̂ at σ²_u = 0 is the interview-weighted township mean');
  }
});

t.test('no sampling variance to smooth (c = 0: most units answered alike): no model, never NaN', async (t) => {
  const units = Array.from({ length: 8 }, (_, i) => ({ key: i, group: i < 4 ? 'T1' : 'T2', y: i === 7 ? 0.9 : 1, se: i === 7 ? 0.05 : 0, n: 12 }));
  const fit = fitFayHerriot(units, [0, 1]);
  t.same(fit, { fitted: false, reason: 'too-few-units', c: 0 });
});

t.test('fewer than 5 units with 10 or more interviews: no model', async (t) => {
  const units = dataset(2, 2, [12, 30, 9, 9, 40, 3, 10, 0], 5, [0, 100]);
  t.same(fitFayHerriot(units, [0, 100]), { fitted: false, reason: 'too-few-units', c: null });
  const five = dataset(2, 2, [12, 30, 9, 9, 40, 3, 10, 10], 5, [0, 100]);
  t.equal(fitFayHerriot(five, [0, 100]).fitted, true, 'five such units suffice');
});

t.test('median is R’s', async (t) => {
  t.equal(median([3, 1, 2]), 2);
  t.equal(median([4, 1, 3, 2]), 2.5);
});
