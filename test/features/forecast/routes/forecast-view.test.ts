// What the forecast page and API print for each outcome of a plan (already met, reached, out of reach) and when there
// is no forecast, from plain domain values (no database).
import t from 'tap';
import { forecastPageOf, forecastReplyOf } from '../../../../server/features/forecast/view-models/forecast.js';
import { forecastOfficialPoll } from '../../../../server/features/forecast/core/forecast.js';
import { planImprovements } from '../../../../server/features/forecast/core/improve.js';
import { summariseBacktest, backtestRow } from '../../../../server/features/forecast/core/backtest.js';
import type { ForecastState } from '../../../../server/features/forecast/forecast.js';
import { frameOf, hunan, syntheticDistrict } from '../../../kit/forecast-domain.js';

const survey = hunan();
const frame = frameOf(survey, syntheticDistrict(survey, { grids: 6, perGrid: 8, seed: 'view' }));
const options = { sampleSize: 200, draws: 1000, seed: 'view' };
const peers = [{ id: 1, name: '甲县', score: 70, sd: null, published: null }];
const run = forecastOfficialPoll(frame, options, peers);
const state: Extract<ForecastState, { ok: true }> = {
  ok: true,
  basis: { surveyKey: 'hunan-100', surveyTitle: survey.title, compositeName: '民调综合得分', rounds: [{ code: 'R1', period: '2026-05', share: 1 }], surveyAssumed: true },
  forecast: run.forecast,
  peers,
  frame,
  survey,
  set: run.set,
  seed: 'view',
};

t.test('no forecast: the reason, the caveats, and nulls', async (t) => {
  const reply = forecastReplyOf({ ok: false, reason: '还没有已结束的月度模拟民调轮次，无法预测正式民调。' }, null);
  t.equal(reply.ok, false);
  t.match(reply.message, '无法预测');
  t.equal(reply.expected, null);
  t.ok(reply.caveats.length >= 3);
});

t.test('a target out of reach, and one already met, in plain words', async (t) => {
  const backtest = summariseBacktest([
    backtestRow({ roundCode: 'R1', period: '2026-05', outcome: 80, outcomeRank: null }, null),
    backtestRow({ roundCode: 'R2', period: '2026-06', outcome: 80, outcomeRank: 2 }, { mean: 81, range80: [79, 83] }),
  ]);
  t.equal(backtest.compared, 1);
  t.equal(backtest.meanError, 1);
  t.equal(backtest.shareInside80, 1);
  const unreachable = planImprovements(frame, survey, { ...options, target: { kind: 'score', score: 100.5 }, wanted: 0.8, peers });
  const page = forecastPageOf(state, unreachable, [], { phone: backtest, all: backtest, used: [null, 'phone'] });
  t.equal(page.plan.statusText, '即使所有可改进的回答都变为最好的选项，也达不到该目标。');
  t.equal(page.backtest.rows[0].phone.forecastText, '—');
  t.equal(page.backtest.rows[1].phone.errorText, '+1.00');
  t.equal(page.backtest.rows[1].phone.insideText, '是');
  t.equal(page.peers[0].sdText, '—');
  const already = planImprovements(frame, survey, { ...options, target: { kind: 'rank', rank: 2 }, wanted: 0.8, peers });
  t.equal(already.status, 'already');
  const reply = forecastReplyOf(state, already);
  t.same(reply.plan?.target, { kind: 'rank', value: 2 });
  t.equal(reply.plan?.status, 'already');
  t.match(forecastPageOf(state, already, [], { phone: summariseBacktest([]), all: summariseBacktest([]), used: [] }).plan.statusText, '无需额外改进');
  t.equal(forecastPageOf(state, already, [], { phone: summariseBacktest([]), all: summariseBacktest([]), used: [] }).backtest.phone.meanErrorText, '—');
});
