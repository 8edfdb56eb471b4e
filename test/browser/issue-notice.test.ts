// 发文 on a PC, following only the pages the server returns: the committee opens a bulletin from 通报, downloads the
// Word preview (征求意见稿, no number), presses 发文 on the document's page, sees the 文号, opens 发文登记 from the
// navigation and downloads the issued file — the same bytes as the issue page's own link (docs/rules.md#issuing-notices).
import t from 'tap';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { openRound } from '../kit/fixtures.js';
import { district, respond } from '../kit/bulletin.js';
import { docxText } from '../kit/docx.js';
import { PASSWORD } from '../kit/app.js';
import { chinaDate } from '../../server/core/time/china-time.js';
import { closeRoundById } from '../../server/features/rounds/rounds-service.js';

/** Clicks a link that downloads, and returns the file's name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

t.test('committee: preview a bulletin, issue it, find it in 发文登记 and download it as issued', async (t) => {
  let roundCode = '';
  const journey = await startJourney(t, (repos) => {
    const d = district(repos);
    const round = openRound(repos);
    for (const v of d.villages) respond(repos, round, v, 3, 'good');
    roundCode = closeRoundById(repos, round.id).code;
  });
  const year = chinaDate(new Date()).slice(0, 4);
  const number = `平安办〔${year}〕1号`;
  const context = await screen(journey.browser, 'desktop');
  const page = await context.newPage();
  await logIn(page, journey.base, 'committee', PASSWORD);

  await Promise.all([page.waitForURL(/\/bulletins/), page.click('nav a[href="/bulletins"]')]);
  await Promise.all([page.waitForURL(/\/bulletin$/), page.click(`a[href="/rounds/${roundCode}/bulletin"]`)]);

  const preview = await download(page, () => page.click('a:has-text("下载 Word（征求意见稿）")'));
  t.match(preview.name, '征求意见稿', `the preview's file name says so: ${preview.name}`);
  const previewText = await docxText(preview.bytes);
  t.match(previewText, '征求意见稿', 'the preview is marked 征求意见稿');
  t.notMatch(previewText, /〔\d{4}〕/, 'and has no 文号');
  t.equal(journey.repos.documents.nextSeq(Number(year)), 1, 'looking took no number');

  await Promise.all([page.waitForURL(/\/document\?/), page.getByRole('link', { name: '发文', exact: true }).click()]);
  t.match(await page.locator('main').innerText(), '尚未发文');
  await submit(page, 'form button:has-text("发文")');
  t.equal(await page.locator('.issued-number').innerText(), number, `the page shows the 文号 ${number}`);
  await shoot(page, 'issue-notice-issued');
  const fromIssuePage = await download(page, () => page.click('a:has-text("下载所发文件")'));

  await Promise.all([page.waitForURL(/\/documents$/), page.click('nav a[href="/documents"]')]);
  const row = page.locator('table.register tbody tr').first();
  t.match(await row.innerText(), number, '发文登记 lists the notice');
  t.match(await row.innerText(), '政法委张三', 'with who issued it');
  await shoot(page, 'issue-notice-register');
  const fromRegister = await download(page, () => row.locator('a:has-text("下载")').click());
  t.ok(fromRegister.bytes.equals(fromIssuePage.bytes), 'the register\'s file is the same bytes as issued');
  const text = await docxText(fromRegister.bytes);
  t.match(text, number, 'the issued notice carries its 文号');
  t.notMatch(text, '征求意见稿', 'and is no preview');
  t.match(fromRegister.name, number, `its file name carries the number: ${fromRegister.name}`);
});
