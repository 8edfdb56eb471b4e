// A staff member refused a verb reads the verb's own sentence on the page, whichever route asked: the rule and its
// words are written once (server/core/auth/permissions.ts), not per route.
import t from 'tap';
import { build, injectAs, PASSWORD } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { ROLE_REFUSALS } from '../../server/core/auth/permissions.js';

t.test('the role-decided verbs answer 403 with their one sentence, from every route that asks them', async (t) => {
  let roundCode = '';
  const { app } = await build(t, {
    seed: (repos) => {
      const d = smallDistrict(repos);
      roundCode = openRound(repos).code;
      repos.users.create({ username: 'township', displayName: '镇综治中心李四', password: PASSWORD, role: 'township', unitId: d.townships[0].id });
      repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  const township = await injectAs(app, 'township');
  const committee = await injectAs(app, 'committee');
  const asked = [
    { path: '/rounds/new', verb: 'round.manage' },
    { path: `/rounds/${roundCode}/callbacks/report`, verb: 'callback.report' },
    { path: '/audit', verb: 'audit.view' },
    { path: '/admin/tokens', verb: 'token.manage' },
  ] as const;
  for (const { path, verb } of asked) {
    const refused = await township.get(path);
    t.equal(refused.statusCode, 403, `${path}: refused`);
    t.match(refused.body, ROLE_REFUSALS[verb], `${path}: says why, in the verb's words`);
  }
  // The committee takes the first three; API tokens are administrators' only.
  for (const { path } of asked.slice(0, 3)) t.equal((await committee.get(path)).statusCode, 200, `${path}: the committee's`);
  const tokens = await committee.get('/admin/tokens');
  t.equal(tokens.statusCode, 403);
  t.match(tokens.body, '您没有权限查看该内容：API 令牌只由系统管理员签发和吊销');
});
