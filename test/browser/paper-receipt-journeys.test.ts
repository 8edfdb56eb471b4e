// Journeys for paper entry and receipts, following only the pages the server returns (the CSRF token of a
// page rendered in answer to a POST included): a grid worker on a 360 px phone keys five paper questionnaires in a row
// with one error fixed in between, then reveals a resident's number on a receipt and answers it; a township clerk at
// a desktop hands one receipt on (date input), sends one answer back (退回重办, with a reason) and closes another.
import t from 'tap';
import type { Page } from 'playwright-core';
import type { Repos } from '../../server/platform/repos.js';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { receiptWorld, type ReceiptWorld } from '../kit/receipts.js';
import { PASSWORD } from '../kit/app.js';

const RESIDENT_NUMBER = '13812345678';

/** A receipt behind a resident's web answer with a reply number (sealed with the app's own keys, so it opens). */
function receiptWithContact(repos: Repos, w: ReceiptWorld): number {
  const survey = repos.surveys.latest('hunan-100')?.survey;
  if (!survey) throw new Error('fixture');
  const gridId = w.d.grids[0].id;
  const stored = repos.responses.insert({
    roundId: w.round.id, gridId, channel: 'web', status: 'complete', answers: {}, survey,
    replyContact: { digits: RESIDENT_NUMBER, masked: '138****5678' },
  });
  if (!stored.ok) throw new Error('fixture');
  return repos.receipts.create({ roundId: w.round.id, gridId, responseId: stored.id, source: 'suggestion', questionId: 'Q15', body: '小区后门路灯坏了，希望尽快修好' });
}

/** Types one paper questionnaire into the page: screening passed, 很安全 (no follow-up), the first option elsewhere. */
async function keyQuestionnaire(page: Page, overrides: Record<string, string> = {}): Promise<void> {
  const codes = await page.locator('input.code-input').evaluateAll((els) => els.map((e) => e.getAttribute('name') ?? ''));
  for (const name of codes) {
    const value = overrides[name] ?? (name === 'q_Q1a' ? '' : name === 'q_Q1' ? 'A' : '1');
    await page.fill(`input[name="${name}"]`, value);
  }
}

const pageText = (page: Page) => page.locator('main').innerText();

t.test('a grid worker on a phone: five paper questionnaires with one error fixed, then a receipt revealed and answered', async (t) => {
  let w: ReceiptWorld | undefined;
  const j = await startJourney(t, (repos) => {
    w = receiptWorld(repos);
  });
  if (!w) throw new Error('fixture');
  const receiptId = receiptWithContact(j.app.repos, w);
  const context = await screen(j.browser, 'phone');
  const page = await context.newPage();
  await logIn(page, j.base, 'worker', PASSWORD);

  await page.goto(`${j.base}/rounds/${w.round.code}/paper`);
  await page.selectOption('select[name=grid]', w.d.grids[0].code);
  for (let n = 1; n <= 5; n++) {
    if (n === 3) {
      // A code that is no option of question 4 (治安变化): the page comes back with the error under its printed number.
      await keyQuestionnaire(page, { q_Q2: 'Z' });
      await submit(page, 'button:has-text("保存并录入下一份")');
      const text = await pageText(page);
      t.match(text, '还有 1 处需要修改', 'one problem, counted as listed');
      t.match(text, '第 4 题：“Z”不是本题的选项代码');
      t.equal(await page.inputValue('input[name=q_Q3]'), '1', 'what was typed is kept');
      t.ok((await page.inputValue('input[name=_csrf]')).length > 10, 'the returned form carries its token');
      await shoot(page, 'paper-error-360');
      await page.fill('input[name=q_Q2]', '1');
    } else {
      await keyQuestionnaire(page);
    }
    await submit(page, 'button:has-text("保存并录入下一份")');
    t.match(await pageText(page), /已保存第 \d+ 号问卷/, `questionnaire ${n} saved from the page the server returned`);
    t.equal(await page.inputValue('select[name=grid]'), w.d.grids[0].code, 'the grid stays chosen for the next one');
  }
  t.match(await pageText(page), '我的录入（本轮 5 份，今天 5 份）');
  const stored = j.db.prepare("SELECT COUNT(*) FROM responses WHERE channel = 'paper' AND interviewer_id = ? AND status = 'complete'").pluck().get(w.worker.id);
  t.equal(stored, 5, 'five questionnaires stored');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(width <= 360, `paper entry needs no sideways scrolling (${width} px)`);
  await shoot(page, 'paper-five-360');

  // The receipt: from the list, reveal the number (a POST), then answer on the page that POST returned.
  await page.goto(`${j.base}/receipts`);
  await submit(page, `a[href="/receipts/${receiptId}"]`);
  t.match(await pageText(page), '群众意见建议（第 19 题 意见建议）');
  await submit(page, 'button:has-text("查看号码")');
  t.equal(await page.locator(`a[href="tel:${RESIDENT_NUMBER}"]`).count(), 1, 'the number is shown to the one answering');
  await page.fill('textarea[name=action]', '联系供电所更换了路灯');
  await page.fill('textarea[name=reply]', '已电话告知群众路灯修好');
  await page.check('input[name=method][value=phone]');
  await submit(page, 'button:has-text("提交答复")');
  t.match(await page.textContent('h1'), /已答复/, 'the answer was taken');
  t.match(j.app.repos.receipts.getById(receiptId), { state: 'answered', answerMethod: 'phone', answeredBy: w.worker.id });
  t.notMatch(await page.content(), RESIDENT_NUMBER, 'the number is gone once the page is left');
  await shoot(page, 'receipt-answered-360');
});

t.test('a township clerk at a desktop: hand one receipt on, send one back with a reason, close one', async (t) => {
  let w: ReceiptWorld | undefined;
  const ids = { assign: 0, sendBack: 0, close: 0 };
  const j = await startJourney(t, (repos) => {
    w = receiptWorld(repos);
    ids.assign = w.newReceipt('楼下烧烤店营业到凌晨，噪音很大');
    for (const key of ['sendBack', 'close'] as const) {
      ids[key] = w.newReceipt(key === 'sendBack' ? '小区门口积水严重' : '井盖松动');
      repos.receipts.assign(ids[key], { userId: w.worker.id, unitId: null }, null, { by: w.township.id });
      repos.receipts.answer(ids[key], { action: '已处理', text: '已经处理好了', method: 'visit' }, { by: w.worker.id });
    }
  });
  if (!w) throw new Error('fixture');
  const context = await screen(j.browser, 'desktop');
  const page = await context.newPage();
  await logIn(page, j.base, 'township', PASSWORD);
  const due = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

  await page.goto(`${j.base}/receipts`);
  await submit(page, `a[href="/receipts/${ids.assign}"]`);
  t.equal(await page.getAttribute('input[name=due]', 'type'), 'date', 'the due date is a date input');
  await page.selectOption('select[name=assignee]', `user:${w.worker.id}`);
  await page.fill('input[name=due]', due);
  await submit(page, 'button:has-text("交办")');
  t.match(await page.textContent('h1'), /已交办/);
  t.match(j.app.repos.receipts.getById(ids.assign), { state: 'assigned', assigneeId: w.worker.id, dueAt: `${due}T15:59:59.000Z` });

  await page.goto(`${j.base}/receipts?state=answered`);
  await submit(page, `a[href="/receipts/${ids.sendBack}"]`);
  await page.fill('textarea[name=reason]', '群众反映积水仍未排除，请现场核实后重新答复');
  await submit(page, 'button:has-text("退回重办")');
  t.match(await page.textContent('h1'), /已交办/, 'sent back to the assignee');
  t.match(await pageText(page), '退回原因：群众反映积水仍未排除');
  t.match(j.app.repos.receipts.getById(ids.sendBack), { state: 'assigned', assigneeId: w.worker.id, answeredAt: null });
  await shoot(page, 'receipt-sent-back-desktop');

  await page.goto(`${j.base}/receipts?state=answered`);
  await submit(page, `a[href="/receipts/${ids.close}"]`);
  await submit(page, 'button:has-text("核实无误，办结")');
  t.match(await page.textContent('h1'), /已办结/);
  t.equal(j.app.repos.receipts.getById(ids.close)?.state, 'closed');
});
