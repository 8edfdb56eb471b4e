// A village's posters printed from Chromium as one A4 PDF: one page per grid, or four grids to a page. The printed
// page count is what a township office gets from the printer, so it is measured on the PDF itself.
import t from 'tap';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../kit/app.js';
import { logIn, startJourney } from '../kit/journey.js';
import { VILLAGE, gridCodesWithin, posterWorld } from '../kit/poster.js';
const SHOTS = join(process.cwd(), 'test-output', 'screenshots', 'posters');
const GRIDS_IN_VILLAGE = 7;

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page (the tree's root is `/Type /Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0;
}

async function printed(page: Page, url: string, shot: string): Promise<number> {
  await page.goto(url);
  // The print styles at the width of an A4 page's printable area (210 mm less two 12 mm margins).
  await page.setViewportSize({ width: 703, height: 1032 });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(SHOTS, `${shot}-print.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: join(SHOTS, `${shot}-screen.png`), fullPage: true });
  // Back to the default: page.pdf() prints with the print styles unless screen media is being emulated.
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ format: 'A4', path: join(SHOTS, `${shot}.pdf`) });
  return pdfPageCount(pdf);
}

t.test('a village\'s posters print as one A4 document: a page per grid, or ceil(n / 4) pages at four a page', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const { repos, base, browser } = await startJourney(t, (r) => posterWorld(r, GRIDS_IN_VILLAGE), { publicUrl: 'https://poll.example.gov.cn' });
  const grids = gridCodesWithin(repos, VILLAGE);
  t.equal(grids.length, GRIDS_IN_VILLAGE);
  for (const [i, code] of grids.entries()) {
    const grid = repos.units.getByCode(code);
    if (grid) repos.posters.setGridWorker(grid.id, code, { name: `网格员${i + 1}`, phone: `1381234567${i}` }, { userId: null, client: null });
  }
  repos.documents.setIssuer({ issuingBody: '示范区平安建设领导小组办公室', numberPrefix: '示范平安办' }, { userId: null, client: null });
  const round = repos.rounds.list()[0];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await logIn(page, base, 'committee', PASSWORD);

  await page.goto(`${base}/rounds/${round.code}/links`);
  await page.screenshot({ path: join(SHOTS, 'links-folded.png'), fullPage: true });
  const foldedHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  t.ok(foldedHeight < 2000, `the links page folds by village (${foldedHeight} px tall)`);

  const posters = `${base}/rounds/${round.code}/posters?unit=${VILLAGE}`;
  t.equal(await printed(page, `${posters}&per=1`, 'village-1-per-page'), GRIDS_IN_VILLAGE, 'one A4 page per grid');
  t.equal(await printed(page, `${posters}&per=4`, 'village-4-per-page'), Math.ceil(GRIDS_IN_VILLAGE / 4), 'four grids to an A4 page');
  t.equal(await printed(page, `${posters}&per=2`, 'village-2-per-page'), Math.ceil(GRIDS_IN_VILLAGE / 2), 'two grids to an A4 page');
  const single = await printed(page, `${base}/rounds/${round.code}/links/${grids[0]}/poster`, 'grid-poster');
  t.equal(single, 1, 'one grid\'s poster is one A4 page');
  t.equal(await page.textContent('.poster .issuer'), '示范区平安建设领导小组办公室', 'the poster is headed by the issuing body of 发文设置');

  // On a 360 px phone the pages read without sideways scrolling (a grid worker prints from a phone, too).
  await page.setViewportSize({ width: 360, height: 740 });
  for (const [name, url] of [
    ['links', `${base}/rounds/${round.code}/links?unit=${VILLAGE}`],
    ['grid-poster', `${base}/rounds/${round.code}/links/${grids[0]}/poster`],
    ['village-4-per-page', `${posters}&per=4`],
    ['unit', `${base}/units/${grids[0]}`],
  ] as const) {
    await page.goto(url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    t.ok(width <= 360, `${name}: no sideways scrolling at 360 px (page is ${width} px wide)`);
    await page.screenshot({ path: join(SHOTS, `${name}-360.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/rounds/${round.code}/links/${grids[0]}/poster`);

  // The 打印 button opens the print dialog (stubbed here: headless Chromium has none).
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.click('button[data-print]');
  t.equal(await page.getAttribute('body', 'data-printed'), 'yes', 'the 打印 button prints');
});
