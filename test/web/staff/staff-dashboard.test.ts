// The staff home page: open rounds with completed interviews against quota for the units of the user's scope.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import type { Repos } from '../../../server/platform/repos.js';
import type { Round } from '../../../server/core/rounds/round.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';

/** Stores `n` responses for a grid through the responses repository, as the resident form would. */
function respond(repos: Repos, round: Round, gridId: number, n: number, status: 'complete' | 'screened_out' = 'complete'): void {
  const version = repos.surveys.getVersion(round.surveyVersionId);
  if (!version) throw new Error('fixture round has no questionnaire');
  for (let i = 0; i < n; i++) {
    const r = repos.responses.insert({ roundId: round.id, gridId, channel: 'web', status, answers: {}, survey: version.survey });
    if (!r.ok) throw new Error('insert failed');
  }
}

/** The numbers of one table row, found by the unit's name: [grids, complete, quota, …]. */
function rowNumbers(html: string, name: string): number[] {
  const row = new RegExp(`<tr>\\s*<th scope="row"><a href="[^"]*">${name}</a></th>([\\s\\S]*?)</tr>`).exec(html);
  if (!row) throw new Error(`no row for ${name}`);
  return [...row[1].matchAll(/<td class="num"[^>]*>(\d+)(?:\/\d+)?<\/td>/g)].map((m) => Number(m[1]));
}

t.test('progress per township equals the responses stored, against grids × quota', async (t) => {
  const { app, repos } = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    openRound(repos);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  const round = repos.rounds.list().find((r) => r.state === 'open');
  if (!round) throw new Error('fixture has no open round');
  const townships = repos.units.descendants(repos.units.roots()[0].id, 'township');
  const covered = new Set(repos.rounds.gridIds(round));
  const expected = new Map<string, { grids: number; complete: number; screened: number }>();
  townships.forEach((tw, i) => {
    const grids = repos.units.descendants(tw.id, 'grid').filter((g) => covered.has(g.id));
    let complete = 0;
    grids.forEach((g, j) => {
      const n = (i + 1) * 2 + j; // different numbers per grid and township
      respond(repos, round, g.id, n);
      complete += n;
    });
    if (grids.length > 0) respond(repos, round, grids[0].id, 1, 'screened_out');
    expected.set(tw.name, { grids: grids.length, complete, screened: grids.length > 0 ? 1 : 0 });
  });

  const s = await logIn(app, 'committee', PASSWORD);
  const home = await s.get('/');
  t.equal(home.statusCode, 200);
  t.match(home.body, round.code);
  t.match(home.body, `/rounds/${round.code}/bulletin`);
  for (const [name, e] of expected) {
    if (e.grids === 0) continue;
    const [grids, complete, quota, , screened] = rowNumbers(home.body, name);
    t.equal(grids, e.grids, `${name} grids`);
    t.equal(complete, e.complete, `${name} complete`);
    t.equal(quota, e.grids * round.quotaPerGrid, `${name} quota`);
    t.equal(screened, e.screened, `${name} screened out`);
  }
});

t.test('a grid worker sees the progress of their grid only; closed rounds leave the home page', async (t) => {
  const { app, repos } = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    openRound(repos);
    const grid = repos.units.descendants(repos.units.roots()[0].id, 'grid')[0];
    repos.users.create({ username: 'grid', displayName: '网格员', password: PASSWORD, role: 'grid', unitId: grid.id });
  } });
  const round = repos.rounds.list().find((r) => r.state === 'open');
  if (!round) throw new Error('fixture has no open round');
  const mine = repos.units.getById(repos.users.getByUsername('grid')?.unitId ?? -1);
  const other = repos.rounds.gridIds(round).map((id) => repos.units.getById(id)).find((g) => g && g.id !== mine?.id);
  if (!mine || !other) throw new Error('fixture');
  respond(repos, round, mine.id, 3);
  respond(repos, round, other.id, 7);

  const s = await logIn(app, 'grid', PASSWORD);
  const home = await s.get('/');
  const [grids, complete, quota] = rowNumbers(home.body, mine.name);
  t.same([grids, complete, quota], [1, 3, round.quotaPerGrid]);
  t.notMatch(home.body, other.name);

  closeRoundById(repos, round.id);
  const after = await s.get('/');
  t.match(after.body, '目前没有进行中的民调轮次');
});
