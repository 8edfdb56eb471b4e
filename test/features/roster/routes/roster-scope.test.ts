// Who sees which part of the roster, and who may mark numbers: the committee everything, township staff their
// township, grid workers a read-only list of their grid. Every status change is audited; a stale form changes nothing.
import t, { type Test } from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { appRepos, pasteCsv, withRosterStaff } from '../../../kit/roster.js';

const CSV = [
  'grid,phone,category',
  'D01-T1-V1-G1,13800000001,常住居民',
  'D01-T1-V1-G2,13800000002,流动人口',
  'D01-T1-V2-G1,13800000003,企业',
  'D01-T2-V1-G1,13800000004,学校',
  'D01-T2-V2-G2,13800000005,常住居民',
].join('\n');

async function seeded(t: Test) {
  const built = await build(t, { seed: (repos) => withRosterStaff(repos) });
  const committee = await logIn(built.app, 'committee', PASSWORD);
  if ((await pasteCsv(committee, CSV)).statusCode !== 303) throw new Error('fixture import failed');
  const repos = appRepos(built.db);
  const idOf = (masked: string) => repos.contacts.list({ gridIds: repos.units.all().map((u) => u.id) }, 100, 0).find((c) => c.masked === masked)?.id ?? -1;
  return { ...built, repos, committee, idOf };
}

t.test('each role sees the roster of its scope, masked', async (t) => {
  const { app, committee } = await seeded(t);
  const all = await committee.get('/roster');
  t.match(all.body, '共 5 个号码');
  for (const n of [1, 2, 3, 4, 5]) t.match(all.body, `138****000${n}`);
  t.match(all.body, '上传并导入', 'the committee may import');

  const township = await logIn(app, 'township', PASSWORD);
  const tw = await township.get('/roster');
  t.match(tw.body, '共 3 个号码');
  t.notMatch(tw.body, '138****0004');
  t.match(tw.body, 'action="/roster/');
  t.equal((await township.get('/roster?grid=D01-T2-V1-G1')).statusCode, 403, 'another township’s grid');
  t.match((await township.get('/roster?grid=D01-T1-V2')).body, '共 1 个号码', 'a village of the township filters to its grids');

  const grid = await logIn(app, 'grid', PASSWORD);
  const own = await grid.get('/roster');
  t.equal(own.statusCode, 200);
  t.match(own.body, '共 1 个号码');
  t.match(own.body, '138****0001');
  t.notMatch(own.body, '上传并导入', 'grid workers do not import');
  // Every role has a search form (action="/roster/search"); marking stays the editors'.
  t.notMatch(own.body, /action="\/roster\/\d+\/status"/, 'nor mark numbers');
  t.equal((await grid.get('/roster?grid=D01-T1-V1-G2')).statusCode, 403);
  t.equal((await grid.post('/roster/import', { csv: 'grid,phone\nD01-T1-V1-G1,13911112222' })).statusCode, 403);
});

t.test('filters and counts per category', async (t) => {
  const { committee } = await seeded(t);
  t.match((await committee.get('/roster?category=常住居民')).body, '共 2 个号码');
  t.match((await committee.get('/roster?status=invalid')).body, '共 0 个号码');
  t.equal((await committee.get('/roster?status=nonsense')).statusCode, 400);
  const page = (await committee.get('/roster')).body;
  t.match(page, /<th scope="row">常住居民<\/th><td class="num">2<\/td>/);
});

t.test('marking a number: audited, skipped as not callable, a stale form refused, scope enforced', async (t) => {
  const { app, repos, committee, idOf } = await seeded(t);
  const township = await logIn(app, 'township', PASSWORD);
  await township.get('/roster');
  const own = idOf('138****0001');
  const res = await township.post(`/roster/${own}/status`, { from: 'active', to: 'invalid', back: '?grid=D01-T1-V1-G1&evil=1' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/roster?grid=D01-T1-V1-G1');
  t.equal(repos.contacts.getById(own)?.status, 'invalid');
  const audit = repos.audit.byAction('roster.status')[0];
  t.same(JSON.parse(audit?.detail ?? '{}'), { contact: own, grid: repos.units.getByCode('D01-T1-V1-G1')?.id, from: 'active', to: 'invalid' });
  t.equal(audit?.username, 'township');
  t.match((await township.get('/roster?status=invalid')).body, '空号');

  const stale = await township.post(`/roster/${own}/status`, { from: 'active', to: 'do_not_call' });
  t.equal(stale.statusCode, 409);
  t.match(stale.body, '已不是“正常”');
  t.equal(repos.contacts.getById(own)?.status, 'invalid');

  const other = await township.post(`/roster/${idOf('138****0004')}/status`, { from: 'active', to: 'invalid' });
  t.equal(other.statusCode, 404, 'a number of another township is not found');
  t.equal(repos.contacts.getById(idOf('138****0004'))?.status, 'active');

  const grid = await logIn(app, 'grid', PASSWORD);
  await grid.get('/roster');
  t.equal((await grid.post(`/roster/${own}/status`, { from: 'invalid', to: 'active' })).statusCode, 403);
  await committee.get('/roster');
  t.equal((await committee.post(`/roster/${own}/status`, { from: 'invalid', to: 'active' })).statusCode, 303, 'the committee restores it');
  t.equal(repos.audit.byAction('roster.status').length, 2);
});
