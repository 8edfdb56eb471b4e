// window weights that do not add to 100% are refused (never quietly rescaled) with what was typed kept,
// and an import of peer districts offers to replace the list (替换现有) or add to it (追加).
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';

const BY = { userId: null, client: null };

async function committee(t: Parameters<typeof build>[0]) {
  const built = await build(t, { seed: (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    repos.forecast.savePeers([{ name: '演示县', score: 90, sd: null, published: '演示数据' }], BY, 'forecast.peers.import');
  } });
  return { ...built, c: await logIn(built.app, 'committee', PASSWORD) };
}

t.test('window weights must add to 100%: 0.5, 0.6 is refused with its sum, the typed form kept', async (t) => {
  const { repos, c } = await committee(t);
  await c.get('/forecast/settings');
  const res = await c.post('/forecast/settings', { survey: '', sampleSize: '300', window: '0.5, 0.6' });
  t.equal(res.statusCode, 422);
  t.match(res.body, '各轮权重之和应为 100%（或 1），现在为 110%');
  t.match(res.body, 'name="window" value="0.5, 0.6"', 'the weights as typed');
  t.match(res.body, 'name="sampleSize" value="300"', 'and the sample size as typed');
  t.same(repos.forecast.settings().windowWeights, [1], 'nothing stored');
  for (const typed of ['0.5, 0.3, 0.2', '50%, 30%, 20%', '50, 30, 20']) {
    await c.get('/forecast/settings');
    t.equal((await c.post('/forecast/settings', { survey: '', sampleSize: '300', window: typed })).statusCode, 303, typed);
    t.same(repos.forecast.settings().windowWeights, [0.5, 0.3, 0.2], `${typed} is stored as the shares typed`);
  }
  await c.get('/forecast/settings');
  t.equal((await c.post('/forecast/settings', { survey: '', sampleSize: '300', window: '0.25, 0.25' })).statusCode, 422, 'half is not all');
});

t.test('an import offers 替换现有 (preselected) or 追加; replacing removes the demo peers', async (t) => {
  const { repos, c } = await committee(t);
  const page = (await c.get('/forecast/settings')).body;
  const uploadForm = page.slice(page.indexOf('action="/forecast/peers/upload"'), page.indexOf('action="/forecast/peers/import"'));
  t.match(uploadForm, /<input type="radio" name="mode" value="replace" checked> 替换现有/);
  t.match(uploadForm, /<input type="radio" name="mode" value="append"> 追加/);
  t.equal((await c.upload('/forecast/peers/upload', { name: 'peers.csv', data: '名称,公布得分\n甲县,91.2\n', type: 'text/csv' }, { mode: 'append' })).statusCode, 303);
  t.same(repos.forecast.peers().map((p) => p.name).sort(), ['演示县', '甲县'], '追加 keeps the list');
  await c.get('/forecast/settings');
  t.equal((await c.upload('/forecast/peers/upload', { name: 'peers.csv', data: '名称,公布得分\n乙县,92\n丙县,89\n', type: 'text/csv' }, { mode: 'replace' })).statusCode, 303);
  t.same(repos.forecast.peers().map((p) => p.name), ['乙县', '丙县'], '替换现有 leaves only the imported peers');
  const entry = repos.audit.byAction('forecast.peers.import')[0];
  t.match(JSON.stringify(entry), '演示县', 'the audit names what the replacement removed');
});

t.test('a pasted table with errors comes back as pasted, with the choice made', async (t) => {
  const { repos, c } = await committee(t);
  await c.get('/forecast/settings');
  const res = await c.post('/forecast/peers/import', { csv: '名称,公布得分\n甲县,九十', mode: 'append' });
  t.equal(res.statusCode, 422);
  t.match(res.body, '第 2 行：公布得分应为 0–100 之间的数');
  t.match(res.body, '>名称,公布得分\n甲县,九十</textarea>');
  const pasteForm = res.body.slice(res.body.indexOf('action="/forecast/peers/import"'));
  t.match(pasteForm, '<input type="radio" name="mode" value="append" checked>');
  t.same(repos.forecast.peers().map((p) => p.name), ['演示县']);
});
