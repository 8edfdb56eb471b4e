// Resident links and the printable QR poster of a grid.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound, smallDistrict } from '../../../kit/fixtures.js';
import type { Repos } from '../../../../server/platform/repos.js';

function prepare(repos: Repos): void {
  smallDistrict(repos);
  openRound(repos);
  const grid = repos.units.descendants(repos.units.roots()[0].id, 'grid')[0];
  repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  repos.users.create({ username: 'grid', displayName: '网格员', password: PASSWORD, role: 'grid', unitId: grid.id });
}

t.test('the poster of a grid carries its name, the period, an SVG QR code and the link', async (t) => {
  const { app, repos } = await build(t, { seed: prepare, config: { publicUrl: 'https://poll.example.gov.cn' } });
  const round = repos.rounds.list()[0];
  const grid = repos.units.getById(repos.rounds.gridIds(round)[0]);
  if (!grid) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${round.code}/links/${grid.code}/poster`);
  t.equal(res.statusCode, 200);
  t.match(res.body, grid.name);
  const [year, month] = round.period.split('-');
  t.match(res.body, `${year}年${Number(month)}月`);
  t.match(res.body, /<svg[^>]*viewBox="0 0 \d+ \d+"/);
  t.match(res.body, /<path[^>]+d="M/);
  t.match(res.body, `https://poll.example.gov.cn/g/${grid.code}`);
  t.match(res.body, '扫描');
});

t.test('without a public URL, links use the address the page was opened at when it is this server\'s own', async (t) => {
  const { app, repos } = await build(t, { seed: prepare });
  const round = repos.rounds.list()[0];
  const grids = repos.rounds.gridIds(round).map((id) => repos.units.getById(id));
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await app.inject({ method: 'GET', url: `/rounds/${round.code}/links`, cookies: s.cookies, headers: { host: 'localhost:3000' } });
  t.equal(res.statusCode, 200);
  for (const g of grids) t.match(res.body, `http://localhost:3000/g/${g?.code}`);
  t.equal(res.body.match(/<svg/g)?.length, grids.length, 'one QR code per grid');
  t.match(res.body, '尚未设置公网地址（SAFEPOLL_PUBLIC_URL）', 'the page warns that the public URL is not set');
});

t.test('a Host header naming another site never reaches a link or poster', async (t) => {
  const { app, repos } = await build(t, { seed: prepare });
  const round = repos.rounds.list()[0];
  const grid = repos.units.getById(repos.rounds.gridIds(round)[0]);
  if (!grid) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  for (const host of ['evil.example', 'evil.example:3000', 'localhost:3000@evil.example', '127.0.0.1:4000']) {
    for (const url of [`/rounds/${round.code}/links`, `/rounds/${round.code}/links/${grid.code}/poster`]) {
      const res = await app.inject({ method: 'GET', url, cookies: s.cookies, headers: { host } });
      t.equal(res.statusCode, 200, `${host} ${url}`);
      t.notMatch(res.body, 'evil.example', `${host} ${url}: no link to the other site`);
      t.match(res.body, `http://127.0.0.1:3000/g/${grid.code}`, `${host} ${url}: the listening address instead`);
    }
  }
});

t.test('a 2,400-character Host header gives the page with the listening address, not a 500', async (t) => {
  const { app, repos } = await build(t, { seed: prepare });
  const round = repos.rounds.list()[0];
  const grid = repos.units.getById(repos.rounds.gridIds(round)[0]);
  if (!grid) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  const host = `${'a'.repeat(2390)}.example`;
  for (const url of [`/rounds/${round.code}/links`, `/rounds/${round.code}/links/${grid.code}/poster`]) {
    const res = await app.inject({ method: 'GET', url, cookies: s.cookies, headers: { host } });
    t.equal(res.statusCode, 200, url);
    t.match(res.body, `http://127.0.0.1:3000/g/${grid.code}`);
    t.match(res.body, /<svg/);
  }
});

t.test('with a public URL set, the page does not warn and a very long one gives a note instead of a QR code', async (t) => {
  const { app, repos } = await build(t, { seed: prepare, config: { publicUrl: `https://${'p'.repeat(700)}.example.gov.cn` } });
  const round = repos.rounds.list()[0];
  const grid = repos.units.getById(repos.rounds.gridIds(round)[0]);
  if (!grid) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  const list = await s.get(`/rounds/${round.code}/links`);
  t.equal(list.statusCode, 200);
  t.notMatch(list.body, '尚未设置公网地址');
  t.match(list.body, '链接过长，无法生成二维码');
  const poster = await s.get(`/rounds/${round.code}/links/${grid.code}/poster`);
  t.equal(poster.statusCode, 200);
  t.match(poster.body, '链接过长，无法生成二维码，请使用下方链接');
});

t.test('a grid worker gets links and posters of their own grid only', async (t) => {
  const { app, repos } = await build(t, { seed: prepare });
  const round = repos.rounds.list()[0];
  const mine = repos.units.getById(repos.users.getByUsername('grid')?.unitId ?? -1);
  const other = repos.rounds.gridIds(round).map((id) => repos.units.getById(id)).find((g) => g && g.id !== mine?.id);
  if (!mine || !other) throw new Error('fixture');
  const s = await logIn(app, 'grid', PASSWORD);
  const list = await s.get(`/rounds/${round.code}/links`);
  t.equal(list.statusCode, 200);
  t.match(list.body, `/g/${mine.code}`);
  t.notMatch(list.body, `/g/${other.code}`);
  t.equal((await s.get(`/rounds/${round.code}/links/${mine.code}/poster`)).statusCode, 200);
  t.equal((await s.get(`/rounds/${round.code}/links/${other.code}/poster`)).statusCode, 403);
  t.equal((await s.get(`/rounds/${round.code}/links/NO-SUCH-GRID/poster`)).statusCode, 404);
  t.equal((await s.get('/rounds/NO-SUCH-ROUND/links')).statusCode, 404);
});

t.test('a long list narrows to one township or village, chosen from the units that have grids in the round', async (t) => {
  const { app, repos } = await build(t, { seed: prepare });
  const round = repos.rounds.list()[0];
  const grids = repos.rounds.gridIds(round).map((id) => repos.units.getById(id)).filter((g) => g !== undefined);
  const township = repos.units.ancestors(grids[0].id).find((u) => u.level === 'township');
  if (!township) throw new Error('fixture');
  const inside = grids.filter((g) => repos.units.isWithin(g.id, township.id));
  const outside = grids.filter((g) => !repos.units.isWithin(g.id, township.id));
  t.ok(inside.length > 0 && outside.length > 0, 'the fixture has grids on both sides');
  const s = await logIn(app, 'committee', PASSWORD);
  const all = await s.get(`/rounds/${round.code}/links`);
  t.match(all.body, `<option value="${township.code}">${township.name}</option>`, 'the township is offered');
  t.match(all.body, `共 ${grids.length} 个网格`);
  const narrowed = await s.get(`/rounds/${round.code}/links?unit=${township.code}`);
  t.equal(narrowed.statusCode, 200);
  t.match(narrowed.body, `<option value="${township.code}" selected>`);
  t.match(narrowed.body, `共 ${inside.length} 个网格`);
  for (const g of inside) t.match(narrowed.body, `/g/${g.code}`);
  for (const g of outside) t.notMatch(narrowed.body, `/g/${g.code}<`);
});
