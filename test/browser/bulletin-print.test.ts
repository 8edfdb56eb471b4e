/// <reference lib="dom" />
// The district bulletin printed from the browser (Chromium's PDF of the page, A4): the notice's head (red issuing
// body, 征求意见稿 where an issued notice has its number) is on the first page, and no page is nearly empty.
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import { logIn } from '../kit/app.js';
import { startJourney } from '../kit/journey.js';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { demoDatabase } from '../kit/demo-db.js';
import { pdfPages } from '../kit/pdf.js';

const SHOTS = 'test-output/screenshots/bulletin-print';

t.test('the district bulletin prints on A4 with the notice head and no nearly empty page', async (t) => {
  const { app, repos, base, browser } = await startJourney(t, undefined, {}, await demoDatabase());
  const session = await logIn(app, 'weifa', DEMO_PASSWORD);
  const round = repos.rounds.list().find((r) => r.period === '2026-10');
  if (!round) throw new Error('the demo has October 2026');

  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addCookies(Object.entries(session.cookies).map(([name, value]) => ({ name, value, url: base })));
  const page = await context.newPage();
  await page.goto(`${base}/rounds/${round.code}/bulletin`);

  t.equal(await page.locator('.print-button').isVisible(), true, 'the 打印 button shows when scripts run');
  await page.emulateMedia({ media: 'print' });
  t.equal(await page.locator('.notice-issuer').textContent(), '清河区委政法委（平安办）', 'issuing body at the head');
  t.equal(await page.locator('.notice-number').textContent(), '征求意见稿', 'a printed page is a preview: 征求意见稿 where the number goes');
  t.equal(await page.locator('.notice-issuer').evaluate((el) => getComputedStyle(el).color), 'rgb(192, 0, 0)', 'in red');
  t.equal(await page.locator('.bulletin-head .actions').isVisible(), false, 'buttons are not printed');
  t.match(await page.locator('.notice-sign').textContent(), '清河区委政法委（平安办）', 'signed by the issuing body (dated only when issued)');

  const noScript = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
  await noScript.addCookies(Object.entries(session.cookies).map(([name, value]) => ({ name, value, url: base })));
  const plain = await noScript.newPage();
  await plain.goto(`${base}/rounds/${round.code}/bulletin`);
  t.equal(await plain.locator('.print-button').isVisible(), false, 'without scripts the button, which could do nothing, is hidden');
  await noScript.close();

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}/district.pdf`, pdf);
  const pages = pdfPages(pdf);
  t.ok(pages.length >= 2 && pages.length <= 12, `${pages.length} A4 pages`);
  const fills = pages.map((p) => p.fill ?? 0);
  const shown = fills.map((f) => `${Math.round(f * 100)}%`).join(', ');
  // A page left nearly empty is a block pushed to the next page; the last page ends wherever the text ends, so it only
  // has to hold more than the closing signature (the issuing body alone spans about a twentieth of a page).
  t.ok(fills.slice(0, -1).every((f) => f >= 0.25), `no page before the last is nearly empty: text spans at least a quarter of it (${shown})`);
  t.ok((fills[fills.length - 1] ?? 0) >= 0.1, `the last page holds more than the signature (${shown})`);
});
