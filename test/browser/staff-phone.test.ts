// Every staff page on a 360 × 740 phone: nothing is cut off and the page itself never scrolls sideways (wide tables
// become cards or scroll inside themselves). The error pages carry the navigation and a way back. Screenshots of each
// page go to test-output/screenshots/staff/ for people to look at.
import t from 'tap';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../kit/app.js';
import { logIn, startJourney } from '../kit/journey.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Db } from '../../server/platform/db.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { respond } from '../kit/bulletin.js';
import { addContacts, fakeNumber } from '../kit/cati.js';

const SHOTS = join('test-output', 'screenshots', 'staff');
const WIDTH = 360;

interface World {
  roundCode: string;
  gridCode: string;
  receiptId: number;
  adminId: number;
}

function world(repos: Repos, db: Db): World {
  const d = smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', { channels: ['web', 'phone', 'paper'], quotaPerGrid: 30 });
  respond(repos, round, d.district, 6, 'good');
  const grid = d.grids[0];
  const receiptId = repos.receipts.create({
    roundId: round.id, gridId: grid.id, responseId: null, source: 'suggestion', questionId: null,
    body: '小区后门那段路的路灯坏了好几个月，晚上下班回来很黑，希望尽快修好。另外楼下烧烤店营业到凌晨，噪音很大，影响休息。',
  });
  addContacts(db, grid.id, Array.from({ length: 5 }, (_, i) => fakeNumber(i)));
  const admin = repos.users.create({ username: 'admin', displayName: '系统管理员', password: PASSWORD, role: 'admin', unitId: null });
  repos.users.create({ username: 'worker', displayName: '东门社区第一网格网格员王五', password: PASSWORD, role: 'grid', unitId: grid.id });
  return { roundCode: round.code, gridCode: grid.code, receiptId, adminId: admin.id };
}

/** The page's own width (what scrolls sideways) and the elements that stick out of the screen, for the message. */
async function overflowOf(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate((limit) => {
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.right > limit + 0.5 && culprits.length < 5) culprits.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)})`);
    }
    return { width: document.documentElement.scrollWidth, culprits };
  }, WIDTH);
}

t.test('every staff page fits a 360 px phone', async (t) => {
  let w: World | undefined;
  const { base, browser } = await startJourney(t, (repos, db) => {
    w = world(repos, db);
  });
  if (!w) throw new Error('fixture');
  const { roundCode: r, gridCode: g, receiptId, adminId } = w;
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, hasTouch: true, isMobile: true, locale: 'zh-CN' });
  const page = await context.newPage();

  await page.goto(`${base}/login`);
  await page.screenshot({ path: join(SHOTS, 'login.png'), fullPage: true });
  t.ok((await overflowOf(page)).width <= WIDTH, 'the login page fits');
  await logIn(page, base, 'admin', PASSWORD);

  const pages: Array<[name: string, path: string]> = [
    ['dashboard', '/'],
    ['rounds', '/rounds'],
    ['round-new', '/rounds/new'],
    ['round', `/rounds/${r}`],
    ['links', `/rounds/${r}/links`],
    ['poster', `/rounds/${r}/links/${g}/poster`],
    ['bulletin', `/rounds/${r}/bulletin`],
    ['summary', '/summary'],
    ['bulletins', '/bulletins'],
    ['review', `/rounds/${r}/review`],
    ['paper', `/rounds/${r}/paper`],
    ['callbacks', `/rounds/${r}/callbacks`],
    ['callback-report', `/rounds/${r}/callbacks/report`],
    ['units', '/units'],
    ['unit-district', '/units/D01'],
    ['unit-grid', `/units/${g}`],
    ['receipts', '/receipts'],
    ['receipt', `/receipts/${receiptId}`],
    ['roster', '/roster'],
    ['cati', '/cati'],
    ['cati-round', `/cati/${r}`],
    ['users', '/admin/users'],
    ['user', `/admin/users/${adminId}`],
    ['tokens', '/admin/tokens'],
    ['audit', '/audit'],
    ['account', '/account'],
    ['password', '/account/password'],
    ['posters', `/rounds/${r}/posters?per=4`],
    ['forecast', '/forecast'],
    ['forecast-settings', '/forecast/settings'],
    ['documents', '/admin/documents'],
    // 发文 and its register (features/documents/routes/issue.ts).
    ['issue', `/rounds/${r}/document?unit=${g}&kind=bulletin`],
    ['register', '/documents'],
    ['not-found', '/rounds/NO-SUCH-ROUND'],
  ];
  for (const [name, path] of pages) {
    const res = await page.goto(`${base}${path}`);
    t.ok(res && res.status() < 500, `${name}: ${path} answers (${res?.status()})`);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const { width, culprits } = await overflowOf(page);
    t.ok(width <= WIDTH, `${name} (${path}) needs no sideways scrolling: page is ${width} px wide ${culprits.join(', ')}`);
  }

  // The dashboard's progress: one card per township across the screen, nothing to scroll to.
  await page.goto(`${base}/`);
  const card = await page.locator('table.cards tbody tr').first().boundingBox();
  t.ok(card && card.width >= 280 && card.x + card.width <= WIDTH, `each township's progress is a card across the screen (${card?.width} px)`);
  t.ok(await page.locator('table.cards tbody tr').first().locator('td[data-label="完成进度"]').isVisible(), 'its progress is in view');

  // A grid worker out of scope: the 403 page keeps the navigation and a way home.
  await page.click('button:has-text("退出")');
  await page.waitForLoadState();
  await logIn(page, base, 'worker', PASSWORD);
  const refused = await page.goto(`${base}/units/D01-T2`);
  t.equal(refused?.status(), 403);
  await page.screenshot({ path: join(SHOTS, 'forbidden.png'), fullPage: true });
  t.ok((await overflowOf(page)).width <= WIDTH, 'the 403 page fits');
  t.ok(await page.locator('nav[aria-label="主导航"]').isVisible(), 'the 403 page has the navigation');
  await page.click('a:has-text("返回首页")');
  await page.waitForLoadState();
  t.equal(new URL(page.url()).pathname, '/', 'and a way back home');

  // A phone interview as the grid worker: the call page with the questionnaire.
  await page.goto(`${base}/cati/${r}`);
  await page.click('button:has-text("下一个号码")');
  await page.waitForLoadState();
  t.match(new URL(page.url()).pathname, new RegExp(`^/cati/${r}/calls/\\d+$`), 'a number was drawn');
  await page.screenshot({ path: join(SHOTS, 'cati-call.png'), fullPage: true });
  const call = await overflowOf(page);
  t.ok(call.width <= WIDTH, `the call page needs no sideways scrolling: page is ${call.width} px wide ${call.culprits.join(', ')}`);

  // A resident with a mistyped link.
  const wrong = await page.goto(`${base}/g/QH99-99-99`);
  t.equal(wrong?.status(), 404);
  await page.screenshot({ path: join(SHOTS, 'resident-wrong-grid.png'), fullPage: true });
  t.ok((await overflowOf(page)).width <= WIDTH, 'the wrong-link page fits');
  t.match(await page.textContent('main'), /网格员/);
});
