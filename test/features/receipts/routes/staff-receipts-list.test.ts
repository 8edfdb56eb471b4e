// The receipts list: each filter narrows it (state, unit, round, question, overdue, assignee, text), pages hold 30,
// overdue rows stand out, nobody sees past their scope, and a township hands a village's waiting receipts on at once.
import t from 'tap';
import { receiptApp, receiptAudit } from '../../../kit/receipts.js';

const countOf = (html: string) => Number(/共 (\d+) 件/.exec(html)?.[1] ?? -1);

t.test('filters narrow the list; scope bounds it', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const [g1, g2] = w.d.grids;
  const far = w.d.grids.find((g) => g.code.startsWith('D01-T2'));
  if (!far) throw new Error('fixture');
  const old = new Date(Date.now() - 20 * 86_400_000).toISOString();
  const lamp = w.newReceipt('路灯坏了');
  w.newReceipt('噪音扰民', g2.id);
  w.newReceipt('电动车被偷', far.id);
  const late = w.newReceipt('井盖松动', g1.id, old);
  repos.receipts.assign(lamp, { userId: w.worker.id, unitId: null });
  repos.receipts.create({ roundId: w.round.id, gridId: g1.id, responseId: null, source: 'follow_up', questionId: 'Q5', body: '治安不满意（回答：不满意）' });

  const committee = await as('committee');
  t.equal(countOf((await committee.get('/receipts')).body), 5);
  t.equal(countOf((await committee.get('/receipts?state=assigned')).body), 1);
  t.equal(countOf((await committee.get(`/receipts?unit=${w.d.townships[1].code}`)).body), 1, 'a township');
  t.equal(countOf((await committee.get(`/receipts?unit=${w.d.villages[0].code}`)).body), 4, 'a village');
  t.equal(countOf((await committee.get(`/receipts?unit=${g2.code}`)).body), 1, 'a grid');
  t.equal(countOf((await committee.get(`/receipts?round=${w.round.code}`)).body), 5);
  t.equal(countOf((await committee.get('/receipts?question=Q5')).body), 1);
  t.equal(countOf((await committee.get(`/receipts?assignee=${w.worker.id}`)).body), 1);
  t.equal(countOf((await committee.get(`/receipts?q=${encodeURIComponent('偷')}`)).body), 1, 'text search');
  const overdue = await committee.get('/receipts?overdue=1');
  t.equal(countOf(overdue.body), 1);
  t.match(overdue.body, /<tr class="overdue">[\s\S]*井盖松动/, 'the overdue row stands out');
  t.match(overdue.body, `回执 ${late}`);
  t.equal(countOf((await committee.get(`/receipts?state=open&unit=${w.d.villages[0].code}&q=${encodeURIComponent('噪音')}`)).body), 1, 'filters combine');
  t.equal((await committee.get('/receipts?state=nonsense')).statusCode, 400);
  t.match((await committee.get('/receipts?state=nonsense')).body, '未知的回执状态');

  const township2 = await as('township2');
  t.equal(countOf((await township2.get('/receipts')).body), 1, 'the other township sees its own');
  t.equal((await township2.get(`/receipts?unit=${w.d.villages[0].code}`)).statusCode, 403);
  t.equal((await township2.get(`/receipts/${lamp}`)).statusCode, 403);
  const worker = await as('worker');
  const mine = await worker.get('/receipts');
  t.equal(countOf(mine.body), 3, 'a grid worker sees their grid');
  t.notMatch(mine.body, '噪音扰民');
  t.equal(countOf((await worker.get('/receipts?assignee=me')).body), 1, 'and what was handed to them');
});

t.test('paging: 30 a page, newest first, filters kept in the links', async (t) => {
  const { w, as } = await receiptApp(t);
  const start = Date.now() - 3 * 86_400_000;
  for (let i = 0; i < 65; i++) w.newReceipt(`第${i}号意见`, undefined, new Date(start + i * 60_000).toISOString());
  const committee = await as('committee');
  const first = await committee.get('/receipts?state=open');
  t.equal(countOf(first.body), 65);
  t.match(first.body, '第 1/3 页');
  t.match(first.body, '第64号意见');
  t.notMatch(first.body, '第34号意见');
  t.match(first.body, 'href="/receipts?state&#x3D;open&amp;page&#x3D;2"');
  const third = await committee.get('/receipts?state=open&page=3');
  t.match(third.body, '第 3/3 页');
  t.match(third.body, '第0号意见');
  t.notMatch(third.body, '第5号意见');
  t.match((await committee.get('/receipts?state=open&page=99')).body, '第 3/3 页', 'past the end: the last page');
});

t.test('bulk assignment of a village’s waiting receipts', async (t) => {
  const { repos, db, w, as } = await receiptApp(t);
  const [g1, g2] = w.d.grids;
  const ids = [w.newReceipt('a', g1.id), w.newReceipt('b', g2.id), w.newReceipt('c', g2.id)];
  const answered = w.newReceipt('d', g1.id);
  repos.receipts.answer(answered, { action: '已处理', text: '已答复', method: 'phone' });
  const elsewhere = w.newReceipt('e', w.d.grids[2].id);
  const township = await as('township');
  const page = await township.get(`/receipts?round=${w.round.code}&unit=${w.d.villages[0].code}`);
  t.match(page.body, '将本村（社区）3 件待处理回执交办给');
  const res = await township.post('/receipts/bulk-assign', { round: w.round.code, village: w.d.villages[0].code, assignee: `unit:${w.d.villages[0].code}`, due: '' });
  t.equal(res.statusCode, 303);
  t.match((await township.get(res.headers.location ?? '')).body, '已批量交办 3 件回执');
  for (const id of ids) t.match(repos.receipts.getById(id), { state: 'assigned', assigneeUnitId: w.d.villages[0].id, assignedBy: w.township.id });
  t.equal(repos.receipts.getById(answered)?.state, 'answered', 'answered ones are left alone');
  t.equal(repos.receipts.getById(elsewhere)?.state, 'open', 'other villages are left alone');

  const other = await as('township2');
  const before = receiptAudit(db).length;
  const refused = await other.post('/receipts/bulk-assign', { round: w.round.code, village: w.d.villages[1].code, assignee: `unit:${w.d.villages[1].code}`, due: '' });
  t.equal(refused.statusCode, 403, 'a village of another township');
  t.equal(receiptAudit(db).length, before);
  t.equal(repos.receipts.getById(elsewhere)?.state, 'open');
});

t.test('the committee sets a round’s default due days', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const committee = await as('committee');
  t.match((await committee.get(`/receipts?round=${w.round.code}`)).body, '本轮交办默认办理期限');
  t.equal((await committee.post('/receipts/due-days', { round: w.round.code, days: '10' })).statusCode, 303);
  t.equal(repos.receipts.dueDays(w.round.id), 10);
  const bad = await committee.post('/receipts/due-days', { round: w.round.code, days: '0' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '默认办理期限应为 1 到 90 之间的整数天');
  t.equal(repos.receipts.dueDays(w.round.id), 10);
  const township = await as('township');
  t.equal((await township.post('/receipts/due-days', { round: w.round.code, days: '3' })).statusCode, 403);
  const id = w.newReceipt();
  await township.post(`/receipts/${id}/assign`, { assignee: `user:${w.worker.id}`, due: '' });
  const r = repos.receipts.getById(id);
  t.equal(Math.round((Date.parse(r?.dueAt ?? '') - Date.parse(r?.assignedAt ?? '')) / 86_400_000), 10, 'handed on with the round’s 10 days');
});
