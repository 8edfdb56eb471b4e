// A grid worker's evening on a 360 px phone: ten calls in a row, following only the pages the server returns —
// reveal and dial, no answer, an appointment (a past time refused with everything kept, then a good one), a refusal,
// a completed interview whose 不太安全 opens the follow-up 3.1 (shown at once by the page's CSS), a check message and
// its correction — and then the round's progress and the stored answers. The outcomes stay on screen in the middle of
// the questionnaire. A second run with JavaScript off uses the server's 更新题目 to bring up the follow-up.
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { answerTheRest, axeViolations, inViewport, nextNumber, openOutcomes, pressOutcome, question, tap } from '../kit/cati-journey.js';
import { addContacts, catiWorld, chinaLocal, fakeNumber, type CatiWorld } from '../kit/cati.js';
import type { Db } from '../../server/platform/db.js';
import { PASSWORD } from '../kit/app.js';

const count = (db: Db, sql: string, ...args: unknown[]) => Number(db.prepare(sql).pluck().get(...args));

async function world(t: Test, contacts: number) {
  let w: CatiWorld | undefined;
  const journey = await startJourney(t, (repos, db) => {
    w = catiWorld(repos);
    addContacts(db, w.myGrid.id, Array.from({ length: contacts }, (_, i) => fakeNumber(i)));
  });
  if (!w) throw new Error('fixture');
  return { ...journey, w };
}

/** From the phone-interview index to the first number of the round. */
async function firstNumber(page: Page, base: string, code: string): Promise<void> {
  await page.goto(`${base}/cati`);
  await Promise.all([page.waitForNavigation(), page.click(`a[href="/cati/${code}"]`)]);
  await nextNumber(page);
}

/** The answers of a stored response, question id → option codes (or text). */
function storedAnswers(db: Db, responseId: number): Record<string, string> {
  const rows = db.prepare('SELECT question_id AS q, group_concat(COALESCE(option_code, text_value)) AS v FROM answers WHERE response_id = ? GROUP BY question_id').all(responseId) as Array<{ q: string; v: string }>;
  return Object.fromEntries(rows.map((r) => [r.q, r.v]));
}

t.test('a grid worker makes ten calls in a row on a 360 px phone', async (t) => {
  const { base, browser, db, w } = await world(t, 12);
  const code = w.round.code;
  const page = await (await screen(browser, 'phone')).newPage();
  await logIn(page, base, 'grid', PASSWORD);
  await firstNumber(page, base, code);

  // 1. The first screen: the opening script names the grid once and greets once; no keyboard hints on a phone.
  const script = await page.locator('.cati-script').innerText();
  t.match(script, '您好！我是东门社区第一网格的工作人员。');
  t.equal(script.split('您好').length - 1, 1, 'one 您好');
  t.notMatch(script, '东门社区东门社区', 'the unit named once');
  t.equal(await page.locator('.kbd').first().isVisible(), false, 'no "Alt+…" labels on a phone');
  t.notMatch(await page.locator('main').innerText(), /Alt\+/, 'nowhere on the screen');
  await submit(page, 'button:has-text("显示号码并拨打")');
  t.match(await page.locator('.cati-number').innerText(), /拨打 170\d{8}/, 'the number in clear after the reveal');
  t.ok(await page.locator('a[href^="tel:170"]').isVisible(), 'a tap dials it');
  t.ok(await inViewport(page, '.cati-bar button[value=no_answer]'), '无人接听 one tap away, nothing to open');
  await submit(page, '.cati-bar button[value=no_answer]');
  t.match(await page.locator('main').innerText(), '已记录：无人接听', 'an outcome posted from the page the reveal returned');

  // 2. Busy.
  await nextNumber(page);
  await pressOutcome(page, '占线');
  t.match(await page.locator('main').innerText(), '已记录：占线');

  // 3. An appointment: a past time comes back with the message and everything typed, a future one is recorded.
  await nextNumber(page);
  const appointed = Number(/\/calls\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1]);
  await tap(page, '1', '满一年');
  await openOutcomes(page);
  t.equal(await page.locator('input[name=appointment_at]').getAttribute('type'), 'datetime-local', 'a date-and-time input');
  const past = chinaLocal(-2);
  await page.fill('input[name=appointment_at]', past);
  await page.check('input[name=never_again]');
  await submit(page, '.cati-bar button:has-text("约访")');
  t.match(await page.locator('.cati-bar').innerText(), '约访时间已过，请选择将来的时间', 'the message beside the time');
  t.equal(await page.inputValue('input[name=appointment_at]'), past, 'the time typed is kept');
  t.ok(await page.isChecked('input[name=never_again]'), '拒绝再访 kept');
  t.ok(await question(page, '1').locator('input[value="1"]').isChecked(), 'the answer given kept');
  await shoot(page, 'cati-appointment-refused');
  await page.uncheck('input[name=never_again]');
  await page.fill('input[name=appointment_at]', chinaLocal(20));
  await submit(page, '.cati-bar button:has-text("约访")');
  t.match(await page.locator('main').innerText(), '已记录：约访');
  t.equal(count(db, "SELECT COUNT(*) FROM call_cases WHERE contact_id = ? AND pool = 0 AND closed = 0", appointed), 1, 'the case waits for its appointment');

  // 4. A refusal, never to be called again.
  await nextNumber(page);
  await openOutcomes(page);
  await page.check('input[name=never_again]');
  await submit(page, '.cati-bar button:has-text("拒访")');
  t.match(await page.locator('main').innerText(), '已记录：拒访');

  // 5. A completed interview: 不太安全 brings up 3.1 at once; the outcomes stay in view mid-questionnaire; one
  //    answer left out gives a check message naming its printed number; corrected, it is saved; two taps to the next.
  await nextNumber(page);
  await submit(page, 'button:has-text("显示号码并拨打")');
  await tap(page, '1', '满一年');
  await tap(page, '2', '已满 18 周岁');
  t.equal(await question(page, '3.1').isVisible(), false, 'the follow-up waits for its trigger');
  await tap(page, '3', '不太安全');
  t.ok(await question(page, '3.1').isVisible(), 'the follow-up 3.1 appears without a reload');
  await tap(page, '3.1', '夜间照明差、巡逻少');
  await tap(page, '3.1', '交通秩序混乱');
  await question(page, '10').scrollIntoViewIfNeeded();
  t.ok(await inViewport(page, '.cati-bar button[value=complete]'), '完成 is on screen in the middle of the questions');
  t.ok(await inViewport(page, '.cati-outcomes > summary'), 'and so are the other outcomes');
  await openOutcomes(page);
  t.ok(await inViewport(page, '.cati-bar button[value=no_answer]'), 'opened, they are on screen too');
  t.same(await axeViolations(page), [], 'axe-core finds nothing on the call screen');
  await shoot(page, 'cati-mid-questions');
  await page.locator('.cati-outcomes > summary').click();
  await answerTheRest(page, ['7']);
  await submit(page, '.cati-bar button[value=complete]');
  const check = await page.locator('.error-box').innerText();
  t.match(check, '还有 1 处需要修改', 'a check message');
  t.match(check, '第 7 题', 'naming the question by its printed number');
  t.ok(await question(page, '3.1').locator('input[value="C"]').isChecked(), 'the follow-up\'s answers kept');
  await shoot(page, 'cati-check-message');
  await tap(page, '7', '不太严重');
  await submit(page, '.cati-bar button[value=complete]');
  t.match(await page.locator('main').innerText(), '已记录：完成', 'saved from the page the check returned');
  const completed = count(db, "SELECT id FROM responses WHERE channel = 'phone' AND status = 'complete' ORDER BY id DESC LIMIT 1");
  t.match(storedAnswers(db, completed), { Q1: 'D', Q1a: 'C,D', Q5: 'B' }, 'the answers and the follow-up stored');

  // 6–10. The rest of the evening: a quick complete, switched off, an empty number, a dropped line, screened out.
  await nextNumber(page);
  await answerTheRest(page);
  await submit(page, '.cati-bar button[value=complete]');
  for (const label of ['关机', '空号', '中途挂断']) {
    await nextNumber(page);
    await pressOutcome(page, label);
    t.match(await page.locator('main').innerText(), `已记录：${label}`);
  }
  // The tenth resident has lived here under a year: the polite ending appears at once, the questions step aside.
  await nextNumber(page);
  await tap(page, '1', '不满一年');
  t.ok(await page.locator('#so').isVisible(), 'the screen-out ending to read out');
  t.equal(await question(page, '3').isVisible(), false, 'the main questions step aside');
  await submit(page, '.cati-bar button[value=complete]');
  t.match(await page.locator('main').innerText(), '已记录：非本地居民/不符合条件');
  await shoot(page, 'cati-round-after-ten');

  // The round's progress says what the evening did; the calls table agrees.
  const progress = await page.locator('main').innerText();
  t.match(progress, /本轮我拨打 \/ 完成\s+10 次 \/ 2 份/);
  t.match(progress, /2 \/ 配额 5/);
  const outcomes = db.prepare('SELECT outcome, COUNT(*) AS n FROM calls GROUP BY outcome ORDER BY outcome').all();
  t.same(outcomes, [
    { outcome: 'appointment', n: 1 }, { outcome: 'break_off', n: 1 }, { outcome: 'busy', n: 1 }, { outcome: 'complete', n: 2 },
    { outcome: 'invalid_number', n: 1 }, { outcome: 'no_answer', n: 1 }, { outcome: 'not_eligible', n: 1 }, { outcome: 'refusal', n: 1 },
    { outcome: 'switched_off', n: 1 },
  ]);
  t.equal(count(db, "SELECT COUNT(*) FROM contacts WHERE status = 'do_not_call'"), 1, '拒绝再访 marked the refusal only');
});

t.test('with JavaScript off, 更新题目 brings up the follow-up and the interview is saved', async (t) => {
  const { base, browser, db, w } = await world(t, 3);
  const code = w.round.code;
  const page = await (await screen(browser, 'phone', { javaScriptEnabled: false })).newPage();
  await logIn(page, base, 'grid', PASSWORD);
  await firstNumber(page, base, code);
  await submit(page, 'button:has-text("显示号码并拨打")');
  await tap(page, '1', '满一年');
  await tap(page, '2', '已满 18 周岁');
  await tap(page, '3', '很不安全');
  await submit(page, 'button:has-text("更新题目")');
  const notice = await page.locator('.cati-revealed').innerText();
  t.match(notice, '还有 1 道题需要补充', 'the server names what the answers opened');
  t.match(notice, '第 3.1 题', 'by its printed number');
  t.ok(await question(page, '3.1').isVisible());
  t.ok(await question(page, '3').locator('input[value=E]').isChecked(), 'answers kept');
  await tap(page, '3.1', '盗窃、抢劫、诈骗多');
  await answerTheRest(page);
  await submit(page, '.cati-bar button[value=complete]');
  t.match(await page.locator('main').innerText(), '已记录：完成');
  const id = count(db, "SELECT id FROM responses WHERE channel = 'phone'");
  t.match(storedAnswers(db, id), { Q1: 'E', Q1a: 'A' });

  await nextNumber(page);
  await pressOutcome(page, '约访');
  t.match(await page.locator('.cati-bar').innerText(), '请填写约访时间', 'no time: said beside the field');
  await page.fill('input[name=appointment_at]', chinaLocal(3));
  await submit(page, '.cati-bar button:has-text("约访")');
  t.match(await page.locator('main').innerText(), '已记录：约访');
  t.equal(count(db, 'SELECT COUNT(*) FROM calls'), 2);
});
