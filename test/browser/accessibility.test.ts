// axe-core on the pages people work in every day — the login, the dashboard, a bulletin with changes since last
// month, the receipts list and one receipt, the phone-interview list and one call — reports no violation (contrast,
// labels, landmarks, ARIA) on a PC screen and on a grid worker's phone.
import t from 'tap';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { logIn, startJourney, type Screen } from '../kit/journey.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { monthRound, nextPeriod, respond } from '../kit/bulletin.js';
import { addContacts, fakeNumber } from '../kit/cati.js';
import { closeRoundById } from '../../server/features/rounds/rounds-service.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'axe password 123';

interface Violation {
  id: string;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function violationsOf(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

function describe(violations: Violation[]): string {
  return violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

for (const kind of ['desktop', 'phone'] as Screen[]) {
  t.test(`no axe-core violation on the daily pages (${kind})`, async (t) => {
    let roundCode = '';
    let receiptId = 0;
    const journey = await startJourney(t, (repos, db) => {
      const d = smallDistrict(repos);
      const first = openRound(repos, 'hunan-100', { channels: ['web', 'phone', 'paper'], quotaPerGrid: 10 });
      const [a, b] = d.villages;
      respond(repos, first, a, 3, 'good');
      respond(repos, first, b, 3, 'best');
      closeRoundById(repos, first.id);
      const second = monthRound(repos, first, nextPeriod(first.period), d.district);
      respond(repos, second, a, 3, 'best');
      respond(repos, second, b, 3, 'good');
      roundCode = second.code;
      const grid = d.grids[0];
      receiptId = repos.receipts.create({ roundId: second.id, gridId: grid.id, responseId: null, source: 'suggestion', questionId: null, body: '小区后门的路灯坏了，晚上很黑。' });
      addContacts(db, grid.id, [fakeNumber(1), fakeNumber(2)]);
      repos.users.create({ username: 'admin', displayName: '系统管理员', password: PASSWORD, role: 'admin', unitId: null });
    });
    // The same screens as journey-kit's screen(), allowed to inject axe past the pages' Content-Security-Policy.
    const size = kind === 'phone' ? { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } : { viewport: { width: 1280, height: 900 } };
    const context = await journey.browser.newContext({ ...size, locale: 'zh-CN', bypassCSP: true });
    const page = await context.newPage();
    const base = journey.base;

    await page.goto(`${base}/login`);
    const login = await violationsOf(page);
    t.same(login.map((v) => v.id), [], `login: ${describe(login)}`);
    await logIn(page, base, 'admin', PASSWORD);

    const pages: Array<[string, string]> = [
      ['dashboard', '/'],
      ['bulletin', `/rounds/${roundCode}/bulletin`],
      ['receipts', '/receipts'],
      ['receipt', `/receipts/${receiptId}`],
      ['cati', '/cati'],
      ['cati round', `/cati/${roundCode}`],
    ];
    for (const [name, path] of pages) {
      const res = await page.goto(`${base}${path}`);
      t.equal(res?.status(), 200, `${name} opens`);
      const found = await violationsOf(page);
      t.same(found.map((v) => v.id), [], `${name}: ${describe(found)}`);
    }
    // One call, reached the way a grid worker reaches it: 下一个号码 on the round's phone page.
    await page.goto(`${base}/cati/${roundCode}`);
    await Promise.all([page.waitForURL(/\/calls\/\d+$/), page.locator('form[action$="/next"] button[type=submit]').first().click()]);
    const call = await violationsOf(page);
    t.same(call.map((v) => v.id), [], `call page: ${describe(call)}`);
  });
}
