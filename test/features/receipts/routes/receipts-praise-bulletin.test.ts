// From the resident's form to the bulletin: praise and empty suggestions arrive 无需处理 and count as no problem; a
// problem taken from 待处理 to 已办结 by the township and the grid worker moves the bulletin's 问题解决反馈率.
import t from 'tap';
import { pollApp } from '../../../kit/resident-poll.js';
import { completeAnswers, postAnswers } from '../../../kit/resident.js';
import { logIn, PASSWORD } from '../../../kit/app.js';

/** The bulletin's receipt cells for the district's total row: opened, answered, closed, overdue, rate. */
function receiptTotals(page: string): string[] {
  const table = page.slice(page.indexOf('问题回执办理情况'), page.indexOf('</table>', page.indexOf('问题回执办理情况')));
  const row = /合计<\/th>((?:<td class="num">[^<]*<\/td>)+)/.exec(table)?.[1] ?? '';
  return [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
}

t.test('praise and empty suggestions are 无需处理; a problem closed through the workflow shows in the bulletin', async (t) => {
  const { app, repos, poll } = await pollApp(t, (repos, p) => {
    const township = repos.units.getByCode('T-D01');
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    repos.users.create({ username: 'township', displayName: '东街道综治中心', password: PASSWORD, role: 'township', unitId: township?.id ?? null });
    repos.users.create({ username: 'worker', displayName: '网格员小王', password: PASSWORD, role: 'grid', unitId: p.gridId });
  });
  const texts = ['对民警的服务很满意，点个赞！', '没有意见', '小区后门路灯坏了，希望尽快修好'];
  for (const text of texts) t.equal((await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: text }))).statusCode, 200);
  const suggestions = repos.receipts.listForRound(poll.round.id).filter((r) => r.source === 'suggestion');
  t.same(suggestions.map((r) => [r.body, r.state, r.dismissReason]), [
    [texts[0], 'dismissed', 'praise'],
    [texts[1], 'dismissed', 'empty'],
    [texts[2], 'open', null],
  ]);
  const problem = suggestions[2].id;
  const problems = repos.receipts.listForRound(poll.round.id).filter((r) => r.state !== 'dismissed').length;

  const committee = await logIn(app, 'committee', PASSWORD);
  const list = await committee.get('/receipts?state=dismissed');
  t.match(list.body, '表扬');
  t.match(list.body, '无实质内容');
  const bulletin = `/rounds/${poll.round.code}/bulletin`;
  const before = receiptTotals((await committee.get(bulletin)).body);
  t.same(before, [String(problems), '0', '0', '0', '0.0%'], 'praise and empty texts are not problems');

  const township = await logIn(app, 'township', PASSWORD);
  await township.get(`/receipts/${problem}`);
  const worker = repos.users.getByUsername('worker');
  t.equal((await township.post(`/receipts/${problem}/assign`, { assignee: `user:${worker?.id}`, due: '' })).statusCode, 303);
  const grid = await logIn(app, 'worker', PASSWORD);
  await grid.get(`/receipts/${problem}`);
  t.equal((await grid.post(`/receipts/${problem}/answer`, { action: '联系供电所修好路灯', reply: '路灯已修好', method: 'phone' })).statusCode, 303);
  t.equal((await township.post(`/receipts/${problem}/close`, {})).statusCode, 303);
  t.equal(repos.receipts.getById(problem)?.state, 'closed');

  const after = receiptTotals((await committee.get(bulletin)).body);
  t.same(after, [String(problems), '1', '1', '0', `${((100 * 1) / problems).toFixed(1)}%`], '问题解决反馈率 = (answered + closed) / (total − dismissed)');
});
