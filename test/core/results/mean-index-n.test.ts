// The n of a mean index is the number of respondents with at least one valid answer among its items, and that one
// number is shown, enters the SE's n/(n−1) and gives the interval's t its degrees of freedom (docs/statistics.md).
// A respondent who answers don't-know to every item of the index adds nothing to the estimate and must not add to n.
//
// By hand, index c = ½·Q1 + ½·Q2 over one grid (equal weights g within it, which cancel), four respondents:
//   Q1: A(100) C(50) E(0) X(不清楚)   → m1 = 150/3 = 50,    n1 = 3
//   Q2: B(60)  A(100) B(60) X(不了解) → m2 = 220/3 ≈ 73.33, n2 = 3
//   value = (50 + 220/3)/2 = 185/3 ≈ 61.6667
//   z_i = ½(y1 − m1)/3 + ½(y2 − m2)/3 = 55/9, 40/9, −95/9 and 0 for the fourth respondent
//   Σz² = (55² + 40² + 95²)/81 = 13650/81;  n = 3 (not 4)
//   SE = √(3/2 · 13650/81) = √20475 / 9 ≈ 15.898986690282
//   95% interval: value ± t(0.975, 2)·SE; with 2 degrees of freedom the t quantile has the closed form
//   t = (2p − 1)/√(2p(1 − p)) = 0.95/√0.04875 ≈ 4.30265272975 (R: qt(0.975, 2))
//   (with n = 4 the SE would be √(4/3 · 13650/81) = √18200 / 9 ≈ 14.9897 and t would take 3 degrees of freedom)
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import { SMALL_SURVEY, answerGrids, smallRound } from '../../kit/results-domain.js';

const MEAN_OF_Q1_Q2 = SMALL_SURVEY.replace('{ id: c, name: 满意与知晓, kind: mean, questions: [Q2, Q3] }', '{ id: c, name: 安全与满意, kind: mean, questions: [Q1, Q2] }');

t.test('a respondent with only don\u2019t-knows on a mean index counts in none of its n, SE or interval', async (t) => {
  t.not(MEAN_OF_Q1_Q2, SMALL_SURVEY, 'the questionnaire was changed to a mean of Q1 and Q2');
  const { repos } = testDb(t);
  const s = smallRound(repos, t, undefined, {}, MEAN_OF_Q1_Q2);
  answerGrids(repos, s, [{ q1: 'ACEX', q2: 'BABX', q3: 'YYNN', k1: 'AAAA' }]);
  const results = getRoundResults(repos, s.round);

  const value = 185 / 3;
  const se = Math.sqrt(20475) / 9;
  const p = 0.975;
  const half = ((2 * p - 1) / Math.sqrt(2 * p * (1 - p))) * se;
  for (const code of ['D01', 'D01-T1', 'D01-T1-V1', 'D01-T1-V1-G1']) {
    const c = results.units[code]?.indices.c;
    t.equal(c?.n, 3, `${code}: n shown is the three respondents with a valid answer`);
    t.ok(Math.abs((c?.value ?? NaN) - value) < 1e-9, `${code}: value ${c?.value} = 185/3`);
    t.ok(Math.abs((c?.se ?? NaN) - se) < 1e-9, `${code}: SE ${c?.se} = √20475/9 (n = 3), not √18200/9 (n = 4)`);
    // value ± t(0.975, 2)·SE, clipped to the 0–100 scale (docs/statistics.md#intervals); with 2 degrees of freedom
    // both ends pass the scale (with 3 they would not: 61.67 − 3.18·15.9 > 0), so the clipped bounds still show df = 2.
    t.ok(value - half < 0 && value + half > 100, 'the unclipped t interval with 2 df passes both ends');
    t.ok(Math.abs((c?.lo ?? NaN) - Math.max(0, value - half)) < 1e-9, `${code}: lower bound ${c?.lo} uses t with 2 degrees of freedom, clipped`);
    t.ok(Math.abs((c?.hi ?? NaN) - Math.min(100, value + half)) < 1e-9, `${code}: upper bound ${c?.hi}, clipped`);
    // The composite keeps every completed interview as its n.
    t.equal(results.units[code]?.composite.n, 4, `${code}: the composite's n is all four respondents`);
  }
});
