// The committee's evening on a PC, following only the pages the server returns: log in, close the month's round from
// its page (through the confirmation page), open the bulletin from the round's links, download the Word notice and
// the ranking image for the work group from the bulletin's own links.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { openRound } from '../kit/fixtures.js';
import { district, respond } from '../kit/bulletin.js';
import { docxText } from '../kit/docx.js';
import { PASSWORD } from '../kit/app.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

t.test('committee: close the round, read the bulletin, download Word and the ranking image', async (t) => {
  let roundCode = '';
  const journey = await startJourney(t, (repos) => {
    const d = district(repos);
    const round = openRound(repos);
    for (const v of d.villages) respond(repos, round, v, 3, 'good');
    roundCode = round.code;
  });
  const context = await screen(journey.browser, 'desktop');
  const page = await context.newPage();
  await logIn(page, journey.base, 'committee', PASSWORD);

  // The rounds list from the navigation, then the round, then 结束本轮… and its confirmation page.
  await Promise.all([page.waitForURL(/\/rounds$/), page.click('nav a[href="/rounds"]')]);
  await Promise.all([page.waitForURL(new RegExp(`/rounds/${roundCode}$`)), page.click(`a[href="/rounds/${roundCode}"]`)]);
  await Promise.all([page.waitForURL(/\/close$/), page.click('a:has-text("结束本轮")')]);
  t.match(await page.locator('h1').innerText(), '确认结束本轮民调');
  await submit(page, 'form[action$="/close"] button[type=submit]');
  t.match(new URL(page.url()).pathname, `/rounds/${roundCode}`, 'back on the round page');
  t.match(await page.locator('h1').innerText(), '已结束', 'the round is closed');
  t.equal(await page.locator('a:has-text("结束本轮")').count(), 0, 'nothing left to close');

  // The bulletin from the round page's links.
  await Promise.all([page.waitForURL(/\/bulletin$/), page.click(`a[href="/rounds/${roundCode}/bulletin"]`)]);
  const headline = (await page.locator('.bulletin-head h1').innerText()).trim();
  const score = (await page.locator('.kpis dd.score').first().innerText()).trim();
  t.match(headline, '通报', `the bulletin: ${headline}`);
  t.match(score, /^\d+\.\d\d$/, `the district's score ${score}`);
  t.notMatch(await page.locator('body').innerText(), '进行中', 'a closed round\'s bulletin is final');
  await shoot(page, 'committee-bulletin');

  // 下载 Word（公文）: a .docx that carries the bulletin's headline and score.
  const [word] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("下载 Word")')]);
  t.match(word.suggestedFilename(), /\.docx$/, `Word file ${word.suggestedFilename()}`);
  const wordPath = await word.path();
  const wordBytes = readFileSync(wordPath);
  t.ok(wordBytes.length > 10_000, `a Word file of ${wordBytes.length} bytes`);
  const text = await docxText(wordBytes);
  t.match(text, headline, 'the Word notice carries the bulletin\'s headline');
  t.match(text, score, 'and its score');

  // 下载排名图片: a PNG for the work group.
  const [image] = await Promise.all([page.waitForEvent('download'), page.locator('a.chart-download').first().click()]);
  t.match(image.suggestedFilename(), /\.png$/, `image ${image.suggestedFilename()}`);
  const imageBytes = readFileSync(await image.path());
  t.ok(imageBytes.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG');
  t.ok(imageBytes.length > 5_000, `an image of ${imageBytes.length} bytes`);
});
