// The receipt workflow in the repository: each allowed step changes the state and writes its audit entry in the same
// transaction; each refused step throws a Chinese message and changes nothing. And "overdue" counted in SQL is the
// domain's isOverdue.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { ReceiptStateError } from '../../../server/features/receipts/receipts-repo.js';
import { isOverdue } from '../../../server/features/receipts/core/overdue.js';
import type { Db } from '../../../server/platform/db.js';
import type { Repos } from '../../../server/platform/repos.js';

function setup(t: Parameters<typeof testDb>[0]) {
  const { db, repos } = testDb(t);
  const d = smallDistrict(repos);
  const round = openRound(repos);
  const gridId = repos.units.getByCode(d.grids[0].code)?.id ?? -1;
  const worker = repos.users.create({ username: 'wang', displayName: '王网格员', password: 'pw-123456789', role: 'grid', unitId: gridId });
  const newReceipt = (createdAt = '2025-03-02T08:00:00.000Z', dueAt: string | null = null, grid = gridId) =>
    repos.receipts.create({ roundId: round.id, gridId: grid, responseId: null, source: 'staff', questionId: null, body: '路灯坏了', createdAt, dueAt });
  return { db, repos, round, gridId, worker, newReceipt };
}

function auditOf(db: Db): Array<{ user_id: number | null; action: string; detail: string }> {
  return db.prepare<[], { user_id: number | null; action: string; detail: string }>(
    "SELECT user_id, action, detail FROM audit_log WHERE action LIKE 'receipt.%' ORDER BY id",
  ).all();
}

function stateOf(repos: Repos, id: number): string | undefined {
  return repos.receipts.getById(id)?.state;
}

t.test('allowed steps: assign, reassign, answer, close; and answer straight from 待处理', async (t) => {
  const { db, repos, worker, newReceipt } = setup(t);
  const id = newReceipt();
  t.match(repos.receipts.assign(id, { userId: worker.id, unitId: null }, '2025-03-09T00:00:00.000Z', { by: worker.id }), { state: 'assigned', assigneeId: worker.id, dueAt: '2025-03-09T00:00:00.000Z' });
  t.match(repos.receipts.assign(id, { userId: worker.id, unitId: null }), { state: 'assigned', dueAt: '2025-03-09T00:00:00.000Z' }, 'handed on again, due date kept');
  t.match(repos.receipts.answer(id, { action: '已修好', text: '已修好', method: 'phone' }, { at: '2025-03-05T08:00:00.000Z', by: worker.id }), { state: 'answered', answerText: '已修好', answeredAt: '2025-03-05T08:00:00.000Z' });
  t.match(repos.receipts.close(id, { by: worker.id }), { state: 'closed', answerText: '已修好' });
  const direct = newReceipt();
  t.match(repos.receipts.answer(direct, { action: '已联系供电所', text: '已联系供电所', method: 'phone' }), { state: 'answered' });
  const entries = auditOf(db);
  t.same(entries.map((e) => e.action), ['receipt.assign', 'receipt.assign', 'receipt.answer', 'receipt.close', 'receipt.answer']);
  t.same(entries.map((e) => e.user_id), [worker.id, null, worker.id, worker.id, null]);
  t.match(JSON.parse(entries[2].detail), { receipt: id, from: 'assigned', to: 'answered' });
  t.notMatch(entries[2].detail, '已修好', 'the answer text is not copied into the audit log');
});

t.test('refused steps throw a Chinese message and change nothing', async (t) => {
  const { db, repos, worker, newReceipt } = setup(t);
  const open = newReceipt();
  const assigned = newReceipt();
  repos.receipts.assign(assigned, { userId: worker.id, unitId: null });
  const answered = newReceipt();
  repos.receipts.answer(answered, { action: '已处理', text: '已处理', method: 'phone' });
  const closed = newReceipt();
  repos.receipts.answer(closed, { action: '已处理', text: '已处理', method: 'phone' });
  repos.receipts.close(closed);
  const before = auditOf(db).length;
  const refused: Array<[string, () => unknown, number, string]> = [
    ['close from 待处理', () => repos.receipts.close(open), open, '回执 %d 当前为待处理，不能办结（只有已答复的回执可以办结）'],
    ['close from 已交办', () => repos.receipts.close(assigned), assigned, '当前为已交办，不能办结'],
    ['answer from 已答复', () => repos.receipts.answer(answered, { action: '再答一次', text: '再答一次', method: 'phone' }), answered, '当前为已答复，不能答复'],
    ['assign from 已答复', () => repos.receipts.assign(answered, { userId: worker.id, unitId: null }), answered, '当前为已答复，不能交办'],
    ['answer from 已办结', () => repos.receipts.answer(closed, { action: '再答一次', text: '再答一次', method: 'phone' }), closed, '当前为已办结，不能答复'],
    ['assign from 已办结', () => repos.receipts.assign(closed, { userId: worker.id, unitId: null }), closed, '当前为已办结，不能交办'],
    ['close from 已办结', () => repos.receipts.close(closed), closed, '当前为已办结，不能办结'],
  ];
  for (const [name, step, id, message] of refused) {
    const state = stateOf(repos, id);
    const text = repos.receipts.getById(id)?.answerText;
    t.throws(step, ReceiptStateError, name);
    t.throws(step, { message: new RegExp(message.replace('%d', String(id)).replace(/[()（）]/g, '.')) }, name);
    t.equal(stateOf(repos, id), state, `${name}: state kept`);
    t.equal(repos.receipts.getById(id)?.answerText, text, `${name}: answer kept`);
  }
  t.equal(auditOf(db).length, before, 'no audit entry for a refused step');
  t.equal(repos.receipts.answer(999999, { action: 'x', text: 'x', method: 'phone' }), undefined, 'no such receipt');
  t.equal(repos.receipts.assign(999999, { userId: worker.id, unitId: null }), undefined);
  t.equal(repos.receipts.close(999999), undefined);
});

t.test('overdue counted in SQL is the domain’s isOverdue', async (t) => {
  const { repos, round, gridId, worker, newReceipt } = setup(t);
  const now = new Date('2025-03-20T12:00:00.000Z');
  const day = 86_400_000;
  const ago = (days: number) => new Date(now.getTime() - days * day).toISOString();
  const cases: Array<[created: number, due: number | null, step: 'none' | 'assign' | 'answer' | 'close' | 'dismiss']> = [
    [20, 10, 'none'], [20, 1, 'assign'], [20, -1, 'none'], [10, null, 'none'], [7, null, 'assign'], [6.9, null, 'none'],
    [30, 2, 'answer'], [30, null, 'close'], [1, null, 'none'], [8, null, 'assign'], [25, 3, 'dismiss'],
  ];
  for (const [created, due, step] of cases) {
    const id = newReceipt(ago(created), due === null ? null : ago(due));
    if (step === 'assign') repos.receipts.assign(id, { userId: worker.id, unitId: null });
    if (step === 'answer' || step === 'close') repos.receipts.answer(id, { action: '已处理', text: '已处理', method: 'phone' }, { at: ago(0) });
    if (step === 'close') repos.receipts.close(id);
    if (step === 'dismiss') repos.receipts.dismiss(id, 'duplicate', null);
  }
  const receipts = repos.receipts.listForRound(round.id);
  const expected = receipts.filter((r) => isOverdue(r, now)).length;
  t.equal(expected, 4, 'the cases hold four overdue receipts');
  // The dismissed one (无需处理) is no problem: not opened, never overdue.
  t.same(repos.results.receiptCounts(round.id, now), [{ gridId, opened: 10, answered: 2, closed: 1, overdue: expected }]);
});
