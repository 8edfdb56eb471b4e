// The forecast settings page lets the committee choose which answers the forecast pools (docs/statistics.md#answer-modes):
// 自动 (the default, preselected), only phone interviews, or every answer; the choice is stored, shown checked on the
// page, audited, and a form without it keeps the stored choice; an unknown one is refused with what was typed kept.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';

async function committee(t: Parameters<typeof build>[0]) {
  const built = await build(t, { seed: (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  return { ...built, c: await logIn(built.app, 'committee', PASSWORD) };
}

function checkedMode(page: string): string[] {
  return [...page.matchAll(/<input type="radio" name="answerMode" value="(\w+)" checked>/g)].map((m) => m[1]);
}

t.test('the answer mode is chosen on the settings page, stored, shown and audited', async (t) => {
  const { repos, c } = await committee(t);
  const page = (await c.get('/forecast/settings')).body;
  t.same(checkedMode(page), ['auto'], '自动 is preselected');
  t.match(page, '只用电话访问答卷');
  t.match(page, '使用全部答卷');

  t.equal((await c.post('/forecast/settings', { survey: '', sampleSize: '200', window: '1', answerMode: 'phone' })).statusCode, 303);
  t.equal(repos.forecast.settings().answerMode, 'phone', 'stored');
  t.same(checkedMode((await c.get('/forecast/settings')).body), ['phone'], 'shown checked');
  const entry = repos.audit.byAction('forecast.settings')[0];
  t.match(JSON.parse(entry?.detail ?? '{}'), { answerMode: 'phone' }, 'audited with the choice');

  t.equal((await c.post('/forecast/settings', { survey: '', sampleSize: '250', window: '1' })).statusCode, 303, 'a form without the choice');
  t.equal(repos.forecast.settings().answerMode, 'phone', 'keeps the stored choice');
  t.equal(repos.forecast.settings().sampleSize, 250);

  await c.get('/forecast/settings');
  t.equal((await c.post('/forecast/settings', { survey: '', sampleSize: '200', window: '1', answerMode: 'all' })).statusCode, 303);
  t.equal(repos.forecast.settings().answerMode, 'all');
  await c.get('/forecast/settings');
  t.equal((await c.post('/forecast/settings', { survey: '', sampleSize: '200', window: '1', answerMode: 'auto' })).statusCode, 303);
  t.equal(repos.forecast.settings().answerMode, undefined, 'auto is the default again');
});

t.test('an unknown answer mode is refused in Chinese, the form kept as typed', async (t) => {
  const { repos, c } = await committee(t);
  await c.get('/forecast/settings');
  const res = await c.post('/forecast/settings', { survey: '', sampleSize: '300', window: '1', answerMode: 'web' });
  t.equal(res.statusCode, 422);
  t.match(res.body, '请选择预测使用哪些答卷');
  t.match(res.body, 'name="sampleSize" value="300"', 'the sample size as typed');
  t.same(checkedMode(res.body), [], 'no choice checked that was not made');
  t.equal(repos.forecast.settings().sampleSize, 200, 'nothing stored');
});
