// The forecast pages and API on a small closed round (test/kit/results-domain.ts, whose district composite R gives as
// 60.2544117647): the expected score, ranges and rank chances, the committee's settings with their checks and audit,
// peers imported from CSV and XLSX, the plan and its check, back-testing, and the clear answers when there is no
// forecast to give.
import t from 'tap';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { build, logIn, bearer, issueToken, PASSWORD } from '../../../kit/app.js';
import { R_DATA, answerGrids, smallRound, type SmallRound } from '../../../kit/results-domain.js';
import type { ForecastReply } from '../../../../server/features/forecast/schemas.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

const R_COMPOSITE = 60.2544117647;

async function setup(t: Parameters<typeof build>[0], close = true) {
  let s: SmallRound | undefined;
  let secret = '';
  let township = '';
  const built = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    if (close) closeRoundById(repos, s.round.id);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    repos.users.create({ username: 'town', displayName: '东城', password: PASSWORD, role: 'township', unitId: s.townships[0].id });
    secret = issueToken(repos, null);
    township = issueToken(repos, 'D01-T1', '街道系统');
  } });
  if (!s) throw new Error('fixture');
  return { ...built, s, auth: bearer(secret), townshipAuth: bearer(township) };
}

function isReply(v: unknown): v is ForecastReply {
  return typeof v === 'object' && v !== null && 'ok' in v && 'ranks' in v && 'caveats' in v;
}

async function api(app: FastifyInstance, url: string, headers: Record<string, string>): Promise<ForecastReply> {
  const res = await app.inject({ method: 'GET', url, headers });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  const body: unknown = res.json();
  if (!isReply(body)) throw new Error('unexpected reply');
  return body;
}

t.test('the forecast page: expected score, ranges, no peers said plainly, and what the forecast ignores', async (t) => {
  const { app } = await setup(t);
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get('/forecast');
  t.equal(res.statusCode, 200);
  t.match(res.body, '解析值：均值 60.25', 'the analytic mean is the district composite of the results');
  t.match(res.body, /80% 区间<\/dt><dd id="range80">\d+\.\d\d–\d+\.\d\d/);
  t.match(res.body, '未录入同类区县得分，无法估计名次');
  t.match(res.body, '预测没有计入什么');
  t.match(res.body, '随机电话抽到的居民可能不同');
  // one line per township and question, with the answers it moves from.
  t.match(res.body, /第 [\d.]+ 题（[^）]+）：再有 \d+ 位居民答“[^”]+”（原答“[^”]+”\d+ 位/, 'a plan in the committee’s words');
  const areas = [...res.body.matchAll(/<h3 class="plan-area">([^<]+?) </g)].map((m) => m[1]);
  t.ok(areas.length > 0, 'the plan is grouped by township');
  t.same([...new Set(areas)], areas, 'each township once');
  const again = await s.get('/forecast');
  t.equal(/id="expected">([^<]+)</.exec(again.body)?.[1], /id="expected">([^<]+)</.exec(res.body)?.[1], 'same data, same numbers');
  const easy = await s.get('/forecast?target=score&score=10&p=90');
  t.match(easy.body, '以 90.0% 的把握得分达到 10.00 分');
  t.match(easy.body, '无需额外改进');
  // 18 respondents, every answer movable: even a perfect score is within reach, with every resident changed.
  const perfect = await s.get('/forecast?target=score&score=100');
  t.match(perfect.body, /共需 \d+ 位居民改变回答（以本区模拟民调受访者计）。把方案代入数据重新模拟 10,000 次：达到目标的概率为 100\.0%/);
  const bad = await s.get('/forecast?target=score&score=abc');
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '目标得分应为 0–100 之间的数（下面按默认目标计算）');
  const badP = await s.get('/forecast?p=30');
  t.equal(badP.statusCode, 400);
  t.match(badP.body, '达到目标的概率应为 50%–99% 之间');
  const rankless = await s.get('/forecast?target=rank&rank=1');
  t.equal(rankless.statusCode, 400, 'no peers: no rank target');
  await s.get('/forecast/settings');
  await s.post('/forecast/peers', { name: '甲县', score: '62' });
  await s.post('/forecast/peers', { name: '乙县', score: '58', sd: '1.5', published: '2026 年上半年' });
  const ranked = await s.get('/forecast?target=rank&rank=1&p=80');
  t.equal(ranked.statusCode, 200);
  t.match(ranked.body, '以 80.0% 的把握排名第 1 名或更好');
  t.match(ranked.body, /第 1 名<\/td><td><span class="progress"/);
  t.match(ranked.body, '乙县 58.00（2026 年上半年）');
  const tooLow = await s.get('/forecast?target=rank&rank=9');
  t.equal(tooLow.statusCode, 400);
  t.match(tooLow.body, '共 3 个区县参与排名，目标名次不能超过 3');
  const town = await logIn(app, 'town', PASSWORD);
  t.equal((await town.get('/forecast')).statusCode, 403, 'township staff do not see the district forecast');
});

t.test('the API: same numbers as the page, the results’ scope rule, rank chances summing to 1 once peers are entered', async (t) => {
  const { app, s, auth, townshipAuth } = await setup(t);
  const first = await api(app, '/api/forecast', auth);
  t.equal(first.ok, true);
  t.ok(Math.abs((first.expected ?? 0) - R_COMPOSITE) < 0.15, `expected ${first.expected} ≈ ${R_COMPOSITE}`);
  t.equal(first.sampleSize, 200);
  t.equal(first.draws, 10000);
  t.same(first.rounds.map((r) => r.code), [s.round.code]);
  t.same(first.ranks, []);
  t.equal(first.message, '未录入同类区县得分，无法估计名次');
  t.same(await api(app, '/api/forecast', auth), first, 'reproducible');
  t.equal((await app.inject({ method: 'GET', url: '/api/forecast', headers: townshipAuth })).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: '/api/forecast' })).statusCode, 401);
  t.equal((await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/forecast`, headers: townshipAuth })).statusCode, 403);

  const c = await logIn(app, 'committee', PASSWORD);
  await c.get('/forecast/settings');
  for (const [name, score] of [['甲县', '63.5'], ['乙县', '60.1'], ['丙县', '57']]) {
    t.equal((await c.post('/forecast/peers', { name, score })).statusCode, 303);
  }
  const withPeers = await api(app, `/api/rounds/${s.round.code}/forecast`, auth);
  t.equal(withPeers.ranks.length, 4);
  t.ok(Math.abs(withPeers.ranks.reduce((sum, r) => sum + r.probability, 0) - 1) < 1e-12, 'rank chances sum to 1');
  t.equal(withPeers.expected, first.expected, 'peers do not change the draws');
});

t.test('a plan for a target score: applied to the data and re-run, it reaches the target', async (t) => {
  const { app, auth } = await setup(t);
  const base = await api(app, '/api/forecast', auth);
  const target = Math.ceil((base.expected ?? 0) + 2);
  const body = await api(app, `/api/forecast?target=score&score=${target}&p=80`, auth);
  t.equal(body.plan?.status, 'reached');
  t.ok((body.plan?.checkProbability ?? 0) >= 0.8, `check ${body.plan?.checkProbability}`);
  t.ok((body.plan?.items.length ?? 0) > 0);
  t.match(body.plan?.items[0].text ?? '', /^(东城街道|西山镇)：第 [\d.]+ 题（[^）]+）再有 \d+ 位居民从“/);
  const bad = await app.inject({ method: 'GET', url: '/api/forecast?target=score&score=abc', headers: auth });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().message, '目标得分应为 0–100 之间的数');
  const noPeers = await app.inject({ method: 'GET', url: '/api/forecast?target=rank&rank=1', headers: auth });
  t.equal(noPeers.statusCode, 400);
  t.match(noPeers.json().message, '未录入同类区县得分');
});

t.test('settings: bad input refused with a clear message and nothing stored; changes audited', async (t) => {
  const { app, repos } = await setup(t);
  const c = await logIn(app, 'committee', PASSWORD);
  await c.get('/forecast/settings');
  const badSize = await c.post('/forecast/settings', { survey: 'test-small', sampleSize: '5', window: '1' });
  t.equal(badSize.statusCode, 422);
  t.match(badSize.body, '样本量应为 20–5000 之间的整数');
  const badWindow = await c.post('/forecast/settings', { survey: 'test-small', sampleSize: '300', window: '0.5, x' });
  t.equal(badWindow.statusCode, 422);
  t.match(badWindow.body, '各轮权重应为不小于 0 的数');
  t.same(repos.forecast.settings(), { surveyKey: null, sampleSize: 200, windowWeights: [1] }, 'nothing stored');
  t.equal((await c.post('/forecast/settings', { survey: 'test-small', sampleSize: '300', window: '1' })).statusCode, 303);
  t.same(repos.forecast.settings(), { surveyKey: 'test-small', sampleSize: 300, windowWeights: [1] });
  const unknown = await c.post('/forecast/settings', { survey: 'no-such-survey', sampleSize: '200', window: '1' });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.body, '找不到该问卷：no-such-survey');
  const badPeer = await c.post('/forecast/peers', { name: '甲县', score: '101' });
  t.equal(badPeer.statusCode, 422);
  t.match(badPeer.body, '公布得分应为 0–100 之间的数');
  t.same(repos.forecast.peers(), []);
  const page = await c.get('/audit');
  t.match(page.body, '修改正式民调预测设置');
  const api2 = await api(app, '/api/forecast', bearer(issueToken(repos, null, '另一个')));
  t.equal(api2.sampleSize, 300, 'the forecast follows the settings');
});

t.test('peers from CSV and XLSX: every bad row reported, nothing imported unless all are good', async (t) => {
  const { app, repos } = await setup(t);
  const c = await logIn(app, 'committee', PASSWORD);
  await c.get('/forecast/settings');
  const bad = await c.post('/forecast/peers/import', { csv: '名称,公布得分\n甲县,91.2\n乙县,九十\n甲县,90\n,88' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '第 3 行：公布得分应为 0–100 之间的数');
  t.match(bad.body, '第 4 行：区县“甲县”重复');
  t.match(bad.body, '第 5 行：请填写区县名称');
  t.same(repos.forecast.peers(), []);
  t.equal((await c.post('/forecast/peers/import', { csv: '名称,公布得分,波动\n甲县,91.2,0.8\n乙县,90\n' })).statusCode, 303);
  t.same(repos.forecast.peers().map((p) => [p.name, p.score, p.sd]), [['甲县', 91.2, 0.8], ['乙县', 90, null]]);

  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('同类区县');
  sheet.addRow(['名称', '公布得分']);
  sheet.addRow(['丙县', 89.5]);
  sheet.addRow(['乙县', 92]);
  await c.get('/forecast/settings');
  const res = await c.upload('/forecast/peers/upload', { name: 'peers.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()) });
  t.equal(res.statusCode, 303);
  t.same(repos.forecast.peers().map((p) => [p.name, p.score]), [['乙县', 92], ['甲县', 91.2], ['丙县', 89.5]], 'added, and 乙县 updated');
  await c.get('/forecast/settings');
  const junk = await c.upload('/forecast/peers/upload', { name: 'peers.xlsx', data: Buffer.from('PK\u0003\u0004 not really a workbook') });
  t.equal(junk.statusCode, 422);
  t.match(junk.body, '无法读取该 Excel 文件');
  t.match((await c.get('/audit')).body, '导入同类区县得分');
  await c.get('/forecast/settings');
  const none = await c.upload('/forecast/peers/upload', { name: 'peers.csv', data: Buffer.alloc(0) });
  t.equal(none.statusCode, 422);
  t.match(none.body, '请选择要上传的 CSV 或 Excel（.xlsx）文件');
  const emptyPaste = await c.post('/forecast/peers/import', { csv: '  ' });
  t.equal(emptyPaste.statusCode, 422);

  const id = repos.forecast.peers().find((p) => p.name === '丙县')?.id ?? 0;
  t.equal((await c.post(`/forecast/peers/${id}/delete`, {})).statusCode, 303);
  t.same(repos.forecast.peers().map((p) => p.name), ['乙县', '甲县']);
  t.equal((await c.post(`/forecast/peers/${id}/delete`, {})).statusCode, 400, 'already gone');
  t.match((await c.get('/audit')).body, '删除同类区县');
});

t.test('back-testing: the forecast of the round against the official result entered for it', async (t) => {
  const { app, s, repos } = await setup(t);
  const c = await logIn(app, 'committee', PASSWORD);
  await c.get('/forecast/settings');
  const bad = await c.post('/forecast/official', { round: s.round.code, score: '一百' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '正式民调得分应为 0–100 之间的数');
  t.equal((await c.post('/forecast/official', { round: s.round.code, score: '61.5', rank: '3' })).statusCode, 303);
  t.same(repos.forecast.officialResults(), [{ roundId: s.round.id, score: 61.5, rank: 3 }]);
  const page = await c.get('/forecast');
  t.match(page.body, '61.50（第 3 名）');
  t.match(page.body, /比较 1 次：平均误差 -?\d+\.\d\d 分/);
  t.match(page.body, '正式结果落在 80% 区间内的比例');
  await c.get('/forecast/settings');
  t.equal((await c.post('/forecast/official', { round: 'no-such-round', score: '60' })).statusCode, 422);
  t.equal((await c.post(`/forecast/official/${s.round.code}/delete`, {})).statusCode, 303);
  t.same(repos.forecast.officialResults(), []);
  t.equal((await c.post(`/forecast/official/${s.round.code}/delete`, {})).statusCode, 400);
  t.equal((await c.post('/forecast/official/no-such-round/delete', {})).statusCode, 404);
  t.match((await c.get('/audit')).body, '删除正式民调结果');
});

t.test('no closed round yet: a clear answer, on the page and from the API', async (t) => {
  const { app, auth } = await setup(t, false);
  const c = await logIn(app, 'committee', PASSWORD);
  const page = await c.get('/forecast');
  t.equal(page.statusCode, 200);
  t.match(page.body, '还没有已结束的月度模拟民调轮次，无法预测正式民调');
  const body = await api(app, '/api/forecast', auth);
  t.equal(body.ok, false);
  t.match(body.message ?? '', '无法预测');
  t.equal(body.expected, null);
});
