// A refusal reads the same wherever it is met: the receipt's page and the receipt's steps ask one verb
// (core/auth/permissions.ts), so staff of another township opening a receipt are told what a step would tell them.
import t from 'tap';
import { receiptApp } from '../../../kit/receipts.js';

const ANSWER = { action: '联系供电所更换了路灯', reply: '路灯已修好，感谢您的反映', method: 'phone' };
const OUTSIDE = '该回执不在您的管辖范围内';

t.test('a receipt of another township: the page and each step refuse with one sentence', async (t) => {
  const { repos, w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const other = await as('township2');

  const page = await other.get(`/receipts/${id}`);
  t.equal(page.statusCode, 403);
  t.match(page.body, OUTSIDE, 'the page says why');
  t.notMatch(page.body, '小区路灯坏了', 'and shows nothing of the receipt');

  const steps: Array<[string, Record<string, string>]> = [
    [`/receipts/${id}/answer`, ANSWER],
    [`/receipts/${id}/assign`, { assignee: `user:${w.worker.id}`, due: '' }],
    [`/receipts/${id}/dismiss`, { reason: 'duplicate' }],
    [`/receipts/${id}/contact`, {}],
  ];
  for (const [path, form] of steps) {
    const res = await other.post(path, form);
    t.equal(res.statusCode, 403, path);
    t.match(res.body, OUTSIDE, `${path}: the same sentence`);
  }
  t.equal(repos.receipts.getById(id)?.state, 'open', 'nothing changed');
});

t.test('a grid worker: the page offers no hand-on and the step says why, in the sentence of the verb', async (t) => {
  const { w, as } = await receiptApp(t);
  const id = w.newReceipt();
  const worker = await as('worker');
  const page = await worker.get(`/receipts/${id}`);
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, `action="/receipts/${id}/assign"`);
  const step = await worker.post(`/receipts/${id}/assign`, { assignee: `user:${w.neighbour.id}`, due: '' });
  t.equal(step.statusCode, 403);
  t.match(step.body, '网格员不能交办回执，请答复或联系乡镇（街道）综治中心');
});
