// The receipt workflow through the staff pages: every allowed step by the people allowed to take it, and every refused
// one — out of scope, not the assignee, closing without a reply, a state it cannot reach — answered in Chinese with
// nothing changed and an audit entry of the attempt.
import t from 'tap';
import { receiptApp, receiptAudit } from '../../../kit/receipts.js';

const ANSWER = { action: '联系供电所更换了路灯', reply: '路灯已修好，感谢您的反映', method: 'visit' };

t.test('待处理 → 已交办 → 已答复 → 已办结 through the township and the grid worker', async (t) => {
  const { repos, db, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const township = await as('township');
  const detail = await township.get(`/receipts/${id}`);
  t.equal(detail.statusCode, 200);
  t.match(detail.body, '小区路灯坏了');
  t.match(detail.body, '待处理');
  t.match(detail.body, `action="/receipts/${id}/assign"`);

  const assigned = await township.post(`/receipts/${id}/assign`, { assignee: `user:${w.worker.id}`, due: '' });
  t.equal(assigned.statusCode, 303);
  const r1 = repos.receipts.getById(id);
  t.match(r1, { state: 'assigned', assigneeId: w.worker.id, assignedBy: w.township.id });
  const days = (Date.parse(r1?.dueAt ?? '') - Date.parse(r1?.assignedAt ?? '')) / 86_400_000;
  t.equal(Math.round(days), 7, 'due after the round’s default of 7 days');

  const worker = await as('worker');
  const mine = await worker.get('/receipts?assignee=me');
  t.match(mine.body, '小区路灯坏了');
  t.equal((await worker.post(`/receipts/${id}/answer`, ANSWER)).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'answered', answerAction: ANSWER.action, answerText: ANSWER.reply, answerMethod: 'visit', answeredBy: w.worker.id });

  t.equal((await township.post(`/receipts/${id}/close`, {})).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'closed', closedBy: w.township.id });
  const page = await township.get(`/receipts/${id}`);
  t.match(page.body, '已办结');
  t.match(page.body, '路灯已修好，感谢您的反映');
  t.match(page.body, '上门');
  t.match(page.body, '网格员王五');
  t.same(receiptAudit(db).map((e) => [e.action, e.user_id]), [
    ['receipt.assign', w.township.id], ['receipt.answer', w.worker.id], ['receipt.close', w.township.id],
  ]);
});

t.test('handing on to a unit: its grid worker answers; the committee closes what it handed on', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const committee = await as('committee');
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  t.equal((await committee.post(`/receipts/${id}/assign`, { assignee: `unit:${w.d.villages[0].code}`, due })).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'assigned', assigneeUnitId: w.d.villages[0].id, dueAt: `${due}T15:59:59.000Z` }, 'due at the end of that day, China time');
  const neighbour = await as('neighbour');
  t.equal((await neighbour.post(`/receipts/${id}/answer`, ANSWER)).statusCode, 303, 'a worker of the village answers');
  const township = await as('township');
  const refused = await township.post(`/receipts/${id}/close`, {});
  t.equal(refused.statusCode, 403);
  t.match(refused.body, '须由其核实后办结');
  t.equal(repos.receipts.getById(id)?.state, 'answered');
  t.equal((await committee.post(`/receipts/${id}/close`, {})).statusCode, 303);
  t.equal(repos.receipts.getById(id)?.state, 'closed');
});

t.test('dismissing with a reason', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const township = await as('township');
  const noNote = await township.post(`/receipts/${id}/dismiss`, { reason: 'other', note: '' });
  t.equal(noNote.statusCode, 422);
  t.match(noNote.body, '请填写说明');
  t.equal(repos.receipts.getById(id)?.state, 'open');
  t.equal((await township.post(`/receipts/${id}/dismiss`, { reason: 'duplicate', note: '与回执 1 相同' })).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'dismissed', dismissReason: 'duplicate', dismissNote: '与回执 1 相同', closedBy: w.township.id });
  t.match((await township.get(`/receipts/${id}`)).body, '重复');
});

interface Refusal {
  name: string;
  who: string;
  /** Puts the receipt where the attempt starts from; returns its id. */
  prepare(): number;
  path: (id: number) => string;
  form: Record<string, string>;
  status: number;
  message: string;
}

t.test('refused steps: a Chinese 4xx, nothing changed, an audit entry of the attempt', async (t) => {
  const { repos, db, w, as } = await receiptApp(t);
  const assignedTo = (userId: number) => {
    const id = w.newReceipt();
    repos.receipts.assign(id, { userId, unitId: null });
    return id;
  };
  const answered = () => {
    const id = assignedTo(w.worker.id);
    repos.receipts.answer(id, { action: '已处理', text: '已答复', method: 'phone' });
    return id;
  };
  const cases: Refusal[] = [
    { name: 'assigning to a worker of another township', who: 'township', prepare: () => w.newReceipt(), path: (id) => `/receipts/${id}/assign`, form: { assignee: `user:${w.farWorker.id}` }, status: 403, message: '不负责该回执所在的网格' },
    { name: 'assigning to a unit outside the receipt', who: 'township', prepare: () => w.newReceipt(), path: (id) => `/receipts/${id}/assign`, form: { assignee: `unit:${w.d.villages[1].code}` }, status: 403, message: '只能交办给该回执所在的村（社区）或网格' },
    { name: 'a township assigning a receipt of another township', who: 'township2', prepare: () => w.newReceipt(), path: (id) => `/receipts/${id}/assign`, form: { assignee: `user:${w.worker.id}` }, status: 403, message: '不在您的管辖范围内' },
    { name: 'a grid worker assigning', who: 'worker', prepare: () => w.newReceipt(), path: (id) => `/receipts/${id}/assign`, form: { assignee: `user:${w.neighbour.id}` }, status: 403, message: '网格员不能交办回执' },
    { name: 'answering by someone not the assignee', who: 'neighbour', prepare: () => assignedTo(w.worker.id), path: (id) => `/receipts/${id}/answer`, form: ANSWER, status: 403, message: '只有承办人可以答复' },
    { name: 'answering a receipt of another township', who: 'far', prepare: () => w.newReceipt(), path: (id) => `/receipts/${id}/answer`, form: ANSWER, status: 403, message: '不在您的管辖范围内' },
    { name: 'closing without a reply', who: 'township', prepare: () => assignedTo(w.worker.id), path: (id) => `/receipts/${id}/close`, form: {}, status: 409, message: '当前为已交办，不能办结（只有已答复的回执可以办结）' },
    { name: 'a grid worker closing', who: 'worker', prepare: answered, path: (id) => `/receipts/${id}/close`, form: {}, status: 403, message: '网格员不能办结回执' },
    { name: 'answering twice (unreachable state)', who: 'worker', prepare: answered, path: (id) => `/receipts/${id}/answer`, form: ANSWER, status: 409, message: '当前为已答复，不能答复' },
    { name: 'assigning an answered receipt', who: 'township', prepare: answered, path: (id) => `/receipts/${id}/assign`, form: { assignee: `user:${w.worker.id}` }, status: 409, message: '当前为已答复，不能交办' },
    { name: 'dismissing an answered receipt', who: 'committee', prepare: answered, path: (id) => `/receipts/${id}/dismiss`, form: { reason: 'praise' }, status: 409, message: '不能标记为无需处理' },
    { name: 'a grid worker dismissing', who: 'worker', prepare: () => w.newReceipt(), path: (id) => `/receipts/${id}/dismiss`, form: { reason: 'praise' }, status: 403, message: '网格员不能将回执标记为无需处理' },
    { name: 'a township closing in another township', who: 'township2', prepare: answered, path: (id) => `/receipts/${id}/close`, form: {}, status: 403, message: '不在您的管辖范围内' },
    { name: 'answering a receipt handed to another grid', who: 'neighbour', prepare: () => { const id = w.newReceipt(); repos.receipts.assign(id, { userId: null, unitId: w.d.grids[0].id }); return id; }, path: (id) => `/receipts/${id}/answer`, form: ANSWER, status: 403, message: '只有承办人可以答复' },
  ];
  for (const c of cases) {
    const id = c.prepare();
    const before = repos.receipts.getById(id);
    const auditBefore = receiptAudit(db).length;
    const s = await as(c.who);
    const res = await s.post(c.path(id), { assignee: '', due: '', action: '', reply: '', method: '', reason: '', ...c.form });
    t.equal(res.statusCode, c.status, `${c.name}: status`);
    t.match(res.body, c.message, `${c.name}: message`);
    t.same(repos.receipts.getById(id), before, `${c.name}: nothing changed`);
    const added = receiptAudit(db).slice(auditBefore);
    t.equal(added.length, 1, `${c.name}: one audit entry`);
    t.match(added[0], { action: 'receipt.refused' }, `${c.name}: recorded as refused`);
    t.match(JSON.parse(added[0]?.detail ?? '{}'), { receipt: id }, `${c.name}: of this receipt`);
  }
});

t.test('bad forms are sent back with a Chinese message and change nothing', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const township = await as('township');
  const cases: Array<[string, string, Record<string, string>, string]> = [
    ['no reply', 'answer', { action: '已处理', reply: '  ', method: 'phone' }, '请填写给群众的答复'],
    ['unknown method', 'answer', { action: '已处理', reply: '已答复', method: 'fax' }, '请选择答复方式'],
    ['no assignee', 'assign', { assignee: 'user:999999' }, '请选择承办人'],
    ['a past due date', 'assign', { assignee: `user:${w.worker.id}`, due: '2000-01-01' }, '办理期限不能早于今天'],
    ['a due date years ahead', 'assign', { assignee: `user:${w.worker.id}`, due: '2999-01-01' }, '办理期限不能超过一年'],
    ['a bad due date', 'assign', { assignee: `user:${w.worker.id}`, due: '2025-02-30' }, '不是有效的日期'],
    ['unknown reason', 'dismiss', { reason: 'lazy' }, '请选择无需处理的原因'],
  ];
  for (const [name, action, form, message] of cases) {
    const res = await township.post(`/receipts/${id}/${action}`, form);
    t.equal(res.statusCode, 422, name);
    t.match(res.body, message, name);
    t.equal(repos.receipts.getById(id)?.state, 'open', `${name}: unchanged`);
  }
  const forged = await township.post(`/receipts/${id}/close`, { _csrf: 'forged' });
  t.equal(forged.statusCode, 403, 'a forged form is refused');
  t.equal((await township.get('/receipts/999999')).statusCode, 404);
  t.equal((await township.post('/receipts/999999/close', {})).statusCode, 404);
});
