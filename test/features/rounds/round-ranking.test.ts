// The round's ranking setting (docs/statistics.md#small-area-estimates): new rounds rank villages and grids by the
// model estimate; the committee can choose the direct estimate on the round's page while the round is not closed; the
// change is audited; a closed round's setting is frozen.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import { smallDistrict, openRound } from '../../kit/fixtures.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';

t.test('the committee switches a round to the direct estimate; the change is audited; closed rounds are frozen', async (t) => {
  let code = '';
  let id = 0;
  const { app } = await build(t, {
    seed: (repos) => {
      smallDistrict(repos);
      const r = openRound(repos);
      code = r.code;
      id = r.id;
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  t.equal(app.repos.rounds.getById(id)?.rankingEstimate, 'model', 'a new round ranks by the model');
  const staff = await logIn(app, 'committee', PASSWORD);
  const page = await staff.get(`/rounds/${code}`);
  t.match(page.body, '村/网格排名依据');
  t.match(page.body, '模型估计（小域估计）');
  const res = await staff.post(`/rounds/${code}/ranking`, { rankingEstimate: 'direct' });
  t.equal(res.statusCode, 303);
  t.equal(app.repos.rounds.getById(id)?.rankingEstimate, 'direct');
  const after = await staff.get(`/rounds/${code}`);
  t.match(after.body, /村\/网格排名依据<\/th><td>直接估计/);
  t.match(after.body, '修改村/网格排名依据', 'the round’s history names the change');

  closeRoundById(app.repos, id);
  const frozen = await staff.post(`/rounds/${code}/ranking`, { rankingEstimate: 'model' });
  t.equal(frozen.statusCode, 409);
  t.match(frozen.body, '已结束');
  t.equal(app.repos.rounds.getById(id)?.rankingEstimate, 'direct');
});

t.test('the new-round form offers the choice, the model by default', async (t) => {
  let version = 0;
  const { app } = await build(t, {
    seed: (repos) => {
      smallDistrict(repos);
      version = openRound(repos).surveyVersionId;
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  const staff = await logIn(app, 'committee', PASSWORD);
  const form = await staff.get('/rounds/new');
  t.match(form.body, /<option value="model" selected>模型估计（小域估计）/);
  const res = await staff.post('/rounds', { surveyVersionId: String(version), period: '2030-01', units: 'D01', quotaPerGrid: '13', minSample: '5', channels: 'web', rankingEstimate: 'direct' });
  t.equal(res.statusCode, 303, res.body.slice(0, 300));
  const created = app.repos.rounds.list().find((r) => r.period === '2030-01');
  t.equal(created?.rankingEstimate, 'direct');
});
