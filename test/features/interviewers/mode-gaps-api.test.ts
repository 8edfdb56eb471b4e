// The results API's modeGaps (docs/statistics.md#answer-modes) for the district and a township: the same numbers as
// the mode-gap rule on the stored responses (that rule is checked against R's survey package in
// test/core/results/mode-gaps.test.ts); grids and villages carry none.
import t from 'tap';
import { build, bearer, issueToken, PASSWORD } from '../../kit/app.js';
import { isResultsReply } from '../../kit/results.js';
import { GRIDS, POPULATIONS, groupsOf, honestyWorld, type HonestyWorld } from '../../kit/honesty-rounds.js';
import { modeGaps, modeSplitOfGroups } from '../../../server/core/results/mode-gaps.js';
import { resultsPlan } from '../../../server/core/results/plan.js';

t.test('results API: modeGaps of the district and a township, as the rule computes them', async (t) => {
  let world: HonestyWorld | undefined;
  const { app, repos } = await build(t, { seed: (r) => void (world = honestyWorld(r, t, PASSWORD)) });
  if (!world) throw new Error('no world');
  const w = world;
  const round = w.rounds[3];
  const headers = bearer(issueToken(repos, null));
  const plan = resultsPlan(w.survey);
  const groups = groupsOf(w.generated[3]);
  for (const [unit, scope] of [['D01', GRIDS], ['D01-T2', GRIDS.slice(6)]] as const) {
    const res = await app.inject({ method: 'GET', url: `/api/rounds/${round.code}/results?unit=${unit}`, headers });
    t.equal(res.statusCode, 200, `${unit}: 200`);
    const body: unknown = res.json();
    if (!isResultsReply(body)) throw new Error('not a results reply');
    const split = modeSplitOfGroups(groups, plan, w.survey);
    const expected = modeGaps(split.counts, new Set(scope), POPULATIONS, plan, w.survey, split.tallies);
    const got = body.modeGaps.find((g) => g.modes[0] === 'web' && g.modes[1] === 'phone' && g.index === 'composite');
    const want = expected.find((g) => g.modes[0] === 'web' && g.index === 'composite');
    t.ok(got && want, `${unit}: a web/phone composite gap`);
    t.ok(Math.abs((got?.value ?? NaN) - (want?.value ?? NaN)) < 1e-9, `${unit}: value ${got?.value} = ${want?.value}`);
    t.ok(Math.abs((got?.se ?? NaN) - (want?.se ?? NaN)) < 1e-9, `${unit}: se ${got?.se}`);
    t.equal(got?.grids, scope.length, `${unit}: grids with both modes`);
    t.equal(body.modeGaps.length, expected.length, `${unit}: composite and each index`);
  }
  const grid = w.grids.get(GRIDS[0])?.code ?? '';
  const res = await app.inject({ method: 'GET', url: `/api/rounds/${round.code}/results?unit=${grid}`, headers });
  const body: unknown = res.json();
  t.same(isResultsReply(body) ? body.modeGaps : null, [], 'a grid has no mode gaps');
});
