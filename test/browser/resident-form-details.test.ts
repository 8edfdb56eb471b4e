/// <reference lib="dom" />
// The resident form's details, on a 360 px phone in Chromium: A+ brings the form back larger with
// everything typed (the reply number included), with JavaScript on and off; a question that takes at most three
// choices stops a fourth tick.
import t from 'tap';
import type { Page } from 'playwright-core';
import { screen, shoot, startJourney } from '../kit/journey.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';

async function serve(t: Parameters<typeof startJourney>[0]) {
  let gridCode = '';
  const journey = await startJourney(t, (repos) => {
    gridCode = smallDistrict(repos).grids[0].code;
    openRound(repos);
  });
  return { ...journey, url: `${journey.base}/g/${gridCode}` };
}

/** Taps the option of a question as a finger would: on its label (forced: a finger taps a greyed-out box too). */
async function tap(page: Page, question: string, code: string, force = false): Promise<void> {
  await page.locator(`label.o:has(input[name="q_${question}"][value="${code}"])`).tap({ force });
}

async function openPhone(browser: Parameters<typeof screen>[0], js: boolean): Promise<Page> {
  return (await screen(browser, 'phone', { javaScriptEnabled: js })).newPage();
}

for (const js of [false, true]) {
  t.test(`A+ keeps everything typed, the reply number included, and the form still submits (JavaScript ${js ? 'on' : 'off'})`, async (t) => {
    const { db, browser, url } = await serve(t);
    const page = await openPhone(browser, js);
    await page.goto(url);
    const size = () => page.locator('#f_Q1 legend').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const before = await size();
    await tap(page, 'S1', '1');
    await tap(page, 'S2', '1');
    await tap(page, 'Q1', 'D');
    await tap(page, 'Q1a', 'G');
    await page.fill('input[name=o_Q1a]', '楼下经常有人吵架');
    await page.fill('textarea[name=q_Q15]', '晚上路灯不亮');
    await page.fill('input[name=reply_contact]', '13812345678');
    await Promise.all([page.waitForNavigation(), page.locator('button.up').tap()]);
    t.ok((await size()) >= before * 1.2, 'the text is larger');
    t.equal(await page.isChecked('input[name=q_Q1][value="D"]'), true, 'the answers are kept');
    t.equal(await page.isChecked('input[name=q_Q1a][value="G"]'), true, 'the follow-up answer too');
    t.equal(await page.inputValue('input[name=o_Q1a]'), '楼下经常有人吵架', 'and its text');
    t.equal(await page.inputValue('textarea[name=q_Q15]'), '晚上路灯不亮', 'the suggestion is kept');
    t.equal(await page.inputValue('input[name=reply_contact]'), '13812345678', 'the reply number is kept');
    t.equal(await page.locator('.alert').count(), 0, 'no error shown: nothing was submitted');
    t.equal(db.prepare('SELECT COUNT(*) AS n FROM responses').pluck().get(), 0, 'nothing stored');
    await shoot(page, `resident-text-big-kept-${js ? 'js-on' : 'js-off'}`);
    // Enter in the number field sends the form (提交答卷), not A+ / 标准字.
    for (const name of await page.locator('fieldset:not([hidden]) input[type=radio]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))])) {
      if (await page.locator(`input[name="${name}"]:checked`).count()) continue;
      await page.locator(`input[name="${name}"]`).first().check();
    }
    await Promise.all([page.waitForNavigation(), page.press('input[name=reply_contact]', 'Enter')]);
    t.match(await page.textContent('body'), /感谢/, 'the thank-you page');
    t.equal(db.prepare("SELECT COUNT(*) AS n FROM responses WHERE status = 'complete'").pluck().get(), 1, 'one response stored');
  });
}

t.test('a question that takes at most three choices stops a fourth tick (JavaScript on)', async (t) => {
  const { browser, url } = await serve(t);
  const page = await openPhone(browser, true);
  await page.goto(url);
  await tap(page, 'S1', '1');
  await tap(page, 'S2', '1');
  await tap(page, 'Q1', 'D');
  for (const code of ['A', 'B', 'C']) await tap(page, 'Q1a', code);
  await tap(page, 'Q1a', 'D', true);
  t.equal(await page.isChecked('input[name=q_Q1a][value="D"]'), false, 'the fourth box stays unticked');
  t.equal(await page.locator('input[name=q_Q1a]:checked').count(), 3, 'three ticked');
  await shoot(page, 'resident-three-choices');
  await tap(page, 'Q1a', 'A');
  await tap(page, 'Q1a', 'D');
  t.equal(await page.isChecked('input[name=q_Q1a][value="D"]'), true, 'after unticking one, another can be ticked');
  await page.reload();
  t.equal(await page.locator('input[name=q_Q1a]:checked').count(), 3, 'the draft brings the three back');
  await tap(page, 'Q1a', 'E', true);
  t.equal(await page.isChecked('input[name=q_Q1a][value="E"]'), false, 'and the limit holds after a reload');
});
