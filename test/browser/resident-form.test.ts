/// <reference lib="dom" />
// The resident form as a resident meets it: a 360×740 touch phone in Chromium, with JavaScript on and off. Each step
// is photographed to test-output/screenshots/resident/ for people to look at.
import t from 'tap';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screen, startJourney } from '../kit/journey.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots', 'resident');
mkdirSync(SHOTS, { recursive: true });

/** The app with one open round, listening on 127.0.0.1, and a browser; both closed when the test ends. */
async function serve(t: Parameters<typeof startJourney>[0]) {
  let gridCode = '';
  const { db, base, browser } = await startJourney(t, (repos) => {
    const { grids } = smallDistrict(repos);
    gridCode = grids[0].code;
    openRound(repos);
  });
  return { db, browser, url: `${base}/g/${gridCode}` };
}

/** Taps the option of a question as a finger would: on its label. */
async function tap(page: Page, question: string, code: string): Promise<void> {
  await page.locator(`label.o:has(input[name="q_${question}"][value="${code}"])`).tap();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

for (const js of [false, true]) {
  const mode = js ? 'js-on' : 'js-off';
  t.test(`tapping 不太安全 shows the follow-up at once, numbered 3.1, before any submit (JavaScript ${js ? 'on' : 'off'})`, async (t) => {
    const { db, browser, url } = await serve(t);
    const page = await (await screen(browser, 'phone', { javaScriptEnabled: js })).newPage();
    await page.goto(url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    t.ok(width <= 360, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
    const box = await page.locator('label.o').first().boundingBox();
    t.ok(box && box.height >= 44, `tap targets are at least 44 px tall (got ${box?.height})`);
    t.match(await page.textContent('header'), /共 \d+ 题，分 \d+ 部分，约 \d+ 分钟/, 'the size is said up front');

    const followUp = page.locator('#f_Q1a');
    t.equal(await followUp.isVisible(), false, 'the reasons question is hidden at first');
    await tap(page, 'S1', '1');
    await tap(page, 'S2', '1');
    await tap(page, 'Q1', 'D');
    await followUp.scrollIntoViewIfNeeded();
    t.equal(await followUp.isVisible(), true, 'the reasons question appears on the tap');
    t.match(await followUp.locator('legend').textContent(), /^3\.1\./, 'numbered as a sub-question');
    t.match(await page.locator('#f_Q2 legend').textContent(), /^4\./, 'the next question keeps its number');
    await shot(page, `follow-up-${mode}`);

    // 其他（请注明）: its text box comes with the option.
    const other = page.locator('input[name=o_Q1a]');
    t.equal(await other.isVisible(), false);
    await tap(page, 'Q1a', 'G');
    t.equal(await other.isVisible(), true, 'choosing 其他 opens its text box');
    await other.fill('楼下经常有人吵架');
    await shot(page, `other-${mode}`);

    await tap(page, 'Q1', 'A');
    t.equal(await followUp.isVisible(), false, 'a changed answer hides it again');
    t.equal(db.prepare('SELECT COUNT(*) AS n FROM responses').pluck().get(), 0, 'nothing sent');
  });
}

t.test('a resident with JavaScript off answers and submits; the server reveal still works', async (t) => {
  const { db, browser, url } = await serve(t);
  const page = await (await screen(browser, 'phone', { javaScriptEnabled: false })).newPage();
  await page.goto(url);
  await tap(page, 'S1', '1');
  await tap(page, 'S2', '1');
  await tap(page, 'Q1', 'D');
  for (const name of await page.locator('fieldset:not([hidden]) input[type=radio]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))])) {
    if (await page.locator(`input[name="${name}"]:checked`).count()) continue;
    await page.locator(`input[name="${name}"]`).first().check();
  }
  // The reasons question was shown but left blank: the page comes back asking for it, nothing stored yet.
  await page.click('button[type=submit]');
  t.match(await page.textContent('body'), /第 3\.1 题/);
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM responses').pluck().get(), 0, 'nothing stored yet');
  t.equal(await page.isChecked('input[name=q_Q1][value="D"]'), true, 'earlier answers are kept');

  await page.locator('input[name=q_Q1a]').first().check();
  await page.fill('textarea[name=q_Q15]', '晚上路灯不亮，希望多巡逻。');
  await page.click('button[type=submit]');
  await page.waitForLoadState();
  t.match(await page.textContent('body'), /感谢/, 'the thank-you page is shown');
  t.notMatch(await page.textContent('body'), /跟进回复/, 'no reply is promised to a resident who left no contact');
  t.equal(db.prepare("SELECT COUNT(*) AS n FROM responses WHERE status = 'complete'").pluck().get(), 1, 'one response stored');
  t.equal(db.prepare("SELECT COUNT(*) AS n FROM receipts WHERE source = 'suggestion'").pluck().get(), 1, 'the suggestion became a receipt');
  await shot(page, 'thanks');

  await page.goto(url);
  t.match(await page.textContent('body'), /本设备本轮已提交/);
  await shot(page, 'already');
});

t.test('tapping 不满一年 shows the ending at once', async (t) => {
  const { db, browser, url } = await serve(t);
  const page = await (await screen(browser, 'phone', { javaScriptEnabled: false })).newPage();
  await page.goto(url);
  const ending = page.locator('#so');
  t.equal(await ending.isVisible(), false);
  await tap(page, 'S1', '2');
  t.equal(await ending.isVisible(), true, 'the ending shows on the tap');
  t.match(await ending.textContent(), /不符合本次调查的条件/);
  t.equal(await page.locator('#f_Q1').isVisible(), false, 'the main questions step aside');
  t.equal(await page.locator('#f_S2').isVisible(), false, 'and so does the screening question after it: nothing more to ask');
  await ending.scrollIntoViewIfNeeded();
  await shot(page, 'screen-out');
  await page.click('button[type=submit]');
  t.match(await page.textContent('body'), /不符合本次调查的条件/);
  t.equal(db.prepare("SELECT COUNT(*) AS n FROM responses WHERE status = 'screened_out'").pluck().get(), 1, 'counted as screened out');
});

t.test('a reload keeps the answers (with JavaScript)', async (t) => {
  const { browser, url } = await serve(t);
  const page = await (await screen(browser, 'phone', { javaScriptEnabled: true })).newPage();
  await page.goto(url);
  await tap(page, 'S1', '1');
  await tap(page, 'S2', '1');
  await tap(page, 'Q1', 'D');
  await tap(page, 'Q1a', 'C');
  await page.fill('textarea[name=q_Q15]', '希望多装路灯');
  t.equal(await page.locator('#pg').isVisible(), true, 'the progress bar shows');
  await page.reload();
  t.equal(await page.isChecked('input[name=q_Q1][value="D"]'), true, 'the answer is back after the reload');
  t.equal(await page.isChecked('input[name=q_Q1a][value="C"]'), true, 'and the follow-up answer, shown again');
  t.equal(await page.locator('#f_Q1a').isVisible(), true);
  t.equal(await page.inputValue('textarea[name=q_Q15]'), '希望多装路灯');
  t.equal(await page.evaluate(() => document.querySelector('progress')?.value), 5, 'the progress bar counts five answered questions');
  await shot(page, 'reloaded');
});

t.test('the A+ switch enlarges the text, with JavaScript off', async (t) => {
  const { browser, url } = await serve(t);
  const page = await (await screen(browser, 'phone', { javaScriptEnabled: false })).newPage();
  await page.goto(url);
  const size = () => page.locator('#f_Q1 legend').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  await shot(page, 'text-normal');
  await Promise.all([page.waitForNavigation(), page.locator('button.up').tap()]);
  const after = await size();
  t.ok(after >= before * 1.2, `the question text grows from ${before} px to ${after} px`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(width <= 360, `still no horizontal scrolling (${width} px)`);
  await shot(page, 'text-big');
  await page.goto(url);
  t.equal(await size(), after, 'the choice is remembered on the next visit');
  await Promise.all([page.waitForNavigation(), page.locator('button.down').tap()]);
  t.equal(await size(), before, 'and can be undone');
});

t.test('a rate-limited post keeps the answers', async (t) => {
  const { db, browser, url } = await serve(t);
  const context = await screen(browser, 'phone', { javaScriptEnabled: false });
  // Sixty posts from this address in the minute (a community hall's Wi-Fi): the limit is reached.
  for (let i = 0; i < 60; i++) await context.request.post(url, { form: { shown: '' } });
  const page = await context.newPage();
  await page.goto(url);
  await tap(page, 'S1', '1');
  await tap(page, 'S2', '1');
  await tap(page, 'Q1', 'B');
  await page.fill('textarea[name=q_Q15]', '谢谢民警');
  const response = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  t.equal(response[0]?.status(), 429);
  t.match(await page.textContent('#notice'), /请稍后再提交/);
  t.equal(await page.isChecked('input[name=q_Q1][value="B"]'), true, 'the answers are kept');
  t.equal(await page.inputValue('textarea[name=q_Q15]'), '谢谢民警');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM responses').pluck().get(), 0);
  await shot(page, 'rate-limited');
});
