// The roster journey at a township clerk's desktop, following only the pages the server returns: a
// pasted import with a category outside the list is refused on its row, fixed in the box the page gives back and sent
// again; then one resident is found by the whole number and marked 拒绝再访 from the results.
import t from 'tap';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { withRosterStaff } from '../kit/roster.js';
import { PASSWORD } from '../kit/app.js';

const CSV = [
  '网格编码,号码,类别,姓名',
  'D01-T1-V1-G1,13800000001,常住居民,王小明',
  'D01-T1-V1-G2,13800000002,流动人口,',
  'D01-T1-V2-G1,13800000003,居名,',
  'D01-T1-V2-G1,13800000005,企业,',
].join('\n');

t.test('roster: an import fixed in the returned box, then a number found and marked 拒绝再访', async (t) => {
  const j = await startJourney(t, (repos) => withRosterStaff(repos));
  const context = await screen(j.browser, 'desktop');
  const page = await context.newPage();
  await logIn(page, j.base, 'township', PASSWORD);
  await page.goto(`${j.base}/roster`);

  await page.fill('textarea[name=csv]', CSV);
  await submit(page, 'button:has-text("导入"):not(:has-text("上传"))');
  const refused = await page.locator('#import-errors').innerText();
  t.match(refused, '文件有 1 处问题，没有导入任何号码');
  t.match(refused, '第 4 行“类别”列：类别“居名”不在类别列表中');
  const kept = await page.inputValue('textarea[name=csv]');
  t.equal(kept, CSV, 'the pasted CSV is back in its box');
  await shoot(page, 'roster-import-refused');

  await page.fill('textarea[name=csv]', kept.replace(',居名,', ',常住居民,'));
  await submit(page, 'button:has-text("导入"):not(:has-text("上传"))');
  t.match(await page.locator('main').innerText(), '已导入 4 个号码', 'the fixed paste, sent from the returned page, is imported');

  await page.fill('input[name=q]', '138-0000-0003');
  await submit(page, 'button:has-text("查找")');
  const found = await page.locator('main').innerText();
  t.match(found, '查找结果：号码 138****0003');
  t.match(found, '找到 1 个号码');
  t.notMatch(await page.content(), /13800000003|138-0000-0003/, 'the whole number is never on the page');
  await page.selectOption('select[name=to]', 'do_not_call');
  await submit(page, 'button:has-text("标记")');
  t.match(await page.locator('main').innerText(), '已将 138****0003 标记为“拒绝再访”');
  const id = j.app.repos.contacts.findByNumber('13800000003')?.id ?? -1;
  t.equal(j.app.repos.contacts.getById(id)?.status, 'do_not_call');
  await shoot(page, 'roster-marked');

  await page.fill('input[name=q]', '小明');
  await submit(page, 'button:has-text("查找")');
  t.match(await page.locator('main').innerText(), '查找结果：姓名含“小明”');
  t.equal(await page.locator('form[action$="/status"]').count(), 1, 'one resident found by name');
});
