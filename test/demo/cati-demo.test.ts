// On the demo, the grid worker takes the next number of their grid, completes an interview and sees it counted;
// the township login sees its interviewers' progress (docs/rules.md#phone-interviews).
import t from 'tap';
import { build, testConfig } from '../kit/helper.js';
import { seedDemoIfEmpty, DEMO_PASSWORD } from '../../server/demo/seed.js';
import { logIn } from '../kit/staff-session.js';
import { answerFields, takeNext } from '../kit/cati.js';
import { completeAnswers } from '../kit/resident.js';

t.test('the demo grid worker phones a number of their grid and completes an interview', async (t) => {
  const { app, repos, db } = await build(t, async (_repos, db) => {
    await seedDemoIfEmpty(db, { log: () => {}, now: new Date(), secret: testConfig().secret });
  });
  const round = repos.rounds.list().find((r) => r.state === 'open' && r.channels.includes('phone'));
  if (!round) throw new Error('the demo has an open phone round');
  const survey = repos.surveys.getVersion(round.surveyVersionId)?.survey;
  if (!survey) throw new Error('demo survey');
  const s = await logIn(app, 'wanggeyuan', DEMO_PASSWORD);
  const me = repos.users.getByUsername('wanggeyuan');
  t.match((await s.get('/cati')).body, round.code);
  const contact = await takeNext(s, round.code);
  if (contact === undefined) throw new Error('no number drawn on the demo');
  t.equal(db.prepare('SELECT grid_id FROM contacts WHERE id = ?').pluck().get(contact), me?.unitId, 'a number of their grid');
  const earlier = db.prepare("SELECT COUNT(*) FROM calls WHERE round_id = ? AND contact_id = ? AND disposition IN ('complete', 'refusal', 'partial', 'not_eligible')").pluck().get(round.id, contact);
  t.equal(earlier, 0, 'not a number whose case the demo\'s calls already closed');
  const revealed = await s.post(`/cati/${round.code}/calls/${contact}/reveal`, {});
  t.match(revealed.body, /href="tel:\d{11}"/, 'the number opens');
  const before = repos.responses.countByGrid(round.id).get(me?.unitId ?? -1)?.complete ?? 0;
  const done = await s.post(`/cati/${round.code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, completeAnswers(survey)) });
  t.equal(done.statusCode, 303, done.body.slice(0, 300));
  t.equal(repos.responses.countByGrid(round.id).get(me?.unitId ?? -1)?.complete, before + 1, 'counted for the grid');
  t.match((await s.get(`/cati/${round.code}`)).body, /本轮我拨打 \/ 完成<\/th><td class="num">1 次 \/ 1 份/);
  const township = await logIn(app, 'xiangzhen', DEMO_PASSWORD);
  const overview = await township.get(`/cati/${round.code}`);
  t.match(overview.body, '访问员进度');
  t.match(overview.body, me?.displayName ?? '');
});
