// Staff see the part of the unit tree their role is scoped to; anything else is a 403.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import type { Repos } from '../../../server/platform/repos.js';

/** The district's fixture plus one account per role: committee, a township's staff, a grid's staff. */
function withStaff(repos: Repos): void {
  smallDistrict(repos);
  const unit = (level: 'township' | 'grid', nth = 0) => {
    const root = repos.units.roots()[0];
    const found = repos.units.descendants(root.id, level)[nth];
    if (!found) throw new Error(`fixture has no ${level} #${nth}`);
    return found.id;
  };
  repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
  repos.users.create({ username: 'township', displayName: '镇综治中心李四', password: PASSWORD, role: 'township', unitId: unit('township') });
  repos.users.create({ username: 'grid', displayName: '网格员王五', password: PASSWORD, role: 'grid', unitId: unit('grid') });
}

t.test('a grid worker sees their own grid and nothing of another township', async (t) => {
  const { app, repos } = await build(t, { seed: withStaff });
  const me = repos.users.getByUsername('grid');
  const myGrid = repos.units.getById(me?.unitId ?? -1);
  const townships = repos.units.descendants(repos.units.roots()[0].id, 'township');
  const otherTownship = townships.find((tw) => myGrid && !repos.units.isWithin(myGrid.id, tw.id));
  const otherGrid = otherTownship && repos.units.descendants(otherTownship.id, 'grid')[0];
  if (!myGrid || !otherTownship || !otherGrid) throw new Error('fixture needs two townships with grids');

  const s = await logIn(app, 'grid', PASSWORD);
  const own = await s.get(`/units/${myGrid.code}`);
  t.equal(own.statusCode, 200);
  t.match(own.body, myGrid.name);

  const other = await s.get(`/units/${otherGrid.code}`);
  t.equal(other.statusCode, 403);
  t.match(other.body, '您没有权限查看该内容');
  t.notMatch(other.body, otherGrid.name);
  t.equal((await s.get(`/units/${otherTownship.code}`)).statusCode, 403);
  t.equal((await s.get(`/units/${repos.units.roots()[0].code}`)).statusCode, 403, 'not even the district above');

  const tree = await s.get('/units');
  t.equal(tree.statusCode, 200);
  t.match(tree.body, myGrid.name);
  t.notMatch(tree.body, otherTownship.name);
});

t.test('township staff see their villages and grids; the committee sees everything', async (t) => {
  const { app, repos } = await build(t, { seed: withStaff });
  const me = repos.users.getByUsername('township');
  const mine = repos.units.getById(me?.unitId ?? -1);
  if (!mine) throw new Error('fixture');
  const others = repos.units.descendants(repos.units.roots()[0].id, 'township').filter((u) => u.id !== mine.id);

  const s = await logIn(app, 'township', PASSWORD);
  const page = await s.get(`/units/${mine.code}`);
  t.equal(page.statusCode, 200);
  for (const village of repos.units.children(mine.id)) t.match(page.body, village.name);
  for (const grid of repos.units.descendants(mine.id, 'grid')) t.equal((await s.get(`/units/${grid.code}`)).statusCode, 200);
  for (const other of others) t.equal((await s.get(`/units/${other.code}`)).statusCode, 403);

  const c = await logIn(app, 'committee', PASSWORD);
  const all = await c.get('/units');
  for (const u of repos.units.all()) t.match(all.body, u.name);
  t.equal((await c.get('/units/NO-SUCH-UNIT')).statusCode, 404);
});

t.test('only the committee may create rounds; the others get 403', async (t) => {
  const { app } = await build(t, { seed: withStaff });
  for (const who of ['grid', 'township']) {
    const s = await logIn(app, who, PASSWORD);
    t.equal((await s.get('/rounds/new')).statusCode, 403, who);
  }
  const c = await logIn(app, 'committee', PASSWORD);
  t.equal((await c.get('/rounds/new')).statusCode, 200);
});

t.test('receipts are listed for the user\'s own scope only, escaped, newest first', async (t) => {
  const { app, repos } = await build(t, { seed: (repos) => {
    withStaff(repos);
    openRound(repos);
  } });
  const round = repos.rounds.list()[0];
  const me = repos.users.getByUsername('grid');
  const myGrid = me?.unitId ?? -1;
  const elsewhere = repos.rounds.gridIds(round).find((g) => !repos.units.isWithin(g, repos.units.ancestors(myGrid)[1]?.id ?? myGrid));
  if (elsewhere === undefined) throw new Error('fixture needs grids in two townships');
  const receipt = (gridId: number, body: string, createdAt: string) =>
    repos.receipts.create({ roundId: round.id, gridId, responseId: null, source: 'suggestion', questionId: null, body, createdAt });
  receipt(myGrid, '路灯坏了 <script>alert(1)</script>', '2025-03-02T08:00:00.000Z');
  receipt(myGrid, '晚上巡逻少', '2025-03-05T08:00:00.000Z');
  receipt(elsewhere, '别处的问题', '2025-03-03T08:00:00.000Z');

  const s = await logIn(app, 'grid', PASSWORD);
  const page = await s.get('/receipts');
  t.equal(page.statusCode, 200);
  t.match(page.body, '共 2 件');
  t.notMatch(page.body, '别处的问题');
  t.notMatch(page.body, '<script>alert(1)</script>');
  t.match(page.body, '&lt;script&gt;alert(1)&lt;/script&gt;');
  t.ok(page.body.indexOf('晚上巡逻少') < page.body.indexOf('路灯坏了'), 'newest first');
  t.match(page.body, '待处理');

  const c = await logIn(app, 'committee', PASSWORD);
  t.match((await c.get('/receipts')).body, '共 3 件');
});
