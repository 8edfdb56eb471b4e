// The committee checks its interviewers as people do, following only the pages the server returns: on the
// interviewers page it first types a threshold wrongly (the form comes back with the message and what was typed),
// then raises the minimum call length so that an honest interviewer with shorter calls becomes 需核查; then it follows
// the fabricating interviewer's link to the call-back page and draws, and only that interviewer's interviews are drawn.
import t from 'tap';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { honestyWorld, type HonestyWorld } from '../kit/honesty-rounds.js';
import { PASSWORD } from '../kit/app.js';

t.test('thresholds set on the interviewers page, then a call-back draw for one interviewer', async (t) => {
  let w: HonestyWorld | undefined;
  const { base, browser } = await startJourney(t, (repos) => void (w = honestyWorld(repos, t, PASSWORD)));
  if (!w) throw new Error('fixture');
  const round = w.rounds[3].code;
  const page = await (await screen(browser, 'desktop')).newPage();
  await logIn(page, base, 'committee', PASSWORD);
  await page.goto(`${base}/rounds/${round}`);
  await page.goto(`${base}/rounds/${round}/interviewers`);
  const row = (name: string) => page.locator('tr').filter({ has: page.locator('td:first-child', { hasText: name }) });
  t.match(await row('访员1').innerText(), '正常');

  await page.fill('#t-minMedianMinutes', '十五');
  await submit(page, 'button:has-text("保存本轮阈值")');
  t.match(await page.locator('#thresholds').innerText(), '“电话访问时长中位数低于”应为 0 到 120 之间的数');
  t.equal(await page.inputValue('#t-minMedianMinutes'), '十五', 'what was typed is kept');

  await page.fill('#t-minMedianMinutes', '15');
  await submit(page, 'button:has-text("保存本轮阈值")');
  t.match(await page.locator('#thresholds').innerText(), '本轮阈值已保存');
  t.match(await page.locator('#threshold-minMedianMinutes').innerText(), '本轮设定');
  t.match(await row('访员1').innerText(), '电话访问时长中位数低于本轮阈值', 'the honest interviewer\u2019s 10-minute calls are now under the threshold');
  await shoot(page, 'interviewers-thresholds');

  await submit(page, 'tr:has(td:first-child:text-is("访员3")) a:has-text("回访")');
  t.match(await page.locator('h2').first().innerText(), '访员 访员3 的回访抽样');
  await submit(page, 'button:has-text("为该访员抽取回访样本")');
  const interviewers = await page.locator('table tbody tr td:nth-child(7)').allInnerTexts();
  t.ok(interviewers.length > 0, `${interviewers.length} interviews drawn`);
  t.ok(interviewers.every((name) => name.trim() === '访员3'), 'all of them 访员3\u2019s');
  await shoot(page, 'interviewer-callback-draw');
});
