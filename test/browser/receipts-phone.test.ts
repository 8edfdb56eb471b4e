// A grid worker handles a receipt handed to them from a 360 px phone: the list and the receipt read without sideways
// scrolling (one card per receipt), and the answer form works with JavaScript off.
import t from 'tap';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD } from '../kit/app.js';
import { logIn, startJourney } from '../kit/journey.js';
import { receiptWorld, type ReceiptWorld } from '../kit/receipts.js';

t.test('a grid worker answers a receipt on a 360 px phone', async (t) => {
  let w: ReceiptWorld | undefined;
  let id = 0;
  const { repos, base, browser } = await startJourney(t, (r) => {
    w = receiptWorld(r);
    id = w.newReceipt('小区后门那段路的路灯坏了好几个月，晚上下班回来很黑，希望尽快修好。', undefined, new Date(Date.now() - 10 * 86_400_000).toISOString());
    r.receipts.assign(id, { userId: w.worker.id, unitId: null }, new Date(Date.now() - 86_400_000).toISOString());
    for (let i = 0; i < 3; i++) w.newReceipt(`楼下烧烤店营业到凌晨，噪音很大（${i}）`);
  });
  if (!w) throw new Error('fixture');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await logIn(page, base, 'worker', PASSWORD);

  await page.goto(`${base}/receipts`);
  const listWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(listWidth <= 360, `the list needs no sideways scrolling at 360 px (page is ${listWidth} px wide)`);
  const card = await page.locator('table.receipts tbody tr').first().boundingBox();
  t.ok(card && card.width >= 280, `each receipt is a card across the screen (${card?.width} px wide)`);
  t.equal(await page.locator('tr.overdue').count(), 1, 'the overdue receipt stands out');
  await page.screenshot({ path: join(tmpdir(), 'safepoll-receipts-360.png'), fullPage: true });

  await page.click(`a[href="/receipts/${id}"]`);
  const detailWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(detailWidth <= 360, `the receipt needs no sideways scrolling (page is ${detailWidth} px wide)`);
  await page.fill('textarea[name=action]', '联系供电所更换了路灯');
  await page.fill('textarea[name=reply]', '路灯已修好，感谢您的反映');
  await page.check('input[name=method][value=phone]');
  await page.click('form[action$="/answer"] button[type=submit]');
  await page.waitForLoadState();
  t.match(await page.textContent('h1'), /已答复/);
  await page.screenshot({ path: join(tmpdir(), 'safepoll-receipt-360.png'), fullPage: true });
  t.match(repos.receipts.getById(id), { state: 'answered', answerMethod: 'phone', answeredBy: w.worker.id });
});
