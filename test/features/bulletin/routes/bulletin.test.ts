// The monthly bulletin and the half-year summary as a committee member and a township's staff see them.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import type { Repos } from '../../../../server/platform/repos.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import type { Unit } from '../../../../server/core/units/unit.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { formatScore } from '../../../../server/core/stats/format.js';
import { district, links, monthRound, nextPeriod, rankingRows, respond, type Setup } from '../../../kit/bulletin.js';
import { closeRoundById, createRound } from '../../../../server/features/rounds/rounds-service.js';

/**
 * Village 0 answers best, village 1 half best and half good, village 2 good, village 3 only two interviews
 * (under the minimum of 5); with `swap`, villages 0 and 2 trade places.
 */
function fillMonth(repos: Repos, round: Round, v: Unit[], swap = false): void {
  const [a, b, c, thin] = v;
  respond(repos, round, swap ? c : a, 3, 'best');
  respond(repos, round, b, 2, 'best');
  respond(repos, round, b, 2, 'good');
  respond(repos, round, swap ? a : c, 3, 'good');
  const thinGrid = repos.units.descendants(thin.id, 'grid')[0] ?? thin;
  respond(repos, round, thinGrid, 2, 'best');
}

t.test('the district bulletin ranks the villages with the scores the results service computes', async (t) => {
  let round: Round | undefined;
  let setup: Setup | undefined;
  const { app, repos } = await build(t, { seed: (repos) => {
    setup = district(repos);
    const template = openRound(repos);
    round = template;
    fillMonth(repos, template, setup.villages);
  } });
  if (!round || !setup) throw new Error('fixture');
  const results = getRoundResults(repos, round);
  const [a, b, c, thin] = setup.villages;

  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${round.code}/bulletin`);
  t.equal(res.statusCode, 200);
  t.match(res.body, `${setup.district.name}平安建设模拟民调通报`);
  const rows = rankingRows(res.body, '全区各村（社区）排名');
  const ranked = rows.filter((r) => r.rank !== '样本不足');
  t.same(ranked.map((r) => r.name), [a.name, b.name, c.name], 'best, mixed, good');
  t.same(ranked.map((r) => r.rank), ['1', '2', '3']);
  for (const row of ranked) {
    const code = [a, b, c].find((u) => u.name === row.name)?.code ?? '';
    t.equal(row.score, formatScore(results.units[code].composite.value), `${row.name} score as computed`);
  }
  t.ok(rows.some((r) => r.name === thin.name && r.rank === '样本不足'), 'the thin village is 样本不足, not ranked');
  t.match(res.body, /<svg [^>]*role="img"/, 'charts drawn on the page');
  t.match(res.body, '红榜');
  t.match(res.body, '阅读说明');
  t.match(res.body, 'export.xlsx');

  // Links go down the tree: district → township → village → grid.
  const township = setup.townships.find((tw) => repos.units.isWithin(a.id, tw.id));
  if (!township) throw new Error('fixture');
  t.match(links(res.body), `/rounds/${round.code}/bulletin?unit=${township.code}`);
  const tp = await s.get(`/rounds/${round.code}/bulletin?unit=${township.code}`);
  t.equal(tp.statusCode, 200);
  t.match(tp.body, `${township.name}平安建设模拟民调通报`);
  t.match(links(tp.body), `unit=${a.code}`);
  const vp = await s.get(`/rounds/${round.code}/bulletin?unit=${a.code}`);
  t.equal(vp.statusCode, 200);
  const grid = repos.units.descendants(a.id, 'grid')[0];
  t.match(links(vp.body), `unit=${grid.code}`);
  const gp = await s.get(`/rounds/${round.code}/bulletin?unit=${grid.code}`);
  t.equal(gp.statusCode, 200);
  t.match(gp.body, '各题得分');
});

t.test('rank and score changes against last month', async (t) => {
  let rounds: Round[] = [];
  let setup: Setup | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    const first = openRound(repos);
    fillMonth(repos, first, setup.villages);
    closeRoundById(repos, first.id);
    const second = monthRound(repos, first, nextPeriod(first.period), setup.district);
    fillMonth(repos, second, setup.villages, true);
    // Closed: an open round prints no rank changes (docs/statistics.md#rankings).
    closeRoundById(repos, second.id);
    rounds = [first, second];
  } });
  if (!setup) throw new Error('fixture');
  const [a, , c] = setup.villages;
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${rounds[1].code}/bulletin`);
  t.equal(res.statusCode, 200);
  const rows = rankingRows(res.body, '全区各村（社区）排名');
  t.equal(rows.find((r) => r.name === c.name)?.rankChange, '↑2');
  t.equal(rows.find((r) => r.name === a.name)?.rankChange, '↓2');
  t.match(res.body, '上月通报');
});

t.test('the half-year summary names the most improved village', async (t) => {
  let last: Round | undefined;
  let setup: Setup | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    const first = openRound(repos);
    fillMonth(repos, first, setup.villages);
    closeRoundById(repos, first.id);
    const second = monthRound(repos, first, nextPeriod(first.period), setup.district);
    fillMonth(repos, second, setup.villages, true);
    last = closeRoundById(repos, second.id);
  } });
  if (!last || !setup) throw new Error('fixture');
  const [a, , c] = setup.villages;
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/summary?survey=${last.surveyKey}&end=${last.period}`);
  t.equal(res.statusCode, 200);
  t.match(res.body, '半年小结');
  const improved = /进步最快的村（社区）<\/h3>\s*<ol><li><a href="[^"]*">([^<]+)<\/a>/.exec(res.body);
  t.equal(improved?.[1], c.name);
  const declined = /退步最多的村（社区）<\/h3>\s*<ol><li><a href="[^"]*">([^<]+)<\/a>/.exec(res.body);
  t.equal(declined?.[1], a.name);
  t.match(res.body, '本半年没有民调数据库普测轮次');
  t.match(res.body, /<svg [^>]*role="img"/);
  // The default is the latest closed monthly round.
  const byDefault = await s.get('/summary');
  t.equal(byDefault.statusCode, 200);
  t.match(byDefault.body, res.body.match(/<h1>[^<]+<\/h1>/)?.[0] ?? 'no title');
});

t.test('an empty round says so instead of showing tables of dashes', async (t) => {
  let round: Round | undefined;
  let setup: Setup | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos);
  } });
  if (!round) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${round.code}/bulletin`);
  t.equal(res.statusCode, 200);
  t.match(res.body, '本轮暂无有效答卷');
  t.notMatch(res.body, '全区各村（社区）排名');
  t.notMatch(res.body, /NaN|null|undefined|Infinity/, 'no missing number shows through');
  for (const unit of [setup?.townships[0], setup?.villages[0]]) {
    const page = await s.get(`/rounds/${round.code}/bulletin?unit=${unit?.code ?? ''}`);
    t.equal(page.statusCode, 200, `${unit?.name} page`);
    t.match(page.body, '本轮暂无有效答卷');
    t.notMatch(page.body, /NaN|null|undefined|Infinity/);
  }
});

t.test('scope: township staff see their township only; unknown rounds and units are 404', async (t) => {
  let round: Round | undefined;
  let setup: Setup | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos);
  } });
  if (!round || !setup) throw new Error('fixture');
  const [own, other] = setup.townships;
  const s = await logIn(app, 'township', PASSWORD);
  const mine = await s.get(`/rounds/${round.code}/bulletin`);
  t.equal(mine.statusCode, 200, 'the default is the user’s own township');
  t.match(mine.body, `${own.name}平安建设模拟民调通报`);
  const forbidden = await s.get(`/rounds/${round.code}/bulletin?unit=${other.code}`);
  t.equal(forbidden.statusCode, 403);
  t.notMatch(forbidden.body, other.name);
  t.equal((await s.get(`/rounds/${round.code}/bulletin?unit=${setup.district.code}`)).statusCode, 403);

  const c = await logIn(app, 'committee', PASSWORD);
  const noRound = await c.get('/rounds/1999-01-nothing/bulletin');
  t.equal(noRound.statusCode, 404);
  t.match(noRound.body, '找不到该轮民调');
  const noUnit = await c.get(`/rounds/${round.code}/bulletin?unit=NO-SUCH-UNIT`);
  t.equal(noUnit.statusCode, 404);
  t.match(noUnit.body, '找不到该单位');
  t.equal((await c.get('/summary?survey=no-such-survey&end=2020-01')).statusCode, 404);
  t.equal((await c.get('/summary?end=2020-13')).statusCode, 400, 'a month that does not exist');
});

t.test('a unit outside the round is 404', async (t) => {
  let round: Round | undefined;
  let setup: Setup | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    const template = openRound(repos);
    const partial = createRound(repos, { surveyVersionId: template.surveyVersionId, period: '2020-01', kind: 'adhoc', unitIds: [setup.townships[0].id] });
    round = partial;
  } });
  if (!round || !setup) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${round.code}/bulletin?unit=${setup.townships[1].code}`);
  t.equal(res.statusCode, 404);
  t.match(res.body, '不在本轮民调范围内');
  t.equal((await s.get(`/rounds/${round.code}/bulletin?unit=${setup.townships[0].code}`)).statusCode, 200);
});
