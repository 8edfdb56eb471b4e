// The planner's formulas (docs/statistics.md#sample-planner) against hand values (bc -l, 20 digits):
//   c = 900, σ²_u = 25, z = 1.959963984540054, z80 = 0.8416212335729143
//   25/(25+900/13) = .26530612244897959183        900·0.7/(25·0.3) = 84, 900·0.8/(25·0.2) = 144
//   2·900·(z+z80)²/25 = 565.119340873134         2·900·(z+z80)²/100 = 141.279835218283
//   z·√(900/13) = 16.307886102281248             z·√(900/50) = 8.315422946098067
//   (z+z80)·√(2·900/30) = 21.700985785464794
import t from 'tap';
import type { Test } from 'tap';
import { detectableChange, halfWidthAt, interviewsForChange, interviewsForReliability, reliabilityAt } from '../../../server/core/stats/sample-planner.js';

const m = { c: 900, sigma2u: 25 };
const close = (t: Test, a: number, b: number, what: string): void => void t.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

t.test('reliability, interviews for a reliability or a change, half-widths', async (t) => {
  close(t, reliabilityAt(m, 13), 0.26530612244897959183, 'ρ(13)');
  t.equal(interviewsForReliability(m, 0.7), 84, 'exactly 84 stays 84');
  t.equal(interviewsForReliability(m, 0.8), 144);
  t.equal(interviewsForChange(m, 5), 566, '565.12 rounds up');
  t.equal(interviewsForChange(m, 10), 142);
  close(t, halfWidthAt(m, 13), 16.307886102281248, 'half-width at 13');
  close(t, halfWidthAt(m, 50), 8.315422946098067, 'half-width at 50');
  close(t, detectableChange(m, 30), 21.700985785464794, 'detectable change at 30');
});

t.test('no between-unit variance: no sample size reaches a reliability', async (t) => {
  t.equal(interviewsForReliability({ c: 900, sigma2u: 0 }, 0.8), null);
  t.equal(reliabilityAt({ c: 900, sigma2u: 0 }, 100), 0);
});
