// A round keeps the units, grids and populations it was opened with (migration 009): a unit import or a population
// change after it opened or closed changes draft rounds only. Before, an import after a close moved a round from
// 184 to 192 grids and its recompute showed a township with n = 0.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import { R_DATA, answerGrids, smallRound, type SmallRound } from '../../kit/results-domain.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import { createRepos, type Repos } from '../../../server/platform/repos.js';
import type { Db } from '../../../server/platform/db.js';
import { closeRoundById, createRound } from '../../../server/features/rounds/rounds-service.js';

/** New grids in an existing village and in a new village of a new township, and a grid's population changed. */
function laterImport(repos: Repos, db: Db, s: SmallRound): void {
  repos.units.importUnits([
    { code: 'D01-T1-V1-G3', name: '新增网格', parentCode: 'D01-T1-V1', level: 'grid', population: 5000, households: null },
    { code: 'D01-T3', name: '新设街道', parentCode: 'D01', level: 'township', population: null, households: null },
    { code: 'D01-T3-V1', name: '新设社区', parentCode: 'D01-T3', level: 'village', population: null, households: null },
    { code: 'D01-T3-V1-G1', name: '新设网格', parentCode: 'D01-T3-V1', level: 'grid', population: 900, households: null },
  ]);
  db.prepare('UPDATE units SET population = population * 10 WHERE id = ?').run(s.grids[0].id);
}

/** The bulletin page without its per-request anti-forgery token. */
function stable(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/content="[^"]*" name="csrf-token"/g, '');
}

t.test('after a close, an import and a population change leave the round, its results and bulletin as they were', async (t) => {
  let s: SmallRound | undefined;
  const { app, repos, db } = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  if (!s) throw new Error('fixture');
  const closed = closeRoundById(repos, s.round.id);
  const gridsBefore = repos.rounds.gridIds(closed);
  const before = getRoundResults(repos, closed);
  const session = await logIn(app, 'committee', PASSWORD);
  const pageBefore = await session.get(`/rounds/${closed.code}/bulletin?unit=D01`);
  t.equal(pageBefore.statusCode, 200);
  const rawBefore = await session.get(`/rounds/${closed.code}/responses.csv?unit=D01`);
  t.equal(rawBefore.statusCode, 200);

  laterImport(repos, db, s);
  // A draft round over the district follows today's tree: it picks the new grids and the population up.
  const draft = createRound(repos, { surveyVersionId: closed.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 4 });

  t.same(repos.rounds.gridIds(closed), gridsBefore, 'the closed round keeps its four grids');
  const added = repos.units.getByCode('D01-T1-V1-G3');
  t.notOk(repos.rounds.coversGrid(closed, added?.id ?? -1), 'a grid imported later is not part of it');
  const pageAfter = await session.get(`/rounds/${closed.code}/bulletin?unit=D01`);
  t.equal(stable(pageAfter.body), stable(pageBefore.body), 'the bulletin is unchanged');
  const rawAfter = await session.get(`/rounds/${closed.code}/responses.csv?unit=D01`);
  t.equal(rawAfter.body, rawBefore.body, 'the raw export keeps its grids and weights');

  // Recomputed from scratch (no cache, a fresh process's memo): still the numbers it closed with.
  db.prepare('DELETE FROM results_cache WHERE round_id = ?').run(closed.id);
  const again = getRoundResults(createRepos(db), closed);
  t.same(Object.keys(again.units).sort(), Object.keys(before.units).sort(), 'the same units, no new township with n = 0');
  for (const code of Object.keys(before.units)) {
    t.equal(again.units[code]?.composite.value, before.units[code]?.composite.value, `${code}: same score (populations as opened)`);
    t.equal(again.units[code]?.grids, before.units[code]?.grids, `${code}: same grids`);
  }

  t.equal(repos.rounds.gridIds(draft).length, 6, 'the draft has the two new grids');
  const draftResults = getRoundResults(repos, draft);
  t.ok(draftResults.units['D01-T3'], 'and the new township');
  t.equal(draftResults.units['D01']?.grids, 6);
});

t.test('an open round keeps its grids too: a grid imported later has no open round to answer', async (t) => {
  let s: SmallRound | undefined;
  const { repos, db } = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
  } });
  if (!s) throw new Error('fixture');
  laterImport(repos, db, s);
  const added = repos.units.getByCode('D01-T1-V1-G3');
  t.equal(repos.rounds.openRoundForGrid(added?.id ?? -1), undefined);
  t.equal(repos.rounds.openRoundForGrid(s.grids[0].id)?.id, s.round.id, 'its own grids still have it');
  t.equal(repos.rounds.gridIds(s.round).length, 4);
  const results = getRoundResults(repos, s.round);
  t.equal(results.units['D01']?.grids, 4);
  t.equal(results.units['D01-T3'], undefined);
});
