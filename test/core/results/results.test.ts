// A round's results against values computed independently in R (survey package for item means and rates; the
// composite and the mean index by linearisation written from docs/statistics.md). Runs through the real repositories, so
// the SQL aggregation is checked along with the domain code.
//
// The R script (Rscript, survey 4.x), data as in kit.ts R_DATA, populations G1..G4 = 1000, 2000, 1500, 500:
//
//   library(survey)
//   d <- data.frame(grid = c(rep("G1",6), rep("G2",4), rep("G3",5), rep("G4",3)),
//     q1 = c("A","B","C","A","X","D", "B","B","C","E", "A","A","B","X","C", "D","C","B"),
//     q2 = c("A","B","B","X","A","C", "B","A","C","B", "A","A","A","B","X", "C","B","B"),
//     q3 = c("Y","N","Y","Y","Y","N", "N","N","Y","N", "Y","Y","Y","N","Y", "N","Y","N"),
//     k1 = c("A","A","B","A","X","A", "A","B","B","A", "A","A","A","A","C", "B","A","X"), stringsAsFactors = FALSE)
//   pop <- c(G1=1000, G2=2000, G3=1500, G4=500)
//   s1 <- c(A=100,B=80,C=50,D=20,E=0); s2 <- c(A=100,B=60,C=0); s3 <- c(Y=100,N=0)
//   d$y1 <- unname(s1[d$q1]); d$y2 <- unname(s2[d$q2]); d$y3 <- unname(s3[d$q3])
//   d$r1 <- ifelse(d$q1 == "X", NA, ifelse(d$q1 %in% c("A","B"), 1, 0)); d$kc <- ifelse(d$k1 == "A", 1, 0)
//   wilson <- function(p, n, z = qnorm(0.975)) { c2 <- z^2/n
//     c((p + c2/2 - z*sqrt(p*(1-p)/n + c2/4/n))/(1+c2), (p + c2/2 + z*sqrt(p*(1-p)/n + c2/4/n))/(1+c2)) }
//   unit <- function(grids) {
//     u <- d[d$grid %in% grids, ]; nh <- table(u$grid); u$g <- unname(pop[u$grid] / nh[u$grid])
//     item <- function(y, rate = FALSE) {              # valid answers only, post-stratified to their grid weights
//       ok <- !is.na(y); v <- u[ok, ]; v$y <- y[ok]; tot <- tapply(v$g, v$grid, sum)
//       des <- postStratify(svydesign(ids = ~1, weights = ~g, data = v), ~grid,
//                           data.frame(grid = names(tot), Freq = as.vector(tot)))
//       est <- svymean(~y, des); m <- coef(est)[[1]]; se <- SE(est)[[1]]; n <- nrow(v)
//       ci <- if (rate) wilson(m, sum(v$g)^2 / sum(v$g^2)) else m + c(-1, 1) * qt(0.975, n - 1) * se
//       print(c(m, se, ci, n, sum(u$g[!ok]) / sum(u$g))); list(m = m, W = sum(v$g))
//     }
//     i1 <- item(u$y1); ir <- item(u$r1, TRUE); i2 <- item(u$y2); i3 <- item(u$y3); ik <- item(u$kc, TRUE)
//     lin <- function(cols, coefs) {                   # C = sum a_k m_k, z_i = sum_k a_k [i in V_k] g_i e_ik / W_k
//       value <- 0; z <- rep(0, nrow(u))
//       for (j in seq_along(cols)) { y <- cols[[j]]$y; it <- cols[[j]]$it; ok <- !is.na(y)
//         value <- value + coefs[j] * it$m; gm <- tapply(y[ok], u$grid[ok], mean)
//         z <- z + coefs[j] * ifelse(ok, u$g * (y - gm[u$grid]), 0) / it$W }
//       n <- nrow(u); se <- sqrt(n / (n - 1) * sum(z^2)); print(c(value, se, value + c(-1, 1) * qt(0.975, n - 1) * se))
//     }
//     ir100 <- ir; ir100$m <- 100 * ir$m
//     lin(list(list(y = u$y2, it = i2), list(y = u$y3, it = i3)), c(0.5, 0.5))
//     lin(list(list(y = u$y1, it = i1), list(y = 100 * u$r1, it = ir100), list(y = u$y2, it = i2),
//              list(y = u$y3, it = i3)), c(0.5, 0.2, 0.15, 0.15))
//   }
//   unit(c("G1","G2","G3","G4")); unit(c("G1","G2")); unit("G1"); unit("G4")
import t, { type Test } from 'tap';
import { testDb } from '../../kit/app.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import type { Estimate } from '../../../server/core/results/types.js';
import { R_DATA, answerGrids, screenOut, smallRound } from '../../kit/results-domain.js';

type Expected = [value: number, se: number, lo: number, hi: number, n?: number, dontKnow?: number];

function near(t: Test, actual: number | null, expected: number, what: string): void {
  const ok = actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  t.ok(ok, `${what}: ${actual} ≈ ${expected}`);
}

/**
 * R prints the unclipped t interval; SafePoll publishes it clipped to the scale (docs/statistics.md#intervals), so the
 * expected bounds are R's, moved onto [0, top] (top 100 for scores, 1 for rates).
 */
function check(t: Test, e: Estimate | null | undefined, x: Expected, what: string, top = 100): void {
  if (!e) {
    t.fail(`${what} missing`);
    return;
  }
  near(t, e.value, x[0], `${what} value`);
  near(t, e.se, x[1], `${what} se`);
  near(t, e.lo, Math.max(0, x[2]), `${what} lo`);
  near(t, e.hi, Math.min(top, x[3]), `${what} hi`);
  if (x[4] !== undefined) t.equal(e.n, x[4], `${what} n`);
  if (x[5] !== undefined) near(t, e.dontKnow, x[5], `${what} don't-know share`);
}

interface UnitExpectation {
  q1: Expected;
  rate: Expected;
  q2: Expected;
  q3: Expected;
  knowledge: Expected;
  mean: Expected;
  composite: Expected;
}

const EXPECTED: Record<string, UnitExpectation> = {
  D01: {
    q1: [63.3823529412, 8.53296072211, 45.1947776877, 81.5699281946, 16, 0.0933333333333],
    rate: [0.566176470588, 0.138457615687, 0.313815673942, 0.78832801942, 16, 0.0933333333333],
    q2: [64.2647058824, 9.21579057096, 44.6217132579, 83.9076985068, 16, 0.0933333333333],
    q3: [50.6666666667, 11.5514195715, 26.2953017086, 75.0380316248, 18, 0],
    knowledge: [0.606666666667, 0.126453897667, 0.361167323787, 0.807981174243, 18],
    mean: [57.4656862745, 5.85968589056, 45.1028297014, 69.8285428476],
    composite: [60.2544117647, 7.36266345654, 44.7205497098, 75.7882738197, 18],
  },
  'D01-T1': {
    q1: [57.6470588235, 12.9791388383, 27.7171109911, 87.5770066559, 9, 0.0555555555556],
    rate: [0.529411764706, 0.199263349247, 0.222408714518, 0.815665209718, 9],
    q2: [57.6470588235, 14.312080217, 24.6433426597, 90.6507749874, 9, 0.0555555555556],
    q3: [38.8888888889, 16.6495110608, 1.22507818558, 76.5526995922, 10],
    knowledge: [0.555555555556, 0.188246304716, 0.249994659649, 0.824179951477, 10],
    mean: [48.2679738562, 6.50804531917, 33.5457525216, 62.9901951908],
    composite: [53.8921568627, 10.8036511287, 29.4526000776, 78.3317136479, 10],
  },
  'D01-T1-V1-G1': {
    q1: [70, 15.4919333848, 26.9874973836, 113.012502616, 5, 0.166666666667],
    rate: [0.6, 0.244948974278, 0.230724281276, 0.882379225767, 5],
    q2: [64, 18.3303027798, 13.1069205702, 114.89307943, 5],
    q3: [66.6666666667, 21.0818510678, 12.4740432502, 120.859290083, 6],
    knowledge: [0.666666666667, 0.210818510678, 0.299993315138, 0.903228588894, 6],
    mean: [65.3333333333, 18.1038976773, 18.7957828098, 111.870883857],
    composite: [66.6, 15.8958610965, 25.7383882035, 107.461611797, 6],
  },
  'D01-T2-V1-G2': {
    q1: [50, 17.3205080757, -24.5241313525, 124.524131353, 3, 0],
    rate: [0.333333333333, 0.333333333333, 0.0614919447204, 0.792340399198, 3],
    q2: [40, 20, -46.053054595, 126.053054595, 3],
    q3: [33.3333333333, 33.3333333333, -110.088424325, 176.755090992, 3],
    knowledge: [0.333333333333, 0.333333333333, 0.0614919447204, 0.792340399198, 3],
    mean: [36.6666666667, 23.3333333333, -63.7285636942, 137.061897027],
    composite: [42.6666666667, 17.3237152802, -31.8712641733, 117.204597507, 3],
  },
};

t.test('estimates of every level match R', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  screenOut(repos, s, s.grids[0]);
  const results = getRoundResults(repos, s.round);

  for (const [code, x] of Object.entries(EXPECTED)) {
    const u = results.units[code];
    t.ok(u, `${code} in the results`);
    check(t, u.items.Q1, x.q1, `${code} Q1`);
    check(t, u.indices.a, x.q1, `${code} index a (item Q1)`);
    check(t, u.indices.b, x.rate, `${code} rate b`, 1);
    check(t, u.items.Q2, x.q2, `${code} Q2`);
    check(t, u.items.Q3, x.q3, `${code} Q3`);
    check(t, u.knowledge, x.knowledge, `${code} 应知应会率`, 1);
    check(t, u.indices.c, x.mean, `${code} mean index c`);
    check(t, u.composite, x.composite, `${code} composite`);
  }
  // The composite's don't-know share pools its questions Q1, Q2 and Q3, each once although Q1 enters twice (item a and
  // rate b). Everyone is asked all three, so each question's asked weight is the unit's total weight and the pooled
  // share is the plain mean of the three shares (Q3, yes/no, has no don't-know option).
  for (const code of ['D01', 'D01-T1']) {
    const x = EXPECTED[code];
    near(t, results.units[code].composite.dontKnow, ((x.q1[5] ?? NaN) + (x.q2[5] ?? NaN) + 0) / 3, `${code} composite don't-know share`);
  }
  // A grid of 3 answers (t(0.975, 2) = 4.30): R's intervals run from −110 to 177; every published one stays on 0–100.
  const three = results.units['D01-T2-V1-G2'];
  t.equal(three.n, 3);
  const scores = [three.composite, three.indices.a, three.indices.c, three.items.Q1, three.items.Q2, three.items.Q3];
  for (const e of scores) t.ok(e.lo !== null && e.hi !== null && e.lo >= 0 && e.hi <= 100, `score interval ${e.lo}–${e.hi} inside 0–100`);
  t.equal(three.composite.lo, 0, 'the composite interval clipped at 0');
  t.equal(three.composite.hi, 100, 'and at 100');
  for (const e of [three.indices.b, three.knowledge]) t.ok(e && e.lo !== null && e.hi !== null && e.lo >= 0 && e.hi <= 1, 'rate interval inside 0–1');
  // The township of one village: the village has the same numbers.
  t.same(results.units['D01-T1-V1'].composite, results.units['D01-T1'].composite);
  t.equal(results.units.D01.n, 18);
  t.equal(results.units.D01.screenedOut, 1, 'screened-out interviews are counted apart');
  t.equal(results.units['D01-T1-V1-G1'].n, 6, 'and not as respondents');
  t.equal(results.units.D01.quota, 20);
  t.equal(results.units.D01.grids, 4);
  t.equal(results.units.D01.equalWeights, false);
});

t.test('ranks, the minimum sample and the weakest items', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  const results = getRoundResults(repos, s.round);
  const grid = (i: number) => results.units[s.grids[i].code];
  const scores = [0, 1, 2].map((i) => grid(i).composite.value ?? 0);
  const order = [0, 1, 2].sort((a, b) => scores[b] - scores[a]);
  t.same(order.map((i) => grid(i).rank), [1, 2, 3], 'grids ranked by composite, across townships');
  t.equal(grid(3).insufficient, true, '3 interviews < minimum 4');
  t.equal(grid(3).rank, null, 'a unit under the minimum is not ranked');
  t.not(grid(3).composite.value, null, 'but its estimate is still there');
  t.equal(results.units.D01.rank, 1);
  t.same(
    results.units['D01-T1-V1-G1'].weakest.map((w) => [w.questionId, w.value.toFixed(2)]),
    [['Q2', '64.00'], ['Q3', '66.67'], ['Q1', '70.00']],
    'three lowest item scores, lowest first',
  );
  t.equal(results.units['D01-T1-V1-G1'].weakest[0].text, '您对公安机关满意吗？', 'with the question text');
});
