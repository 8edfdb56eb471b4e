// Pages that list grids or walk up the tree ask the in-memory unit tree, not the database once per grid or ancestor:
// the statements a page runs do not grow with the receipts or grids it shows.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { smallRound, type SmallRound } from '../../../kit/results-domain.js';
import type { Repos } from '../../../../server/platform/repos.js';
import type { Unit } from '../../../../server/core/units/unit.js';
import { residentContext } from '../../../../server/features/resident-form/context.js';
import { countStatements } from '../../../kit/statement-count.js';

function receipt(repos: Repos, roundId: number, grid: Unit, body: string): void {
  repos.receipts.create({ roundId, gridId: grid.id, responseId: null, source: 'staff', questionId: null, body });
}

t.test('/receipts runs no more statements for receipts in four grids than for receipts in one', async (t) => {
  let s: SmallRound | undefined;
  const { app, repos, db } = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
    repos.users.create({ username: 'east', displayName: '东城街道', password: PASSWORD, role: 'township', unitId: null });
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  if (!s) throw new Error('fixture');
  const round = s;
  const session = await logIn(app, 'committee', PASSWORD);
  for (let i = 0; i < 4; i++) receipt(repos, round.round.id, round.grids[0], `路灯坏了${i}`);
  await session.get('/receipts');
  const one = await countStatements(db, async () => {
    const res = await session.get('/receipts');
    t.equal(res.statusCode, 200);
  });
  for (const grid of round.grids) for (let i = 0; i < 3; i++) receipt(repos, round.round.id, grid, `第${i}条意见`);
  await session.get('/receipts');
  let body = '';
  const four = await countStatements(db, async () => {
    body = (await session.get('/receipts')).body;
  });
  for (const grid of round.grids) t.ok(body.includes(grid.name), `${grid.name} is listed`);
  // Before, each grid's name cost a query (and each scope check one per ancestor): four grids ran three more.
  t.ok(four <= one, `statements per page: ${one} for one grid, ${four} for four`);
});

t.test('a resident link finds its grid, round and place in a few statements, whatever the depth', async (t) => {
  let s: SmallRound | undefined;
  const { repos, db } = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
  } });
  if (!s) throw new Error('fixture');
  const grid = s.grids[3];
  residentContext(repos, grid.code);
  let place: string[] = [];
  const n = await countStatements(db, () => {
    place = residentContext(repos, grid.code).place.map((u) => u.code);
  });
  t.same(place, ['D01-T2', 'D01-T2-V1'], 'township and village above the form');
  t.ok(n <= 4, `${n} statements: the open round (with its units) and the questionnaire, none per ancestor`);
});
