// An invite-only round end to end in Chromium, following only the pages the server returns: the committee creates
// the round through the form choosing 入户邀请码, opens it, generates codes for a grid and prints the slips (checked
// on the page and on the A4 PDF Chromium prints); a resident on a phone with JavaScript off opens the link printed on
// a slip, types the slip's code, answers and is thanked; the same code on another phone is refused.
import t from 'tap';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { smallDistrict } from '../kit/fixtures.js';
import { completeAnswers } from '../kit/resident.js';
import { PASSWORD } from '../kit/app.js';
import { paths } from '../../server/paths.js';
import type { Survey } from '../../server/core/survey/model.js';
import { CLI_ACTOR } from '../../server/core/auth/actor.js';

const SHOTS = join(process.cwd(), 'test-output', 'screenshots', 'invites');

/** Pages of a PDF as Chromium writes it: one `/Type /Page` object per page. */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations as "rule: target" lines (colour contrast left out: the staff palette's muted grey is shared). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const result = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/** Taps every answer of a complete, plain response (derived from the questionnaire) and types the household code. */
async function fillForm(page: Page, survey: Survey, code: string): Promise<void> {
  await page.fill('input[name=household_code]', code);
  for (const [id, value] of Object.entries(completeAnswers(survey))) {
    for (const v of Array.isArray(value) ? value : [value]) await page.locator(`label.o:has(input[name="q_${id}"][value="${v}"])`).tap();
  }
}

t.test('invite-only round: created through the form, slips printed, a code answers once', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  let survey: Survey | undefined;
  let gridName = '';
  const journey = await startJourney(t, (repos) => {
    gridName = smallDistrict(repos).grids[0].name;
    repos.surveys.syncFromDirectory(paths.surveys);
    survey = repos.surveys.latest('hunan-100')?.survey;
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  });
  if (!survey) throw new Error('fixture');
  // The public address slips print, as an administrator sets it on the links page: here, where the test server listens.
  journey.repos.posters.setPublicUrl(journey.base, CLI_ACTOR);
  const desk = await (await screen(journey.browser, 'desktop')).newPage();
  await logIn(desk, journey.base, 'committee', PASSWORD);

  // 新建轮次: the form explains the two ways residents answer; the committee picks 入户邀请码.
  await desk.goto(`${journey.base}/rounds`);
  await Promise.all([desk.waitForURL(/\/rounds\/new$/), desk.click('a[href="/rounds/new"]')]);
  const choice = await desk.locator('fieldset.access-choice').innerText();
  t.match(choice, '适合要排名、要通报的轮次', 'the form says when to use invite codes');
  t.match(choice, '覆盖面广', 'and when open QR posters');
  t.same(await axeViolations(desk), [], 'the round form: no accessibility violations');
  await desk.check('input[name=access][value=invite]');
  await shoot(desk, 'invite-round-new');
  await submit(desk, 'form[action="/rounds"] button[type=submit]');
  t.match(await desk.locator('body').innerText(), '入户邀请码（一户一码', 'the round page says how residents answer');

  // Open it through its confirmation page.
  await Promise.all([desk.waitForURL(/\/open$/), desk.click('a:has-text("开始本轮")')]);
  await submit(desk, 'form[action$="/open"] button[type=submit]');
  t.match(await desk.locator('h1').innerText(), '进行中');

  // Codes for the first grid: four, printed four to a page.
  await Promise.all([desk.waitForURL(/\/invites$/), desk.click('a:has-text("生成和打印邀请码")')]);
  t.same(await axeViolations(desk), [], 'the codes page: no accessibility violations');
  await desk.selectOption('select[name=grid]', { index: 1 });
  await desk.fill('input[name=count]', '4');
  await submit(desk, 'form[action$="/invites"] button[type=submit]');
  t.match(new URL(desk.url()).pathname, /\/invites\/\d+\/slips$/, 'the slips page follows');
  t.equal(await desk.locator('article.slip').count(), 4, 'four slips');
  t.equal(await desk.locator('article.slip .qr svg').count(), 4, 'each with the grid\'s QR code');
  const codes = await desk.locator('article.slip p.code').allInnerTexts();
  t.equal(new Set(codes).size, 4, 'four different codes');
  const link = (await desk.locator('article.slip .link').first().innerText()).trim();
  t.match(link, /\/g\/D01-T1-V1-G1$/, 'the slip prints the grid\'s link');
  await shoot(desk, 'invite-slips');
  t.same(await axeViolations(desk), [], 'the slips page: no accessibility violations');
  await desk.emulateMedia({ media: null });
  const pdf = await desk.pdf({ format: 'A4', path: join(SHOTS, 'slips-4.pdf') });
  t.equal(pdfPageCount(pdf), 1, 'four slips print on one A4 page');
  await Promise.all([desk.waitForURL(/per=8$/), desk.click('a:has-text("8 张")')]);
  t.equal(pdfPageCount(await desk.pdf({ format: 'A4', path: join(SHOTS, 'slips-8.pdf') })), 1, 'and at eight a page, still one');

  // A resident opens the printed link on a phone with JavaScript off and types the slip's code.
  const phone = await (await screen(journey.browser, 'phone', { javaScriptEnabled: false })).newPage();
  await phone.goto(link);
  t.match(await phone.locator('body').innerText(), gridName);
  t.match(await phone.locator('#f_household_code').innerText(), '入户邀请码', 'the form asks for the code');
  await fillForm(phone, survey, codes[0]);
  await submit(phone, '#rf > button[type=submit]');
  const thanks = await phone.locator('body').innerText();
  t.match(thanks, '提交成功');
  t.match(thanks, '感谢', 'the resident is thanked');
  await shoot(phone, 'invite-thanks');

  // The same code on another phone is refused, the answers kept.
  const other = await (await screen(journey.browser, 'phone', { javaScriptEnabled: false })).newPage();
  await other.goto(link);
  await fillForm(other, survey, codes[0]);
  await submit(other, '#rf > button[type=submit]');
  const refused = await other.locator('body').innerText();
  t.match(refused, '该邀请码已经提交过答卷，每个邀请码只能使用一次');
  t.notMatch(refused, '提交成功');
  t.equal(await other.locator('input[name=household_code]').inputValue(), codes[0], 'the code as typed stays');
  t.ok(await other.locator('input[type=radio]:checked').count() > 0, 'the answers stay');
  await shoot(other, 'invite-code-used');

  // With JavaScript on, the draft keeps a half-filled form's answers over a reload, never the household's code.
  const draftPhone = await (await screen(journey.browser, 'phone')).newPage();
  await draftPhone.goto(link);
  await fillForm(draftPhone, survey, codes[1]);
  const ticked = await draftPhone.locator('input[type=radio]:checked').count();
  await draftPhone.reload();
  t.equal(await draftPhone.locator('input[type=radio]:checked').count(), ticked, 'the draft brings the answers back');
  t.equal(await draftPhone.locator('input[name=household_code]').inputValue(), '', 'but not the code');
  const stored = await draftPhone.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k) ?? '').join(''));
  t.ok(stored.length > 0, 'a draft is stored');
  t.notMatch(stored, codes[1], 'the code is not in the browser\'s storage');

  // The committee's progress: four issued, one used.
  await Promise.all([desk.waitForURL(/\/invites$/), desk.click('.breadcrumb a:has-text("入户邀请码")')]);
  const row = desk.locator('tr[data-grid="D01-T1-V1-G1"]');
  t.equal((await row.locator('td.issued').innerText()).trim(), '4');
  t.equal((await row.locator('td.used').innerText()).trim(), '1');
});
