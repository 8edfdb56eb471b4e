// The simulated official poll against its closed form, the results' composite, and the rank among peers.
import t from 'tap';
import { RoundTally } from '../../../../server/core/results/tally.js';
import { resultsPlan } from '../../../../server/core/results/plan.js';
import { unitEstimates } from '../../../../server/core/results/unit-estimates.js';
import type { RoundAggregates } from '../../../../server/core/results/aggregates.js';
import { forecastOfficialPoll } from '../../../../server/features/forecast/core/forecast.js';
import { analyticForecast } from '../../../../server/features/forecast/core/analytic.js';
import { compositeLayout, noCompositeMessage } from '../../../../server/features/forecast/core/layout.js';
import { FrameBuilder } from '../../../../server/features/forecast/core/frame.js';
import { RESPONSE_SEPARATOR } from '../../../../server/core/survey/choices.js';
import { frameOf, hunan, roundSource, syntheticDistrict, type SyntheticGrid } from '../../../kit/forecast-domain.js';

const survey = hunan();
const grids = syntheticDistrict(survey, { grids: 40, perGrid: 15 });

function resultsComposite(gs: SyntheticGrid[]): number | null {
  const plan = resultsPlan(survey);
  const tally = new RoundTally(plan, survey);
  for (const g of gs) tally.addGrid(g.id, g.responses.join(RESPONSE_SEPARATOR));
  tally.finish();
  const agg: RoundAggregates = {
    counts: new Map(gs.map((g) => [g.id, { complete: g.responses.length, screenedOut: 0 }])),
    questions: tally.questions,
    rates: tally.rates,
    knowledge: tally.knowledge,
    cross: tally.cross,
    calls: null,
    receipts: new Map(),
  };
  const populations = new Map(gs.map((g) => [g.id, g.population]));
  return unitEstimates(gs.map((g) => g.id), populations, plan, survey, agg).composite.value;
}

t.test('the population mean the forecast aims at is the district composite of the results', async (t) => {
  const a = analyticForecast(frameOf(survey, grids), 200);
  const expected = resultsComposite(grids);
  t.ok(a && expected !== null);
  t.ok(Math.abs((a?.mean ?? 0) - (expected ?? 0)) < 1e-9, `analytic ${a?.mean} = results ${expected}`);
});

t.test('mean and spread of 10,000 draws match the analytic values within Monte-Carlo error', async (t) => {
  const frame = frameOf(survey, grids);
  const { forecast } = forecastOfficialPoll(frame, { sampleSize: 200, draws: 10_000, seed: 7 }, []);
  const a = forecast.analytic;
  const s = forecast.spread;
  if (!a || !s) throw new Error('no forecast');
  // Standard error of the mean of 10,000 draws is sd/100; of the SD about sd/√(2·10,000). The linearised variance
  // and the ratio's small bias (order 1/n) are well inside 4 of each.
  t.ok(Math.abs(s.mean - a.mean) < 4 * (a.sd / 100) + 0.02, `mean ${s.mean} vs ${a.mean}`);
  t.ok(Math.abs(s.sd / a.sd - 1) < 0.04, `sd ${s.sd} vs ${a.sd}`);
  t.ok(s.range80[0] < s.mean && s.mean < s.range80[1], '80% range around the mean');
  t.ok(s.range95[0] < s.range80[0] && s.range80[1] < s.range95[1], '95% range wider than 80%');
  // A normal approximation's 80% half-width is 1.2816·sd.
  t.ok(Math.abs((s.range80[1] - s.range80[0]) / 2 / (1.2816 * a.sd) - 1) < 0.06, '80% range as wide as the analytic sd says');
  t.equal(forecast.missingDraws, 0);
  t.same(forecast.ranks, [], 'no peers: no rank probabilities');
});

t.test('the spread shrinks as the official sample grows: sd ∝ 1/√n', async (t) => {
  const frame = frameOf(survey, grids);
  const s200 = forecastOfficialPoll(frame, { sampleSize: 200, draws: 4000, seed: 1 }, []).forecast.spread;
  const s800 = forecastOfficialPoll(frame, { sampleSize: 800, draws: 4000, seed: 1 }, []).forecast.spread;
  t.ok(s200 && s800 && Math.abs(s200.sd / s800.sd - 2) < 0.15, `${s200?.sd} / ${s800?.sd} ≈ 2`);
});

t.test('same seed, same numbers; another seed, other draws', async (t) => {
  const frame = frameOf(survey, grids);
  const o = { sampleSize: 200, draws: 2000, seed: 'demo' };
  const a = forecastOfficialPoll(frame, o, []).forecast;
  const b = forecastOfficialPoll(frame, o, []).forecast;
  const c = forecastOfficialPoll(frame, { ...o, seed: 'other' }, []).forecast;
  t.same(a, b);
  t.not(a.spread?.mean, c.spread?.mean);
});

t.test('rank probabilities among peers sum to 1 and follow the scores', async (t) => {
  const frame = frameOf(survey, grids);
  const mean = analyticForecast(frame, 200)?.mean ?? 0;
  const peers = [
    { name: '甲县', score: mean + 10, sd: null },
    { name: '乙县', score: mean, sd: null },
    { name: '丙县', score: mean - 10, sd: null },
    { name: '丁区', score: mean - 0.3, sd: 0.5 },
  ];
  const { forecast } = forecastOfficialPoll(frame, { sampleSize: 200, draws: 5000, seed: 3 }, peers);
  t.equal(forecast.ranks.length, 5);
  const total = forecast.ranks.reduce((s, r) => s + r.probability, 0);
  t.ok(Math.abs(total - 1) < 1e-12, `sum ${total}`);
  t.equal(forecast.ranks[0].probability, 0, 'never above a peer 10 points higher');
  t.equal(forecast.ranks[4].probability, 0, 'never below a peer 10 points lower');
  t.ok(forecast.ranks[1].probability > 0.2 && forecast.ranks[3].probability > 0.2, 'about even with the peer at our mean');
});

t.test('one grid: the forecast still answers (simple random sampling of its respondents)', async (t) => {
  const one = syntheticDistrict(survey, { grids: 1, perGrid: 30, seed: 'one' });
  const { forecast } = forecastOfficialPoll(frameOf(survey, one), { sampleSize: 200, draws: 3000, seed: 1 }, []);
  t.ok(forecast.spread && forecast.analytic);
  t.ok(Math.abs((forecast.spread?.sd ?? 0) / (forecast.analytic?.sd ?? 1) - 1) < 0.08);
  t.ok(Math.abs((forecast.analytic?.mean ?? 0) - (resultsComposite(one) ?? 0)) < 1e-9);
});

t.test('a window of rounds mixes their answer distributions with the stated weights', async (t) => {
  const older = syntheticDistrict(survey, { grids: 10, perGrid: 10, seed: 'older' });
  const newer = syntheticDistrict(survey, { grids: 10, perGrid: 10, seed: 'newer' });
  const layout = compositeLayout(survey);
  if (!layout) throw new Error('no layout');
  const b = new FrameBuilder(layout);
  b.addRound(roundSource(survey, newer, 3), '新');
  b.addRound(roundSource(survey, older, 1), '旧');
  const mixed = analyticForecast(b.build(), 200)?.mean ?? 0;
  const mNew = analyticForecast(frameOf(survey, newer), 200)?.mean ?? 0;
  const mOld = analyticForecast(frameOf(survey, older), 200)?.mean ?? 0;
  t.ok(mixed > Math.min(mNew, mOld) && mixed < Math.max(mNew, mOld), `${mixed} between ${mOld} and ${mNew}`);
  t.ok(Math.abs(mixed - mNew) < Math.abs(mixed - mOld), 'closer to the round with weight 3');
});

t.test('a questionnaire without a composite: nothing to forecast, and the reason in plain words', async (t) => {
  const none = { ...survey, composite: { name: '综合得分', weights: {} } };
  t.equal(compositeLayout(none), null);
  t.match(noCompositeMessage(none.title), /没有综合得分.*无法预测正式民调得分/);
  t.ok(compositeLayout(survey), 'hunan-100 has one');
});

t.test('a district where no weighted item is ever answered validly: no draw has a score, said as such', async (t) => {
  // Every respondent answers 不了解 to Q8–Q11: the satisfaction index has no valid answer, as in the results.
  const dk = grids.slice(0, 3).map((g) => ({ ...g, responses: g.responses.map(() => '') }));
  const { forecast } = forecastOfficialPoll(frameOf(survey, dk), { sampleSize: 50, draws: 100, seed: 1 }, []);
  t.equal(forecast.spread, null);
  t.equal(forecast.missingDraws, 100);
  t.equal(forecast.analytic, null);
});
