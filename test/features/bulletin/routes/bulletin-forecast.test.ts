// The forecast of the official poll as a section of the district's bulletin (docs/rules.md#bulletins): the committee's own
// bulletin of a closed round carries it, in the words of forecastParagraph; nobody else's does.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import { forecastSummary, type ForecastSummary } from '../../../../server/features/forecast/forecast.js';
import { forecastParagraph } from '../../../../server/features/forecast/view-models/forecast-section.js';
import { formatScore } from '../../../../server/core/stats/format.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { district, respond, type Setup } from '../../../kit/bulletin.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

const READY: ForecastSummary = {
  ok: true, reason: null, compositeName: '民调综合得分', rounds: ['2026-10-hunan-100', '2026-09-hunan-100'], sampleSize: 200,
  expected: 83.4944, sd: 0.7755, range80: [82.4854, 84.4959], range95: [81.9534, 84.9883],
  likeliestRank: { rank: 5, probability: 0.3866, of: 9 },
};

t.test('the paragraph says the expected score, both ranges and the likeliest rank in the committee\'s words', async (t) => {
  t.equal(
    forecastParagraph(READY),
    '按最近 2 轮模拟民调的结果模拟正式民调（每次随机抽取 200 人），预计本区民调综合得分为 83.49 分，有 80% 的可能在 82.49–84.50 分之间，95% 的可能在 81.95–84.99 分之间；在录入的 9 个区县中最可能排第 5 名（可能性 38.7%）。',
  );
  t.equal(
    forecastParagraph({ ...READY, rounds: ['2026-10-hunan-100'], likeliestRank: null }),
    '按本轮模拟民调的结果模拟正式民调（每次随机抽取 200 人），预计本区民调综合得分为 83.49 分，有 80% 的可能在 82.49–84.50 分之间，95% 的可能在 81.95–84.99 分之间；未录入同类区县得分，暂不估计名次。',
    'without peers it says no rank is estimated',
  );
  const none: ForecastSummary = { ...READY, ok: false, reason: '问卷没有综合得分，无法预测', expected: null, range80: null, range95: null, likeliestRank: null };
  t.equal(forecastParagraph(none), '本期暂无正式民调预测：问卷没有综合得分，无法预测', 'no forecast: the reason');
});

async function closedDistrict(t: Parameters<typeof build>[0]) {
  let setup: Setup | undefined;
  let round: Round | undefined;
  const built = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos, 'hunan-100', { quotaPerGrid: 10, minSample: 5 });
    for (const [i, village] of setup.villages.entries()) respond(repos, round, village, 6, i % 2 === 0 ? 'best' : 'good');
  } });
  if (!setup || !round) throw new Error('fixture');
  return { ...built, setup, round };
}

t.test('the committee\'s district bulletin of a closed round carries the forecast; others and open rounds do not', async (t) => {
  const { app, repos, setup, round } = await closedDistrict(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const open = await committee.get(`/rounds/${round.code}/bulletin`);
  t.equal(open.statusCode, 200);
  t.notMatch(open.body, '正式民调预测</h2>', 'an open round: the forecast rests on closed rounds only');

  closeRoundById(repos, round.id);
  const summary = forecastSummary(repos, round.code);
  t.equal(summary.ok, true, 'the fixture can be forecast');
  const page = await committee.get(`/rounds/${round.code}/bulletin`);
  t.match(page.body, '正式民调预测</h2>');
  t.match(page.body, `预计本区民调综合得分为 ${formatScore(summary.expected)} 分`, 'the expected score the forecast gives');
  t.match(page.body, '受访人群、问卷措辞和访问时间的差别未计入', 'and what it leaves out');
  t.match(page.body, 'href="/forecast"', 'a link to the page with the plan');

  const townshipPage = await committee.get(`/rounds/${round.code}/bulletin?unit=${setup.townships[0].code}`);
  t.notMatch(townshipPage.body, '正式民调预测</h2>', 'a township\'s bulletin: no district forecast');
  const township = await logIn(app, 'township', PASSWORD);
  const own = await township.get(`/rounds/${round.code}/bulletin?unit=${setup.townships[0].code}`);
  t.equal(own.statusCode, 200);
  t.notMatch(own.body, '正式民调预测', 'township staff never see it');
});
