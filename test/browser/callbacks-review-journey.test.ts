// The committee's call-backs and review queue as people run them, following only the pages the server
// returns: the committee draws call-backs; a grid worker completes two more phone interviews at the workstation; the
// committee draws again (the new interviews are drawn, none twice); checkers reveal numbers and record every outcome,
// a call nobody answered tried again; the report separates 核实相符 / 核实不符 / 未能核实. Then, on a phone with
// JavaScript off, the committee rejects a held answer through the confirmation and reverses the decision.
import t from 'tap';
import type { Page } from 'playwright-core';
import { logIn, screen, shoot, startJourney, submit } from '../kit/journey.js';
import { fieldWorld, type FieldWorld } from '../kit/fieldwork.js';
import { phoneInterviews } from '../kit/callbacks.js';
import { addContacts, fakeNumber } from '../kit/cati.js';
import { holdResponses } from '../kit/review.js';
import { surveyOf } from '../kit/bulletin.js';
import { PASSWORD } from '../kit/app.js';

/** The response numbers the call-back list shows, in order. */
async function listedIds(page: Page): Promise<number[]> {
  const cells = await page.locator('table td:first-child').allInnerTexts();
  return cells.map((c) => Number(/第 (\d+) 号/.exec(c)?.[1])).filter((n) => n > 0);
}

/** At the phone workstation: the next number, revealed, every question answered with its first option, saved. */
async function completeInterview(page: Page, base: string, round: string): Promise<void> {
  await page.goto(`${base}/cati/${round}`);
  await submit(page, 'form[action$="/next"] button');
  await submit(page, 'form[action$="/reveal"] button');
  const groups = await page.locator('form.cati-form fieldset:visible').count();
  for (let i = 0; i < groups; i++) {
    const first = page.locator('form.cati-form fieldset:visible').nth(i).locator('label.o').first();
    if ((await first.count()) > 0) await first.click();
  }
  await submit(page, 'button[value=complete]');
  if (!page.url().includes('recorded=complete')) throw new Error(`interview not saved: ${await page.locator('body').innerText()}`);
}

/** On the call-back form: the outcome, and for a confirmed interview the answers (by option label), then 保存. */
async function recordOutcome(page: Page, outcome: string, answers: string[] = []): Promise<void> {
  await page.getByLabel(outcome, { exact: true }).check();
  const questions = page.locator('form fieldset').filter({ hasText: '第 ' });
  for (let i = 0; i < answers.length; i++) await questions.nth(i).getByLabel(answers[i], { exact: true }).check();
  await submit(page, 'button:has-text("保存回访结果")');
}

t.test('call-backs drawn twice, every outcome recorded, and a review decision reversed', async (t) => {
  let w: FieldWorld | undefined;
  let held: number[] = [];
  let prepared: number[] = [];
  const journey = await startJourney(t, async (repos, db) => {
    w = fieldWorld(repos, { channels: ['web', 'phone'], quotaPerGrid: 30 });
    prepared = [...await phoneInterviews(repos, db, w, w.users.grid, 4, true), ...await phoneInterviews(repos, db, w, w.users.grid2, 2, true)];
    addContacts(db, w.district.grids[0].id, [fakeNumber(900), fakeNumber(901)]);
    const survey = surveyOf(repos, w.round);
    const suggestion = survey.questions.find((q) => q.type === 'text' && q.receipt)?.id ?? '';
    held = holdResponses(repos, { round: w.round, gridId: w.district.grids[0].id, survey, suggestionId: suggestion }, 3);
  });
  if (!w) throw new Error('fixture');
  const { base, browser, repos } = journey;
  const round = w.round.code;
  const url = `${base}/rounds/${round}/callbacks`;

  // The committee sets 50% and draws.
  const committee = await (await screen(browser, 'desktop')).newPage();
  await logIn(committee, base, 'committee', PASSWORD);
  await committee.goto(`${base}/rounds/${round}`);
  await committee.goto(url);
  await committee.fill('#share', '50');
  await submit(committee, 'button:has-text("保存设置")');
  await submit(committee, 'button:has-text("抽取回访样本")');
  const first = await listedIds(committee);
  t.equal(first.length, 2 + 1, '50% of 4 and of 2');

  // The grid worker completes two more interviews at the phone workstation.
  const worker = await (await screen(browser, 'phone')).newPage();
  await logIn(worker, base, 'grid', PASSWORD);
  await completeInterview(worker, base, round);
  await completeInterview(worker, base, round);
  const later = repos.callbacks.completedPhoneInterviews(w.round.id).map((i) => i.responseId).filter((id) => !prepared.includes(id));

  // The committee draws again at 100%: the interviews completed since are drawn, none twice.
  await committee.goto(url);
  t.match(await committee.locator('body').innerText(), '已完成电话访问 8 份，已抽取 3 份');
  await committee.fill('#share', '100');
  await submit(committee, 'button:has-text("保存设置")');
  await submit(committee, 'button:has-text("再次抽取")');
  const all = await listedIds(committee);
  t.equal(all.length, 8, 'every completed interview drawn');
  t.equal(new Set(all).size, all.length, 'none twice');
  t.ok(first.every((id) => all.includes(id)), 'the first draw stays');
  t.equal(later.length, 2);
  t.ok(later.every((id) => all.includes(id)), 'interviews completed after the first draw are drawn');
  await shoot(committee, 'callbacks-drawn-twice');

  // grid2 checks grid's interviews: reveal, no answer, then again; each other outcome once.
  const survey = surveyOf(repos, w.round);
  const best = (id: string) => survey.questions.find((q) => q.id === id)?.options.find((o) => o.score === 100)?.label ?? '';
  const checker = await (await screen(browser, 'phone')).newPage();
  await logIn(checker, base, 'grid2', PASSWORD);
  // The confirmed one is a prepared interview (its answers are known); the other outcomes go to the rest of grid's.
  const ofGrid = repos.callbacks.drawn(w.round.id).filter((d) => d.interviewerId === w?.users.grid).map((d) => d.responseId)
    .sort((a, b) => Number(later.includes(a)) - Number(later.includes(b)));
  const openFromList = async (id: number) => {
    await checker.goto(url);
    await submit(checker, `a[href$="/callbacks/${id}"]`);
  };
  await openFromList(ofGrid[0]);
  t.match(await checker.locator('.masked').innerText(), /^170\*{4}\d{4}$/, 'masked before the reveal');
  await submit(checker, 'button:has-text("显示号码并拨打")');
  const tel = await checker.locator('a[href^="tel:"]').getAttribute('href');
  t.match(tel, /^tel:170\d{8}$/, 'the number to dial');
  await shoot(checker, 'callback-revealed');
  await recordOutcome(checker, '无人接听');
  t.match(await checker.locator('body').innerText(), '无人接听');
  await submit(checker, `a[href$="/callbacks/${ofGrid[0]}"]:has-text("再次回访")`);
  await recordOutcome(checker, '确认接受过访问', ['Q1', 'Q2', 'Q3'].map(best));
  const outcomes = ['否认接受过访问', '拒绝回访', '空号或停机', '非受访者本人接听'];
  for (let i = 0; i < outcomes.length; i++) {
    await openFromList(ofGrid[i + 1]);
    await recordOutcome(checker, outcomes[i]);
  }
  const grid2Interview = repos.callbacks.drawn(w.round.id).find((d) => d.interviewerId === w?.users.grid2)?.responseId ?? 0;
  await worker.goto(url);
  await submit(worker, `a[href$="/callbacks/${grid2Interview}"]`);
  await recordOutcome(worker, '占线或关机');
  await submit(worker, `a[href$="/callbacks/${grid2Interview}"]`);
  await recordOutcome(worker, '不记得是否接受过访问');
  await shoot(checker, 'callbacks-recorded');

  // The report: per interviewer, what could be verified and what could not.
  await committee.goto(url);
  await submit(committee, 'a:has-text("查看各访问员回访结果")');
  const heads = await committee.locator('thead th').allInnerTexts();
  t.same(heads, ['访问员', '抽取', '已回访', '核实相符', '核实不符', '未能核实', '相符率', '待回访']);
  const row = async (who: string) => (await committee.locator('tbody tr', { hasText: who }).locator('td').allInnerTexts()).slice(1);
  t.same(await row('grid名'), ['6', '5', '1', '1', '3', '50.0%', '1'], '1 confirmed, 1 denied, refused/vacant/someone else unverified');
  t.same(await row('grid2名'), ['2', '1', '0', '0', '1', '—', '1'], 'not remembered counts against nobody');
  await shoot(committee, 'callbacks-report');

  // The review queue on a phone with JavaScript off: reject through the confirmation, then reverse it.
  const reviewer = await (await screen(browser, 'phone', { javaScriptEnabled: false })).newPage();
  await logIn(reviewer, base, 'committee', PASSWORD);
  await reviewer.goto(`${base}/rounds/${round}/review`);
  const text = await reviewer.locator('body').innerText();
  t.match(text, /第 \d+ 题 治安安全感：很安全/, 'answers as the form printed them');
  t.ok(await reviewer.evaluate(() => document.documentElement.scrollWidth <= 360), 'the queue fits the phone');
  t.match(text, '同一网络一小时内向本网格提交超过', 'why it was held');
  const decisions = reviewer.locator('button, a.button').filter({ hasText: /^(全部)?(采纳|剔除)…?$/ });
  t.ok((await decisions.count()) >= 5, 'the decision buttons are on the page');
  const wrapped = await decisions.evaluateAll((els) => els.filter((el) => {
    const cs = getComputedStyle(el);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.4;
    const inner = el.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
    return inner > line * 1.5;
  }).map((el) => el.textContent));
  t.same(wrapped, [], '采纳/剔除 stay on one line');
  await shoot(reviewer, 'review-queue');
  await submit(reviewer, `a[href$="/review/${held[0]}/reject"]`);
  t.match(await reviewer.locator('h1').innerText(), `确认剔除 第 ${held[0]} 号待核查答卷`);
  await reviewer.click('button:has-text("确认剔除")');
  await reviewer.waitForTimeout(500);
  t.match(reviewer.url(), `/review/${held[0]}/reject`, 'the browser asks for the tick before sending');
  t.match(await reviewer.locator('body').innerText(), '待核查', 'nothing was sent');
  await reviewer.check('input[name=confirm]');
  await submit(reviewer, 'button:has-text("确认剔除")');
  t.match(await reviewer.locator('body').innerText(), '待核查 2 份，已采纳 0 份，已剔除 1 份');
  await submit(reviewer, `form[action$="/review/${held[0]}/reverse"] button`);
  t.match(await reviewer.locator('body').innerText(), '待核查 2 份，已采纳 1 份，已剔除 0 份');
  t.equal(repos.audit.byAction('round.review.reverse').length, 1, 'the reversal audited');
  await shoot(reviewer, 'review-reversed');
});
