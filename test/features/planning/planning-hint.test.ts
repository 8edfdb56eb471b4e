// The new-round form shows the sample planner's advice for the quota it is given (docs/statistics.md#sample-planner),
// from the latest closed monthly round; re-shown with the quota typed when the form comes back with an error.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import { answerBigRound, bigRound } from '../../kit/small-area-domain.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';

t.test('the new-round form advises on the quota', async (t) => {
  let code = '';
  let version = 0;
  const { app } = await build(t, {
    seed: (repos) => {
      const s = bigRound(repos, t);
      answerBigRound(repos, s);
      closeRoundById(repos, s.round.id);
      code = s.round.code;
      version = s.round.surveyVersionId;
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  const staff = await logIn(app, 'committee', PASSWORD);
  const form = await staff.get('/rounds/new');
  t.match(form.body, `抽样设计建议（依据已结束的轮次 ${code}）`);
  t.match(form.body, /按每个网格每月 \d+ 份，网格排名的可靠度约为 0\.\d/);
  const back = await staff.post('/rounds', { surveyVersionId: String(version), period: 'bad', units: 'B01', quotaPerGrid: '40', minSample: '5', channels: 'web' });
  t.equal(back.statusCode, 422);
  t.match(back.body, '按每个网格每月 40 份', 'the advice follows the quota typed');
});
