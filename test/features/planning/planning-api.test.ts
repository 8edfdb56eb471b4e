// The planner's API (docs/statistics.md#sample-planner): from a closed round's grid model, the figures by the formulas
// written out here by hand (c, σ²_u read from the round's own models in the results API); an open round is refused.
import t from 'tap';
import { build, bearer, issueToken } from '../../kit/app.js';
import { answerBigRound, bigRound } from '../../kit/small-area-domain.js';
import type { SmallRound } from '../../kit/results-domain.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';

const Z = 1.959963984540054;
const Z80 = 0.8416212335729143;

t.test('GET /api/rounds/:round/planning: refused while open, the formulas once closed', async (t) => {
  let s: SmallRound | undefined;
  let secret = '';
  const { app } = await build(t, {
    seed: (repos) => {
      s = bigRound(repos, t);
      answerBigRound(repos, s);
      secret = issueToken(repos, null);
    },
  });
  if (!s) throw new Error('fixture');
  const url = `/api/rounds/${s.round.code}/planning?level=grid`;
  const open = await app.inject({ method: 'GET', url, headers: bearer(secret) });
  t.equal(open.statusCode, 409);
  t.match(open.json(), { message: /尚未结束/ });
  closeRoundById(app.repos, s.round.id);
  const res = await app.inject({ method: 'GET', url, headers: bearer(secret) });
  t.equal(res.statusCode, 200, res.body);
  const p = res.json();
  const results = (await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/results`, headers: bearer(secret) })).json();
  const m = results.smallAreaModels.grid.composite;
  t.equal(p.c, m.c);
  t.equal(p.sigma2u, m.sigma2u);
  t.ok(m.sigma2u > 0, 'the grids differ beyond noise');
  t.equal(p.nForReliability['0.8'], Math.ceil((m.c * 0.8) / (m.sigma2u * 0.2)));
  t.equal(p.nForReliability['0.7'], Math.ceil((m.c * 0.7) / (m.sigma2u * 0.3)));
  t.equal(p.nForChange['5'], Math.ceil((2 * m.c * (Z + Z80) ** 2) / 25));
  t.equal(p.nForChange['10'], Math.ceil((2 * m.c * (Z + Z80) ** 2) / 100));
  t.ok(Math.abs(p.halfWidth['50'] - Z * Math.sqrt(m.c / 50)) < 1e-9);
  t.same(p.table.map((r: { n: number }) => r.n), [10, 20, 30, 50, 100]);
  const r30 = p.table[2];
  t.ok(Math.abs(r30.reliability - m.sigma2u / (m.sigma2u + m.c / 30)) < 1e-12);
  t.ok(Math.abs(r30.detectableChange - (Z + Z80) * Math.sqrt((2 * m.c) / 30)) < 1e-9);
  t.match(p.paragraph, /^按目前每个网格每月约 \d+ 份，网格排名的可靠度约为 0\.\d；要达到 0\.8，每个网格每月约需 \d+ 份/);
  t.ok(p.meanGamma > 0 && p.meanGamma < 1);

  const village = await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/planning?level=village`, headers: bearer(secret) });
  t.equal(village.statusCode, 200);
  t.equal(village.json().level, 'village');
});
