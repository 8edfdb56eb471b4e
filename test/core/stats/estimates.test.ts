import t from 'tap';
import {
  estimateMean,
  estimateRate,
  meanFromRecords,
  rateFromRecords,
  type GridItemSums,
  type ItemRecord,
  type MeanEstimate,
} from '../../../server/core/stats/index.js';
import { gridSums, grids, k, records, s, seeded, weightOf, y } from './fixtures/three-grids.js';

const close = (a: number | null, b: number, tol = 1e-9) => a !== null && Math.abs(a - b) <= tol;

t.test('the one-grid standard example: m = 55, n_eff = 4.878048780488, SE = 12.733813254481', async (t) => {
  const ys = [0, 25, 50, 75, 100, 100];
  const gs = [1, 2, 3, 2, 0.5, 1.5];
  const est = meanFromRecords(ys.map((v, i) => ({ y: v, g: gs[i], grid: 'only' })));
  t.ok(close(est.value, 55), `m = ${est.value}`);
  t.ok(close(est.nEff, 4.878048780488), `n_eff = ${est.nEff}`);
  t.ok(close(est.se, 12.733813254481), `SE = ${est.se}`);
  t.equal(est.n, 6);
  t.equal(est.W, 10);
  // interval m ± t(0.975, 5)·SE, t(0.975, 5) = 2.5705818356363137 (R qt)
  t.ok(close(est.lo, 55 - 2.5705818356363137 * 12.733813254481, 1e-8));
  t.ok(close(est.hi, 55 + 2.5705818356363137 * 12.733813254481, 1e-8));
});

/*
 * Expected values below come from R 4 with survey 4.1.1, independently of this code (script kept in full):
 *
 *   library(survey)
 *   f <- function(x) sprintf("%.15g", x)
 *   d <- data.frame(
 *     grid = c(rep("A", 6), rep("B", 4), rep("C", 8)),
 *     y  = c(100, 80, 80, 50, 100, 20,   50, 100, 80, 80,   0, 20, 50, 80, 100, 100, 80, 50),
 *     s  = c(100, NA, 67, 67, 33, 100,   NA, 100, 67, NA,   0, 33, 67, 100, NA, 67, 100, 33),  # NA = 不了解
 *     k  = c(1, 1, 0, 1, NA, 1,   1, 0, 1, 1,   0, 1, 1, NA, 1, 0, 1, 1))                     # NA = not asked
 *   d$sdk <- as.numeric(is.na(d$s))
 *   pop <- data.frame(grid = c("A", "B", "C"), Freq = c(1200, 300, 2500))
 *   d$g <- pop$Freq[match(d$grid, pop$grid)] / as.vector(table(d$grid)[d$grid])   # n_h = ALL respondents
 *   # (1) a post-stratified mean, nothing missing
 *   des <- postStratify(svydesign(ids = ~1, weights = ~g, data = d), ~grid, population = pop)
 *   m <- svymean(~y, des); confint(m, df = degf(des))                 # 64.8125, 8.61098205482565, df 17
 *   # (2) a rate (y >= 80) with Wilson's interval on Kish's n_eff
 *   d$r <- as.numeric(d$y >= 80)
 *   des <- postStratify(svydesign(ids = ~1, weights = ~g, data = d), ~grid, population = pop)
 *   mr <- svymean(~r, des); w <- weights(des); neff <- sum(w)^2 / sum(w^2)
 *   z <- qnorm(0.975); p <- coef(mr)[[1]]
 *   (p + z^2/(2*neff)) / (1 + z^2/neff) + c(-1, 1) * z / (1 + z^2/neff) * sqrt(p*(1-p)/neff + z^2/(4*neff^2))
 *   # (3) items with missing answers. svymean(..., na.rm = TRUE) on the full post-stratified design would
 *   # post-stratify the residuals over ALL respondents of a grid (a ratio estimator), not our SE, which takes
 *   # residuals from the grid mean among the item's valid answers; survey reproduces that on a design of the valid
 *   # answers whose weights stay g (post-stratified to the weight each grid already carries), and the script checks
 *   # it against docs/statistics.md#means typed out by hand:
 *   by_hand <- function(v) {
 *     ok <- !is.na(v); gm <- ave(v[ok], d$grid[ok]); W <- sum(d$g[ok]); n <- sum(ok)
 *     c(mean = sum(d$g[ok] * v[ok]) / W, se = sqrt(n / (n - 1) * sum(d$g[ok]^2 * (v[ok] - gm)^2)) / W) }
 *   item_svy <- function(var) {
 *     dv <- d[!is.na(d[[var]]), ]
 *     popv <- aggregate(dv$g, list(grid = dv$grid), sum); names(popv)[2] <- "Freq"
 *     des <- postStratify(svydesign(ids = ~1, weights = ~g, data = dv), ~grid, population = popv)
 *     m <- svymean(as.formula(paste0("~", var)), des); w <- weights(des)
 *     list(mean = coef(m)[[1]], se = SE(m)[[1]], n = nrow(dv), neff = sum(w)^2 / sum(w^2),
 *          ci = confint(m, df = degf(des))) }
 *   for (var in c("s", "k")) { r <- item_svy(var); h <- by_hand(d[[var]])
 *     stopifnot(isTRUE(all.equal(unname(h), c(r$mean, r$se), tolerance = 1e-13))); print(r) }
 *   svymean(~sdk, svydesign(ids = ~1, weights = ~g, data = d))   # don't-know share of s: 0.165625
 *   # Wilson for k as in (2) with p = item_svy("k")$mean, neff = item_svy("k")$neff
 */

t.test('a three-grid post-stratified mean matches R survey (postStratify + svymean)', async (t) => {
  const recs = records(y, false);
  for (const [label, est] of [
    ['grid sums', estimateMean(gridSums(recs))],
    ['records', meanFromRecords(recs)],
  ] as const) {
    t.ok(close(est.value, 64.8125), `${label}: mean ${est.value}`);
    t.ok(close(est.se, 8.61098205482565), `${label}: SE ${est.se}`);
    t.ok(close(est.lo, 46.6449159202857) && close(est.hi, 82.9800840797143), `${label}: [${est.lo}, ${est.hi}]`);
    t.equal(est.n, 18);
    t.equal(est.W, 4000);
    t.equal(est.dontKnow, 0);
  }
});

t.test('a rate: same estimate and SE, Wilson interval on Kish n_eff, matching R', async (t) => {
  const recs = records(y.map((v) => (v >= 80 ? 1 : 0)), false);
  for (const est of [estimateRate(gridSums(recs)), rateFromRecords(recs)]) {
    t.ok(close(est.value, 0.56875));
    t.ok(close(est.se, 0.129358747913563));
    t.ok(close(est.nEff, 15.3293413173653));
    t.ok(close(est.lo, 0.33285256980042) && close(est.hi, 0.777095080582371), `[${est.lo}, ${est.hi}]`);
  }
});

t.test('an item with don\'t-knows: excluded from the score, counted in the weighted don\'t-know share', async (t) => {
  const recs = records(s, true);
  for (const est of [estimateMean(gridSums(recs)), meanFromRecords(recs)]) {
    t.ok(close(est.value, 63.1985018726592));
    t.ok(close(est.se, 9.52635210620371));
    t.ok(close(est.lo, 42.6180693719884) && close(est.hi, 83.77893437333), `[${est.lo}, ${est.hi}]`);
    t.equal(est.n, 14);
    t.ok(close(est.nEff, 12.4478784704034));
    t.ok(close(est.dontKnow, 0.165625), `don't know ${est.dontKnow}`);
  }
});

t.test('a rate with an unasked question: not a don\'t-know, not in the denominator', async (t) => {
  const recs = records(k, false);
  for (const est of [estimateRate(gridSums(recs)), rateFromRecords(recs)]) {
    t.ok(close(est.value, 0.741935483870968));
    t.ok(close(est.se, 0.124142426946603));
    t.equal(est.n, 16);
    t.ok(close(est.nEff, 13.4231764097258));
    t.ok(close(est.lo, 0.474796061182916) && close(est.hi, 0.901411444672785), `[${est.lo}, ${est.hi}]`);
    t.equal(est.dontKnow, 0);
  }
});

t.test('one grid reduces to s/√n with equal weights', async (t) => {
  const ys = [20, 50, 80, 100, 100];
  const est = estimateMean([{ weight: 1, n: 5, sum: 350, sumSq: ys.reduce((a, v) => a + v * v, 0), dontKnow: 0 }]);
  const mean = 70;
  const sd = Math.sqrt(ys.reduce((a, v) => a + (v - mean) ** 2, 0) / 4);
  t.ok(close(est.value, 70));
  t.ok(close(est.se, sd / Math.sqrt(5), 1e-12));
  t.ok(close(est.nEff, 5));
});

t.test('no valid answer gives nulls; one valid answer gives a value without SE', async (t) => {
  const none = estimateMean([{ weight: 3, n: 0, sum: 0, sumSq: 0, dontKnow: 2 }]);
  t.same(none, { value: null, se: null, lo: null, hi: null, n: 0, nEff: 0, dontKnow: 1, W: 0 });
  t.same(estimateMean([]), { value: null, se: null, lo: null, hi: null, n: 0, nEff: 0, dontKnow: 0, W: 0 });
  t.equal(estimateRate([]).value, null);
  t.equal(estimateRate([]).lo, null);

  const one = estimateMean([
    { weight: 2, n: 1, sum: 80, sumSq: 6400, dontKnow: 0 },
    { weight: 5, n: 0, sum: 0, sumSq: 0, dontKnow: 1 },
  ]);
  t.equal(one.value, 80);
  t.equal(one.se, null);
  t.equal(one.lo, null);
  t.equal(one.hi, null);
  t.ok(close(one.dontKnow, 5 / 7));
  t.same(meanFromRecords([{ y: 80, g: 2, grid: 1 }]), { ...one, dontKnow: 0 });

  // a rate with one answer still has Wilson's interval (n_eff = 1), but no SE
  const rate = estimateRate([{ weight: 4, n: 1, sum: 1, sumSq: 1, dontKnow: 0 }]);
  t.equal(rate.value, 1);
  t.equal(rate.se, null);
  t.equal(rate.hi, 1);
  t.ok(rate.lo !== null && rate.lo > 0 && rate.lo < 0.5);
});

t.test('a grid where everyone gave the same answer contributes no variance (no negative rounding)', async (t) => {
  const est = estimateMean([
    { weight: 1.7, n: 3, sum: 3 * 66.7, sumSq: 3 * 66.7 * 66.7, dontKnow: 0 },
    { weight: 0.9, n: 2, sum: 2 * 33.3, sumSq: 2 * 33.3 * 33.3, dontKnow: 0 },
  ]);
  t.ok(est.se !== null && est.se >= 0 && est.se < 1e-6, `SE ${est.se}`);
});

t.test('grid sums and records agree on random post-stratified data with don\'t-knows', async (t) => {
  const random = seeded(20240601);
  for (let round = 0; round < 25; round++) {
    const recs: ItemRecord[] = [];
    const gridCount = 1 + Math.floor(random() * 12);
    for (let h = 0; h < gridCount; h++) {
      const n = 1 + Math.floor(random() * 30);
      const g = (50 + random() * 2000) / n;
      for (let i = 0; i < n; i++) {
        const u = random();
        if (u < 0.1) recs.push({ y: null, g, grid: h, excluded: true });
        else if (u < 0.15) recs.push({ y: null, g, grid: h });
        else recs.push({ y: [0, 20, 50, 80, 100][Math.floor(random() * 5)], g, grid: h });
      }
    }
    const agg = estimateMean(gridSums(recs));
    const ref = meanFromRecords(recs);
    const same = (a: MeanEstimate, b: MeanEstimate) =>
      (['value', 'se', 'lo', 'hi', 'nEff', 'dontKnow', 'W'] as const).every((key) => {
        const x = a[key];
        const z = b[key];
        return x === null || z === null ? x === z : Math.abs(x - z) <= 1e-9 * Math.max(1, Math.abs(z));
      }) && a.n === b.n;
    t.ok(same(agg, ref), `round ${round}: ${JSON.stringify(agg)} vs ${JSON.stringify(ref)}`);
    const binary = recs.map((r) => ({ ...r, y: r.y === null ? null : r.y >= 80 ? 1 : 0 }));
    t.ok(same(estimateRate(gridSums(binary)), rateFromRecords(binary)), `rate, round ${round}`);
  }
});

t.test('fixtures use g = N_h / n_h over all respondents of the grid', async (t) => {
  t.same([weightOf('A'), weightOf('B'), weightOf('C')], [200, 75, 312.5]);
  t.equal(grids.length, y.length);
  const sums: GridItemSums[] = gridSums(records(s, true));
  t.same(
    sums.map((h) => [h.n, h.dontKnow]),
    [
      [5, 1],
      [2, 2],
      [7, 1],
    ],
  );
});
