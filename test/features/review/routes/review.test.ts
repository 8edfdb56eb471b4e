// A burst from one network to one grid is held for review (待核查), not counted; the committee accepts or rejects
// each held response, every decision audited, and the results move only with an acceptance.
import t from 'tap';
import { pollApp } from '../../../kit/resident-poll.js';
import type { Poll } from '../../../kit/resident-poll.js';
import { FORM, completeAnswers, count, formBody, openForm, shownFor } from '../../../kit/resident.js';
import { logIn, PASSWORD } from '../../../kit/app.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { DEFAULT_INTEGRITY_SETTINGS } from '../../../../server/features/review/core/settings.js';
import type { FastifyInstance } from 'fastify';

interface Sender {
  address(i: number): string;
  /** The suggestion typed, '' for none: the same answers each time unless it varies. */
  text(i: number): string;
}
const ONE_SCRIPT: Sender = { address: () => '203.0.113.7', text: () => '' };

async function burst(app: FastifyInstance, poll: Poll, posts: number, sender = ONE_SCRIPT): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let i = 0; i < posts; i++) {
    const text = sender.text(i);
    const answers = completeAnswers(poll.survey, text === '' ? {} : { [poll.suggestionId]: text });
    // Each post from its own device with its own served key, all from one address: what a script with a cookie jar does.
    const form = await openForm(app, poll.gridCode);
    const res = await app.inject({
      method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies, remoteAddress: sender.address(i),
      payload: formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: form.key }),
    });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  }
  return statuses;
}

function setup(t: Parameters<typeof pollApp>[0]) {
  return pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  });
}

t.test('a burst of 100 posts from one network to one grid is held, not counted; decisions move the results', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  const statuses = await burst(app, poll, 100);
  const thanked = statuses.get(200) ?? 0;
  // The per-address rate limit (60 a minute) turns the rest away before any of this.
  t.equal(thanked, 60, 'every accepted post is thanked, held or not');
  const counted = count(db, 'responses');
  const held = count(db, 'held_responses');
  // The script sends the same answers each time: past 8 identical answer sets (or 10 from one network in the hour, or
  // 5 from one network in the round) all are held.
  const { networkMaxPerGridHour, patternMaxInWindow, networkMaxPerRound } = DEFAULT_INTEGRITY_SETTINGS;
  t.equal(counted, Math.min(networkMaxPerGridHour, patternMaxInWindow, networkMaxPerRound), 'only the first few count');
  t.equal(held, thanked - counted, 'the rest are held for review');
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode].n, counted, 'held responses are not in the results');

  const committee = await logIn(app, 'committee', PASSWORD);
  const page = await committee.get(`/rounds/${poll.round.code}/review`);
  t.equal(page.statusCode, 200);
  t.match(page.body, `待核查 <strong>${held}</strong> 份`);
  t.match(page.body, '同一网络集中提交');
  t.match(page.body, '相同答案集中出现');
  t.match(page.body, '网格提交量突增', 'past the burst floor the burst reason shows too');
  const ids = repos.review.list(poll.round.id, 'held').map((h) => h.id);

  const accepted = await committee.post(`/rounds/${poll.round.code}/review/${ids[0]}/accept`, {});
  t.equal(accepted.statusCode, 303);
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode].n, counted + 1, 'an accepted response counts at once');
  // 剔除 needs the confirmation page's checkbox.
  const rejected = await committee.post(`/rounds/${poll.round.code}/review/${ids[1]}/reject`, { confirm: '1' });
  t.equal(rejected.statusCode, 303);
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode].n, counted + 1, 'a rejected one never does');
  t.same(repos.review.counts(poll.round.id), { held: held - 2, accepted: 1, rejected: 1 });

  const twice = await committee.post(`/rounds/${poll.round.code}/review/${ids[0]}/reject`, {});
  t.equal(twice.statusCode, 409, 'a decided response cannot be decided again');
  t.match(twice.body, '已被他人处理');
  t.equal(count(db, 'responses'), counted + 1);

  const audit = repos.audit.forRound(poll.round.code).filter((e) => e.action.startsWith('round.review.'));
  t.same(audit.map((e) => e.action), ['round.review.accept', 'round.review.reject'], 'each decision is audited');
  t.equal(audit[0].username, 'committee');
  const roundPage = await committee.get(`/rounds/${poll.round.code}`);
  t.match(roundPage.body, `待核查 ${held - 2} 份，已采纳 1 份，已剔除 1 份`);
  t.match(roundPage.body, '采纳待核查答卷');

  // The whole grid at once (e.g. it was a residents' meeting on one Wi-Fi after all): one click, each audited.
  t.match((await committee.get(`/rounds/${poll.round.code}/review`)).body, '全部采纳');
  const all = await committee.post(`/rounds/${poll.round.code}/review/grid/${poll.gridCode}/accept`, {});
  t.equal(all.statusCode, 303);
  t.same(repos.review.counts(poll.round.id), { held: 0, accepted: held - 1, rejected: 1 });
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode].n, counted + held - 1);
  t.equal(repos.audit.byAction('round.review.accept', 1000).length, held - 1);
});

t.test('varied answers from one network: the network rule holds past its threshold', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  // The round's own limit per network set above the hour's, so that the hour's is the one crossed here.
  repos.review.saveSettings(poll.round.id, poll.round.code, { ...DEFAULT_INTEGRITY_SETTINGS, networkMaxPerRound: 100 }, null);
  await burst(app, poll, 30, { address: () => '203.0.113.7', text: (i) => `建议${i}` });
  t.equal(count(db, 'responses'), DEFAULT_INTEGRITY_SETTINGS.networkMaxPerGridHour);
  t.equal(count(db, 'held_responses'), 30 - DEFAULT_INTEGRITY_SETTINGS.networkMaxPerGridHour);
  t.same(repos.review.list(poll.round.id, 'held')[0].reasons, ['network']);
  t.equal(count(db, 'receipts'), DEFAULT_INTEGRITY_SETTINGS.networkMaxPerGridHour, 'held suggestions open no receipt');
});

t.test('a burst from many networks: far above the usual hourly rate is held', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  await burst(app, poll, 25, { address: (i) => `198.51.100.${i + 1}`, text: (i) => `建议${i}` });
  t.equal(count(db, 'responses'), DEFAULT_INTEGRITY_SETTINGS.burstMinPerHour, 'a grid with no history: the floor applies');
  t.same(repos.review.list(poll.round.id, 'held')[0].reasons, ['burst']);
});

t.test('thresholds are set per round on the review page, checked, audited', async (t) => {
  const { app, repos, poll } = await setup(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  await committee.get(`/rounds/${poll.round.code}/review`);
  const form = {
    burstMadMultiplier: '4', burstMinPerHour: '30', networkMaxPerGridHour: '25', quotaMultiple: '2.5', patternWindowMinutes: '60', patternMaxInWindow: '12',
    networkMaxGridsPerRound: '3', networkMaxPerRound: '6', areaBurstMinPerHour: '50',
  };
  const bad = await committee.post(`/rounds/${poll.round.code}/review/settings`, { ...form, quotaMultiple: '0' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '网格答卷超过配额的倍数：应在 1 到 1000 之间');
  t.same(repos.review.settings(poll.round.id), DEFAULT_INTEGRITY_SETTINGS, 'nothing saved');
  await committee.get(`/rounds/${poll.round.code}/review`);
  const ok = await committee.post(`/rounds/${poll.round.code}/review/settings`, form);
  t.equal(ok.statusCode, 303);
  t.same(repos.review.settings(poll.round.id), {
    burstMadMultiplier: 4, burstMinPerHour: 30, networkMaxPerGridHour: 25, quotaMultiple: 2.5, patternWindowMinutes: 60, patternMaxInWindow: 12,
    networkMaxGridsPerRound: 3, networkMaxPerRound: 6, areaBurstMinPerHour: 50,
  });
  t.same(repos.audit.byAction('round.review.settings').length, 1);
});

t.test('only administrators and the committee review', async (t) => {
  const { app, poll } = await pollApp(t, (repos) => {
    const township = repos.units.getByCode('T-D01');
    repos.users.create({ username: 'township', displayName: '东街道', password: PASSWORD, role: 'township', unitId: township?.id ?? null });
  });
  const staff = await logIn(app, 'township', PASSWORD);
  t.equal((await staff.get(`/rounds/${poll.round.code}/review`)).statusCode, 403);
  t.equal((await app.inject({ method: 'GET', url: `/rounds/${poll.round.code}/review` })).statusCode, 302, 'anonymous: to the login');
});
