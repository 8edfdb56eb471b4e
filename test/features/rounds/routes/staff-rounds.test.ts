// Creating, opening and closing rounds from the staff pages: checked input, a confirmation step, anti-forgery
// tokens, and an audit log row for every change.
import t from 'tap';
import { build, anonymous, formBody, logIn } from '../../../kit/app.js';
import { smallDistrict } from '../../../kit/fixtures.js';
import { paths } from '../../../../server/paths.js';
import type { Repos } from '../../../../server/platform/repos.js';
import type { Db } from '../../../../server/platform/db.js';
import { createRound } from '../../../../server/features/rounds/rounds-service.js';

const PASSWORD = 'committee password';

function prepare(repos: Repos): void {
  smallDistrict(repos);
  repos.surveys.syncFromDirectory(paths.surveys);
  repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
}

const roundCount = (db: Db) => db.prepare('SELECT COUNT(*) FROM rounds').pluck().get();
const auditActions = (db: Db) => db.prepare<[], { action: string; user_id: number | null; detail: string | null }>('SELECT action, user_id, detail FROM audit_log WHERE action LIKE \'round.%\' ORDER BY id').all();

function goodForm(repos: Repos): Record<string, string | string[]> {
  const survey = repos.surveys.list()[0];
  if (!survey) throw new Error('no questionnaire loaded');
  return {
    surveyVersionId: String(survey.versionId),
    period: '2025-04',
    kind: 'monthly',
    units: [repos.units.roots()[0].code],
    quotaPerGrid: '8',
    minSample: '3',
    channels: ['web', 'phone'],
  };
}

t.test('a round is created as a draft, opened and closed after confirmation, each step audit-logged', async (t) => {
  const { app, repos, db } = await build(t, { seed: prepare });
  const s = await logIn(app, 'committee', PASSWORD);
  const form = await s.get('/rounds/new');
  t.equal(form.statusCode, 200);
  t.match(form.body, '新建轮次');

  const created = await s.post('/rounds', goodForm(repos));
  t.equal(created.statusCode, 303);
  const code = created.headers.location?.toString().replace('/rounds/', '') ?? '';
  const round = repos.rounds.getByCode(decodeURIComponent(code));
  t.ok(round, 'stored');
  t.equal(round?.state, 'draft');
  t.equal(round?.quotaPerGrid, 8);
  t.equal(round?.minSample, 3);
  t.same(round?.channels, ['web', 'phone']);
  t.equal(round?.period, '2025-04');

  const detail = await s.get(`/rounds/${code}`);
  t.match(detail.body, '草稿');
  t.match(detail.body, '新建轮次');

  const confirm = await s.get(`/rounds/${code}/open`);
  t.equal(confirm.statusCode, 200);
  t.match(confirm.body, '确认开始');
  t.equal(repos.rounds.getByCode(decodeURIComponent(code))?.state, 'draft', 'the confirmation page changes nothing');

  const opened = await s.post(`/rounds/${code}/open`, {});
  t.equal(opened.statusCode, 303);
  t.equal(repos.rounds.getByCode(decodeURIComponent(code))?.state, 'open');

  t.equal((await s.get(`/rounds/${code}/open`)).statusCode, 409, 'an open round cannot be opened again');
  const twice = await s.post(`/rounds/${code}/open`, {});
  t.equal(twice.statusCode, 409);
  t.match(twice.body, '不能开始');

  await s.get(`/rounds/${code}/close`);
  const closed = await s.post(`/rounds/${code}/close`, {});
  t.equal(closed.statusCode, 303);
  const after = repos.rounds.getByCode(decodeURIComponent(code));
  t.equal(after?.state, 'closed');
  t.ok(after?.closedAt);

  const frozen = await s.get(`/rounds/${code}`);
  t.match(frozen.body, '已冻结');
  t.notMatch(frozen.body, `/rounds/${code}/open"`);
  t.notMatch(frozen.body, `/rounds/${code}/close"`);
  t.equal((await s.post(`/rounds/${code}/open`, {})).statusCode, 409, 'a closed round stays closed');

  const user = repos.users.getByUsername('committee');
  const log = auditActions(db);
  t.same(log.map((a) => a.action), ['round.create', 'round.open', 'round.close']);
  t.ok(log.every((a) => a.user_id === user?.id), 'who');
  t.ok(log.every((a) => a.detail?.includes(decodeURIComponent(code))), 'what');
  t.match(frozen.body, 'committee', 'the history names who did it');
});

t.test('bad input is refused in Chinese and nothing is stored', async (t) => {
  const { app, repos, db } = await build(t, { seed: prepare });
  const s = await logIn(app, 'committee', PASSWORD);
  await s.get('/rounds/new');

  const badPeriod = await s.post('/rounds', { ...goodForm(repos), period: '2025-13' });
  t.equal(badPeriod.statusCode, 422);
  t.match(badPeriod.body, '期间格式不正确');
  t.match(badPeriod.body, 'value="2025-13"', 'the input is kept');

  const unknownUnit = await s.post('/rounds', { ...goodForm(repos), units: ['NO-SUCH-UNIT'] });
  t.equal(unknownUnit.statusCode, 422);
  t.match(unknownUnit.body, '找不到这些单位：NO-SUCH-UNIT');

  const script = await s.post('/rounds', { ...goodForm(repos), period: '<script>x</script>' });
  t.equal(script.statusCode, 422);
  t.notMatch(script.body, '<script>x</script>');

  const noChannel = await s.post('/rounds', { ...goodForm(repos), channels: [] });
  t.equal(noChannel.statusCode, 422);
  t.match(noChannel.body, '请至少选择一种收集方式');

  t.equal(roundCount(db), 0);
  t.same(auditActions(db), []);

  t.equal((await s.post('/rounds', goodForm(repos))).statusCode, 303);
  const duplicate = await s.post('/rounds', goodForm(repos));
  t.equal(duplicate.statusCode, 422);
  t.match(duplicate.body, '该轮次已经存在');
  t.equal(roundCount(db), 1);
});

t.test('a form without a valid anti-forgery token changes nothing', async (t) => {
  const { app, repos, db } = await build(t, { seed: prepare });
  const s = await logIn(app, 'committee', PASSWORD);
  await s.get('/rounds/new');

  const forged = await s.post('/rounds', { ...goodForm(repos), _csrf: 'forged-token' });
  t.equal(forged.statusCode, 403);
  t.match(forged.body, '页面已过期，请刷新后重试');
  t.equal(roundCount(db), 0);

  const missing = await app.inject({
    method: 'POST',
    url: '/rounds',
    cookies: s.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody(goodForm(repos)),
  });
  t.equal(missing.statusCode, 403);
  t.equal(roundCount(db), 0);

  await s.post('/rounds', goodForm(repos));
  const round = repos.rounds.list()[0];
  // A token from another browser's session does not work with this browser's cookies.
  const other = await anonymous(app);
  await other.get('/login');
  const stolen = await s.post(`/rounds/${round.code}/open`, { _csrf: other.csrf });
  t.equal(stolen.statusCode, 403);
  t.equal(repos.rounds.getById(round.id)?.state, 'draft');
  t.same(auditActions(db).map((a) => a.action), ['round.create']);
});

t.test('a logged-out request to change a round is sent to the login page and changes nothing', async (t) => {
  const { app, repos, db } = await build(t, { seed: prepare });
  const round = createRound(repos, { surveyVersionId: repos.surveys.list()[0].versionId, period: '2025-05', unitIds: [repos.units.roots()[0].id] });
  const res = await app.inject({ method: 'POST', url: `/rounds/${round.code}/open`, payload: {} });
  t.equal(res.statusCode, 302);
  t.match(res.headers.location, '/login');
  t.equal(repos.rounds.getById(round.id)?.state, 'draft');
  t.same(auditActions(db), []);
});
