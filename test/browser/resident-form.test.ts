/// <reference lib="dom" />
// The resident form as a resident meets it: a 360 px phone screen with JavaScript switched off, in Chromium.
import t from 'tap';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from '../helper.js';
import { openRound, smallDistrict } from '../fixtures.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

t.test('a resident answers on a 360 px phone with JavaScript off', async (t) => {
  let gridCode = '';
  const { app, db } = await build(t, (repos) => {
    const { grids } = smallDistrict(repos);
    gridCode = grids[0].code;
    openRound(repos);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const browser = await launch();
  t.teardown(() => browser.close());
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/g/${gridCode}`);

  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(width <= 360, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
  const firstOption = page.locator('input[type=radio]').first();
  const box = await firstOption.locator('xpath=ancestor::label[1]').boundingBox();
  t.ok(box && box.height >= 44, `tap targets are at least 44 px tall (got ${box?.height})`);

  // Screening: eligible. Then the unsafe answer, which must reveal the reasons question after submitting.
  await page.check('input[name=q_S1][value="1"]');
  await page.check('input[name=q_S2][value="1"]');
  await page.check('input[name=q_Q1][value="D"]');
  t.equal(await page.locator('input[name=q_Q1a]').count(), 0, 'the reasons question is hidden at first');
  for (const name of await page.locator('fieldset input[type=radio]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).name))])) {
    if (await page.locator(`input[name="${name}"]:checked`).count()) continue;
    await page.locator(`input[name="${name}"]`).first().check();
  }
  await page.click('button[type=submit]');
  t.ok(await page.locator('input[name=q_Q1a]').count() > 0, 'after submitting, the reasons question is shown');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM responses').pluck().get(), 0, 'nothing stored yet');
  t.equal(await page.isChecked('input[name=q_Q1][value="D"]'), true, 'earlier answers are kept');

  await page.locator('input[name=q_Q1a]').first().check();
  await page.fill('textarea[name=q_Q15]', '晚上路灯不亮，希望多巡逻。');
  await page.click('button[type=submit]');
  await page.waitForLoadState();
  t.match(await page.textContent('body'), /感谢/, 'the thank-you page is shown');
  t.equal(db.prepare("SELECT COUNT(*) AS n FROM responses WHERE status = 'complete'").pluck().get(), 1, 'one response stored');
  t.equal(db.prepare("SELECT COUNT(*) AS n FROM receipts WHERE source = 'suggestion'").pluck().get(), 1, 'the suggestion became a receipt');

  // Coming back to the link on the same phone: already answered.
  await page.goto(`${base}/g/${gridCode}`);
  t.match(await page.textContent('body'), /本设备本轮已提交/);
  await page.screenshot({ path: join(tmpdir(), 'safepoll-resident-360.png'), fullPage: false });
});
