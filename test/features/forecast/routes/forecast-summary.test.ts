// The forecast summary the monthly bulletin embeds (features/forecast/forecast.ts forecastSummary): the latest forecast or the
// one as of a closed round, a window of rounds with their weights, and a clear reason whenever there is none.
import t from 'tap';
import { testDb } from '../../../kit/app.js';
import { R_DATA, answerGrids, smallRound } from '../../../kit/results-domain.js';
import { computeForecast, forecastSummary } from '../../../../server/features/forecast/forecast.js';
import { closeRoundById, createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';

const R_COMPOSITE = 60.2544117647;

t.test('the summary of the latest forecast, and as of a closed round', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  t.match(forecastSummary(repos), { ok: false, reason: /还没有已结束的月度模拟民调轮次/ }, 'nothing closed yet');
  t.match(forecastSummary(repos, s.round.code), { ok: false, reason: '该轮次尚未结束，正式民调预测只用已结束的轮次。' });
  closeRoundById(repos, s.round.id);
  const latest = forecastSummary(repos);
  t.equal(latest.ok, true);
  t.equal(latest.compositeName, '综合得分');
  t.same(latest.rounds, [s.round.code]);
  t.equal(latest.sampleSize, 200);
  t.ok(Math.abs((latest.expected ?? 0) - R_COMPOSITE) < 0.15);
  t.ok(latest.range80 && latest.range95 && latest.range95[0] < latest.range80[0]);
  t.equal(latest.likeliestRank, null, 'no peers, no rank');
  t.same(forecastSummary(repos, s.round.code), latest, 'as of the only round: the same forecast');
  t.match(forecastSummary(repos, 'no-such-round'), { ok: false });

  repos.forecast.savePeers([{ name: '甲县', score: 99, sd: null, published: null }], { userId: null, client: null }, 'forecast.peer');
  t.same(forecastSummary(repos).likeliestRank, { rank: 2, probability: 1, of: 2 });
});

t.test('a window of two rounds with stated weights; a round without answers says so', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  closeRoundById(repos, s.round.id);
  const next = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id] }).id);
  closeRoundById(repos, next.id);
  const empty = computeForecast(repos);
  t.match(empty, { ok: false, reason: '所选轮次没有已完成的问卷，无法预测' }, 'the latest round has no answers');
  repos.forecast.saveSettings({ surveyKey: 'test-small', sampleSize: 200, windowWeights: [0, 1] }, { userId: null, client: null });
  const windowed = computeForecast(repos);
  if (!windowed.ok) throw new Error(windowed.reason);
  t.same(windowed.basis.rounds.map((r) => [r.code, r.share]), [[next.code, 0], [s.round.code, 1]]);
  t.ok(Math.abs((windowed.forecast.analytic?.mean ?? 0) - R_COMPOSITE) < 1e-9, 'the weighted window rests on the answered round');
});
