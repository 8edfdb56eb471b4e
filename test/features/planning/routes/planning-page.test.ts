// The planner page (docs/statistics.md#planner-page): the committee sees the API's figures for the district; township
// staff the district's model with their own township's interviews and γ; no closed round, an unknown round, a level
// without a model are said in plain Chinese.
import t from 'tap';
import { build, bearer, injectAs, issueToken, PASSWORD } from '../../../kit/app.js';
import { answerBigRound, bigRound } from '../../../kit/small-area-domain.js';
import { answerGrids, R_DATA, smallRound, type SmallRound } from '../../../kit/results-domain.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

/** The text of the element with this id on the page. */
function field(html: string, id: string): string {
  const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html);
  if (!m) throw new Error(`no #${id}`);
  return m[1];
}

const shown = (n: number | null): string => (n === null ? '无法达到' : `${n} 份`);

t.test('the planner page shows the API figures, and township staff their own units', async (t) => {
  let s: SmallRound | undefined;
  let secret = '';
  const { app } = await build(t, {
    seed: (repos) => {
      s = bigRound(repos, t);
      answerBigRound(repos, s);
      secret = issueToken(repos, null);
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
      repos.users.create({ username: 'town1', displayName: '第1镇', password: PASSWORD, role: 'township', unitId: s.townships[0].id });
    },
  });
  if (!s) throw new Error('fixture');
  const committee = await injectAs(app, 'committee');
  const before = await committee.get('/planning');
  t.equal(before.statusCode, 200);
  t.match(before.body, '还没有已结束的轮次', 'no closed round yet: said so');

  closeRoundById(app.repos, s.round.id);
  const code = s.round.code;
  for (const level of ['grid', 'village'] as const) {
    const api = (await app.inject({ method: 'GET', url: `/api/rounds/${code}/planning?level=${level}`, headers: bearer(secret) })).json();
    const page = await committee.get(`/planning?round=${code}&level=${level}`);
    t.equal(page.statusCode, 200);
    const html = page.body;
    t.equal(field(html, 'c'), api.c.toFixed(1), `${level}: c`);
    t.equal(field(html, 'sigma2u'), api.sigma2u.toFixed(1));
    t.equal(field(html, 'mean-gamma'), api.meanGamma.toFixed(2));
    t.equal(field(html, 'current-n'), `约 ${api.currentN} 份`);
    t.equal(field(html, 'n-07'), shown(api.nForReliability['0.7']));
    t.equal(field(html, 'n-08'), shown(api.nForReliability['0.8']));
    t.equal(field(html, 'n-5'), shown(api.nForChange['5']));
    t.equal(field(html, 'n-10'), shown(api.nForChange['10']));
    t.equal(field(html, 'half-width'), `±${api.halfWidth[String(api.currentN)].toFixed(1)} 分 / ±${api.halfWidth['50'].toFixed(1)} 分`);
    for (const row of api.table as Array<{ n: number; reliability: number; halfWidth: number; detectableChange: number }>) {
      t.match(html, `<tr><td>${row.n} 份</td><td>${row.reliability.toFixed(2)}</td><td>±${row.halfWidth.toFixed(1)}</td><td>${row.detectableChange.toFixed(1)}</td></tr>`);
    }
    t.equal(field(html, 'planning-paragraph').length, 0, 'the paragraph sits in <strong>');
    t.match(html, `<strong>${api.paragraph}</strong>`);
  }
  const defaulted = await committee.get('/planning');
  t.match(defaulted.body, `<option value="${code}" selected>`, 'the newest closed round is picked by default');
  t.match(defaulted.body, /<a href="\/planning" aria-current="page">抽样设计建议<\/a>/, 'linked from the staff navigation');
  t.notMatch(defaulted.body, 'id="planning-scope"');

  // Township staff: the district's c and σ²_u; the current size and reliability of their own township's grids.
  const closed = app.repos.rounds.getByCode(code);
  if (!closed) throw new Error('round');
  const results = getRoundResults(app.repos, closed);
  const api = (await app.inject({ method: 'GET', url: `/api/rounds/${code}/planning?level=grid`, headers: bearer(secret) })).json();
  const own = Object.values(results.units).filter((u) => u.level === 'grid' && u.n > 0 && u.code.startsWith('B01-T1-'));
  const gammas = own.map((u) => u.composite.smallArea?.gamma).filter((g) => g !== undefined);
  const ownN = Math.round(own.reduce((a, u) => a + u.n, 0) / own.length);
  const ownGamma = gammas.reduce((a, b) => a + b, 0) / gammas.length;
  const town = await injectAs(app, 'town1');
  const page = await town.get(`/planning?round=${code}&level=grid`);
  t.equal(page.statusCode, 200);
  t.match(page.body, /id="planning-scope"[^>]*>模型按全区所有网格拟合.*只按第1镇的网格计算/);
  t.equal(field(page.body, 'c'), api.c.toFixed(1));
  t.equal(field(page.body, 'sigma2u'), api.sigma2u.toFixed(1));
  t.equal(field(page.body, 'current-n'), `约 ${ownN} 份`);
  t.equal(field(page.body, 'mean-gamma'), ownGamma.toFixed(2));
  t.not(ownN, api.currentN, 'the fixture makes the township differ from the district');
  t.match(page.body, `按目前每个网格每月约 ${ownN} 份`);

  t.equal((await committee.get('/planning?round=NO-SUCH')).statusCode, 404);
  t.equal((await committee.get('/planning?level=town')).statusCode, 400);
});

t.test('a level without a model is said in plain Chinese', async (t) => {
  const { app } = await build(t, {
    seed: (repos) => {
      const s = smallRound(repos, t);
      answerGrids(repos, s, R_DATA);
      closeRoundById(repos, s.round.id);
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  const page = await (await injectAs(app, 'committee')).get('/planning');
  t.equal(page.statusCode, 200);
  t.match(page.body, /id="planning-refusal"[^>]*>样本不足以建模（完成 10 份及以上的单位少于 5 个），无法给出建议/);
  t.notMatch(page.body, 'id="planning-summary"');
});
