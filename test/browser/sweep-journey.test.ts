// The committee opens the half-year roster sweep beside the open monthly round, through the pages: the
// sweep creation form, the confirmation, the round page. A resident's link keeps serving the monthly round and the
// answer counts there; the sweep's coverage reads "x / y 户" on its round page and on a grid worker's /cati.
// Screenshots go to test-output/screenshots/journeys/.
import t from 'tap';
import type { Page } from 'playwright-core';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { addContacts, fakeNumber } from '../kit/cati.js';
import type { Round } from '../../server/core/rounds/round.js';

const PASSWORD = 'journey password 1';

/** Answers every question the page shows with its first option (Q1 very safe: no follow-up), then submits. */
async function answerForm(page: Page): Promise<void> {
  for (const [q, code] of [['S1', '1'], ['S2', '1'], ['Q1', 'A']]) await page.locator(`input[name="q_${q}"][value="${code}"]`).check();
  const names = await page.locator('fieldset:not([hidden]) input[type=radio]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('name') ?? ''))]);
  for (const name of names) {
    if ((await page.locator(`input[name="${name}"]:checked`).count()) === 0) await page.locator(`input[name="${name}"]`).first().check();
  }
  await submit(page, 'button[type=submit]');
}

t.test('a sweep opened beside the monthly round leaves the residents\' links with the monthly round', async (t) => {
  let monthly: Round | undefined;
  let gridCode = '';
  const { base, browser, repos } = await startJourney(t, (repos, db) => {
    const d = smallDistrict(repos);
    monthly = openRound(repos, 'hunan-100', { channels: ['web', 'phone', 'paper'] });
    gridCode = d.grids[0].code;
    addContacts(db, d.grids[0].id, [0, 1, 2].map(fakeNumber));
    addContacts(db, d.grids[7].id, [3].map(fakeNumber));
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    repos.users.create({ username: 'worker', displayName: '网格员王五', password: PASSWORD, role: 'grid', unitId: d.grids[0].id });
  });
  if (!monthly) throw new Error('fixture');

  // The committee: rounds → new round → the sweep's own form → create → open → confirm.
  const desk = await (await screen(browser, 'desktop')).newPage();
  await logIn(desk, base, 'committee', PASSWORD);
  await desk.goto(`${base}/rounds`);
  await Promise.all([desk.waitForNavigation(), desk.click('a:has-text("新建轮次")')]);
  await Promise.all([desk.waitForNavigation(), desk.click('a:has-text("新建半年数据库普测")')]);
  t.equal(await desk.locator('input[name=quotaPerGrid]').count(), 0, 'no quota per grid for a sweep');
  t.equal(await desk.isChecked('input[name=channels][value=phone]'), true);
  t.equal(await desk.isChecked('input[name=channels][value=web]'), false, 'phone only by default');
  await shoot(desk, 'sweep-new');
  await submit(desk, 'button:has-text("创建（草稿）")');
  t.match(await desk.textContent('h1'), '半年数据库普测');
  await Promise.all([desk.waitForNavigation(), desk.click('a:has-text("开始本轮")')]);
  t.match(await desk.textContent('body'), '本轮不通过群众扫码/链接收集答卷', 'the confirmation says the links stay where they are');
  await submit(desk, 'button:has-text("确认开始")');
  t.match(await desk.textContent('h1'), '进行中');
  t.match(await desk.textContent('#sweep-headline'), '已回访 0 / 4 户（0.0%）', 'coverage against the roster on the round page');
  await shoot(desk, 'sweep-round');
  const sweepCode = decodeURIComponent(new URL(desk.url()).pathname.split('/')[2] ?? '');
  t.equal(repos.rounds.getByCode(sweepCode)?.state, 'open');

  // A resident opens the grid's link: the monthly round's form, and the answer counts there.
  const phone = await (await screen(browser, 'phone', { javaScriptEnabled: false })).newPage();
  await phone.goto(`${base}/g/${gridCode}`);
  const place = await phone.textContent('p.place');
  t.match(place, '2025年1月', 'the monthly round\'s period');
  t.notMatch(place, '半年', 'not the sweep');
  await answerForm(phone);
  t.match(await phone.textContent('body'), '提交成功');
  await shoot(phone, 'sweep-resident-thanks');
  const gridId = repos.units.getByCode(gridCode)?.id ?? -1;
  t.equal(repos.responses.countByGrid(monthly.id).get(gridId)?.complete, 1, 'the answer counts for the monthly round');
  t.equal(repos.responses.countByGrid(repos.rounds.getByCode(sweepCode)?.id ?? -1).size, 0, 'and not for the sweep');

  // The grid worker's phone workstation says the sweep's coverage of their grid's roster.
  const worker = await (await screen(browser, 'phone')).newPage();
  await logIn(worker, base, 'worker', PASSWORD);
  await worker.goto(`${base}/cati`);
  await Promise.all([worker.waitForNavigation(), worker.click(`a[href="/cati/${sweepCode}"]`)]);
  t.match(await worker.textContent('#sweep-coverage'), '0 / 3 户（0.0%）');
  await shoot(worker, 'sweep-cati');
});

t.test('opening a second round that takes web answers over the same grids is refused naming the holder', async (t) => {
  let monthly: Round | undefined;
  const { base, browser } = await startJourney(t, (repos) => {
    smallDistrict(repos);
    monthly = openRound(repos, 'hunan-100', { channels: ['web', 'phone', 'paper'] });
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  });
  if (!monthly) throw new Error('fixture');
  const desk = await (await screen(browser, 'desktop')).newPage();
  await logIn(desk, base, 'committee', PASSWORD);
  await desk.goto(`${base}/rounds/new`);
  await desk.selectOption('select[name=kind]', 'adhoc');
  await desk.fill('input[name=period]', '2025-02');
  await submit(desk, 'button:has-text("创建（草稿）")');
  await Promise.all([desk.waitForNavigation(), desk.click('a:has-text("开始本轮")')]);
  const refusal = await desk.textContent('[role=alert]');
  t.match(refusal, `进行中的轮次 ${monthly.code}（平安建设群众安全感和政法机关执法满意度模拟民调 · 2025年1月）`);
  t.equal(await desk.locator('button:has-text("确认开始")').count(), 0, 'no button that would fail');
  await shoot(desk, 'second-web-round-refused');
});
