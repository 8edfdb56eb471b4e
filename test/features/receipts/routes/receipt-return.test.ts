// Receipts: the township sends an answer that does not hold up back (退回重办, reason required, audited,
// in the receipt's history, back to the assignee); a form refused for what was typed (a due date, a missing choice,
// an empty reason) comes back on the receipt's page with the message and what was typed; the due date is a date
// input; a receipt names its question by the number printed on the form.
import t from 'tap';
import { receiptApp, receiptAudit } from '../../../kit/receipts.js';

const ANSWER = { action: '联系供电所更换了路灯', reply: '路灯已修好，感谢您的反映', method: 'phone' };

t.test('退回重办: reason required, audited, in the history, back to the assignee who answers again', async (t) => {
  const { repos, db, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const township = await as('township');
  t.equal((await township.post(`/receipts/${id}/assign`, { assignee: `user:${w.worker.id}`, due: '' })).statusCode, 303);
  const worker = await as('worker');
  t.equal((await worker.post(`/receipts/${id}/answer`, ANSWER)).statusCode, 303);

  const answered = await township.get(`/receipts/${id}`);
  t.match(answered.body, `action="/receipts/${id}/return"`, 'the township is offered 退回重办 beside 办结');
  t.match(answered.body, `action="/receipts/${id}/close"`);
  t.notMatch((await worker.get(`/receipts/${id}`)).body, `/receipts/${id}/return`, 'the grid worker is not');

  const empty = await township.post(`/receipts/${id}/return`, { reason: '  ' });
  t.equal(empty.statusCode, 422);
  t.match(empty.body, '请填写退回原因');
  t.match(empty.body, `action="/receipts/${id}/return"`, 'the form comes back, not a dead end');
  t.equal(repos.receipts.getById(id)?.state, 'answered', 'nothing changed');

  const byWorker = await worker.post(`/receipts/${id}/return`, { reason: '我自己退回' });
  t.equal(byWorker.statusCode, 403);
  t.match(byWorker.body, '网格员不能退回回执');

  const reason = '群众反映路灯仍未修好，请核实后重新答复';
  t.equal((await township.post(`/receipts/${id}/return`, { reason })).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'assigned', assigneeId: w.worker.id, answeredAt: null, answerMethod: null });
  const audit = receiptAudit(db).filter((e) => e.action === 'receipt.return');
  t.equal(audit.length, 1);
  t.same(JSON.parse(audit[0].detail), { receipt: id, round: w.round.id, from: 'answered', to: 'assigned', reason });
  t.equal(audit[0].user_id, w.township.id);

  const again = await worker.get(`/receipts/${id}`);
  t.match(again.body, '已交办');
  t.match(again.body, /<td data-label="操作">退回重办<\/td><td>退回原因：群众反映路灯仍未修好/, 'the history says who sent it back and why');
  t.match(again.body, `action="/receipts/${id}/answer"`, 'the assignee may answer again');
  t.match((await worker.get('/receipts?assignee=me')).body, /已交办<\/span> <span class="small muted">退回重办<\/span>/, 'the list says it came back');
  t.match(again.body, `>${ANSWER.reply}</textarea>`, 'starting from the previous answer');
  const second = { action: '再次联系供电所，已更换灯泡并复查', reply: '路灯已经修好，我们复查过了', method: 'visit' };
  t.equal((await worker.post(`/receipts/${id}/answer`, second)).statusCode, 303);
  t.equal((await township.post(`/receipts/${id}/close`, {})).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'closed', answerText: second.reply, answerMethod: 'visit' });
});

t.test('an answered receipt nobody handed on goes back to whoever answered it', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const worker = await as('worker');
  t.equal((await worker.post(`/receipts/${id}/answer`, ANSWER)).statusCode, 303);
  const township = await as('township');
  t.equal((await township.post(`/receipts/${id}/return`, { reason: '答复过于简单' })).statusCode, 303);
  t.match(repos.receipts.getById(id), { state: 'assigned', assigneeId: w.worker.id });
  t.equal((await worker.post(`/receipts/${id}/answer`, ANSWER)).statusCode, 303, 'and they answer it again');
});

t.test('a wrong due date returns the form with the message and what was chosen; the due date is a date input', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const township = await as('township');
  const page = await township.get(`/receipts/${id}`);
  t.match(page.body, /<input id="s-due" type="date" name="due" value="" min="\d{4}-\d{2}-\d{2}" max="\d{4}-\d{2}-\d{2}">/);
  const res = await township.post(`/receipts/${id}/assign`, { assignee: `unit:${w.d.villages[0].code}`, due: '2020-01-31' });
  t.equal(res.statusCode, 422);
  t.match(res.body, '<p class="error-text" role="alert">办理期限不能早于今天</p>');
  t.match(res.body, 'value="2020-01-31"', 'the date typed is kept');
  t.match(res.body, `<option value="unit:${w.d.villages[0].code}" selected>`, 'and the assignee chosen');
  t.match(res.body, /name="_csrf" value="[^"]+"/, 'the returned form can be sent again');
  const typo = await township.post(`/receipts/${id}/assign`, { assignee: `unit:${w.d.villages[0].code}`, due: '2026年3月1日 下午' });
  t.equal(typo.statusCode, 422, 'a hand-typed date longer than a date gets the message too, not a bare 400');
  t.match(typo.body, '办理期限格式应为 年-月-日');
  t.equal(repos.receipts.getById(id)?.state, 'open');
});

t.test('an answer without a way of answering comes back with what was typed', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const worker = await as('worker');
  const res = await worker.post(`/receipts/${id}/answer`, { action: ANSWER.action, reply: ANSWER.reply });
  t.equal(res.statusCode, 422);
  t.match(res.body, '请选择答复方式');
  t.match(res.body, `>${ANSWER.action}</textarea>`);
  t.match(res.body, `>${ANSWER.reply}</textarea>`);
  t.equal(repos.receipts.getById(id)?.state, 'open');
});

t.test('a receipt names its question by the printed number and short name', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = repos.receipts.create({ roundId: w.round.id, gridId: w.d.grids[0].id, responseId: null, source: 'suggestion', questionId: 'Q15', body: '希望多安排巡逻' });
  const township = await as('township');
  const detail = await township.get(`/receipts/${id}`);
  t.match(detail.body, '群众意见建议（第 19 题 意见建议）');
  t.notMatch(detail.body, /（Q15）|\bQ15\b/);
  const list = await township.get(`/receipts?round=${w.round.code}`);
  t.match(list.body, '（群众意见建议，第 19 题 意见建议）');
  t.match(list.body, '<option value="Q15">第 19 题 意见建议</option>', 'the question filter too');
});

t.test('the list\'s forms come back with their message too: a village\'s bulk hand-on and the round\'s days', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const township = await as('township');
  const village = w.d.villages[0].code;
  const list = await township.get(`/receipts?round=${w.round.code}&unit=${village}`);
  t.match(list.body, /<input id="b-due" type="date" name="due" value="" min="\d{4}-\d{2}-\d{2}"/, 'a date input');
  const bulk = await township.post('/receipts/bulk-assign', { round: w.round.code, village, assignee: `user:${w.worker.id}`, due: '2020-01-31' });
  t.equal(bulk.statusCode, 422);
  t.match(bulk.body, '<p class="error-text" role="alert">办理期限不能早于今天</p>');
  t.match(bulk.body, 'name="due" value="2020-01-31"');
  t.match(bulk.body, `<option value="user:${w.worker.id}" selected>`);
  t.match(bulk.body, 'action="/receipts/bulk-assign"', 'the form is there to send again');
  t.equal(repos.receipts.getById(id)?.state, 'open');

  const committee = await as('committee');
  const days = await committee.post('/receipts/due-days', { round: w.round.code, days: '120' });
  t.equal(days.statusCode, 422);
  t.match(days.body, '<p class="error-text" role="alert">默认办理期限应为 1 到 90 之间的整数天</p>');
  t.match(days.body, 'name="days" min="1" max="90" value="120"');
});
