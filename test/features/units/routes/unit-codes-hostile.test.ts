// Unit codes arrive in URLs and query strings; every lookup keyed by them goes through a Map or an own-property check,
// so a code named after an Object.prototype member is an unknown unit (404 with a Chinese message), never a 500.
// And a grid coded `__proto__` under a village coded `constructor` counts in the results like any other.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { R_DATA, answerGrids, smallRound, type SmallRound } from '../../../kit/results-domain.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

async function setup(t: Parameters<typeof build>[0]) {
  let s: SmallRound | undefined;
  const built = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  if (!s) throw new Error('fixture');
  return { ...built, s };
}

t.test('prototype names as unit codes: 404 everywhere, never 500', async (t) => {
  const { app, s } = await setup(t);
  const round = s.round.code;
  const session = await logIn(app, 'committee', PASSWORD);
  for (const code of HOSTILE) {
    const api = await session.get(`/api/rounds/${round}/results?unit=${code}`);
    t.equal(api.statusCode, 404, `API results ?unit=${code}`);
    t.match(api.json(), { message: /单位/ }, 'a Chinese message');
    const resident = await app.inject({ method: 'GET', url: `/g/${code}` });
    t.equal(resident.statusCode, 404, `resident link /g/${code}`);
  }
  for (const code of HOSTILE) {
    for (const url of [
      `/rounds/${round}/bulletin?unit=${code}`,
      `/rounds/${round}/export.csv?unit=${code}&level=grid`,
      `/rounds/${round}/export.xlsx?unit=${code}`,
      `/rounds/${round}/responses.csv?unit=${code}`,
      `/rounds/${round}/links?unit=${code}`,
      `/rounds/${round}/links/${code}/poster`,
      `/units/${code}`,
    ]) {
      const res = await session.get(url);
      t.ok(res.statusCode >= 400 && res.statusCode < 500, `${url}: ${res.statusCode}`);
    }
    // No closed month yet: the summary says so without looking the unit up; never a 500 either way.
    t.ok((await session.get(`/summary?unit=${code}`)).statusCode < 500, `/summary?unit=${code}`);
  }
});

t.test('a grid coded __proto__ under a village coded constructor is counted like any other', async (t) => {
  const { app, repos, s } = await setup(t);
  repos.units.importUnits([
    { code: 'constructor', name: '怪名社区', parentCode: 'D01-T1', level: 'village', population: null, households: null },
    { code: '__proto__', name: '怪名网格', parentCode: 'constructor', level: 'grid', population: 1000, households: null },
  ]);
  const draft = createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 1 });
  const round = openRoundById(repos, draft.id);
  const grid = repos.units.getByCode('__proto__');
  if (!grid) throw new Error('grid not imported');
  answerGrids(repos, { ...s, grids: [grid] }, [R_DATA[0]], round);
  const results = getRoundResults(repos, round);
  t.ok(Object.hasOwn(results.units, '__proto__'), 'the grid is in the results');
  t.equal(results.units['__proto__']?.n, R_DATA[0].q1.length);
  t.equal(results.units['constructor']?.n, R_DATA[0].q1.length, 'and its village');
  t.equal(results.units['D01']?.n, R_DATA[0].q1.length, 'and the district counts it');
  const session = await logIn(app, 'committee', PASSWORD);
  const api = await session.get(`/api/rounds/${round.code}/results?unit=__proto__`);
  t.equal(api.statusCode, 200);
  t.equal(api.json<{ unit: { name: string } }>().unit.name, '怪名网格');
});
