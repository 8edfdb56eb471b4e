// The call screen as a grid worker needs it: an opening script that greets once and names the grid once, the printed
// question numbers in labels and check messages, follow-ups shown by the page's CSS and saved in one tap, an
// appointment refused with everything typed kept, and keyboard hints marked for wide screens only.
import t, { type Test } from 'tap';
import { readFileSync } from 'node:fs';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { completeAnswers, shownFor } from '../../../kit/resident.js';
import { addContacts, answerFields, catiWorld, chinaLocal, fakeNumber, takeNext, type CatiWorld } from '../../../kit/cati.js';
import { openingScript } from '../../../../server/features/phone-interviews/routes/cati-screen.js';
import { questionNumbers } from '../../../../server/core/survey/numbering.js';
import { APPOINTMENT_PAST, APPOINTMENT_UNREADABLE } from '../../../../server/features/phone-interviews/core/next-number.js';
import type { Repos } from '../../../../server/platform/repos.js';

async function callScreen(t: Test) {
  let world: CatiWorld | undefined;
  const built = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [1, 2, 3].map(fakeNumber));
  } });
  if (!world) throw new Error('fixture');
  const survey = built.repos.surveys.getVersion(world.round.surveyVersionId)?.survey;
  if (!survey) throw new Error('fixture survey');
  const s = await logIn(built.app, 'grid', PASSWORD);
  const contact = await takeNext(s, world.round.code);
  return { ...built, world, survey, s, url: `/cati/${world.round.code}/calls/${contact}` };
}

function contextFor(repos: Repos, world: CatiWorld) {
  const version = repos.surveys.getVersion(world.round.surveyVersionId);
  if (!version) throw new Error('fixture survey');
  const place = repos.units.ancestors(world.myGrid.id).filter((u) => u.level !== 'district');
  return { grid: world.myGrid, place, round: world.round, version };
}

t.test('the opening script greets once and names the grid once (its village only when the name lacks it)', async (t) => {
  const { repos, world, s, url } = await callScreen(t);
  const page = (await s.get(url)).body;
  t.match(page, '您好！我是东门社区第一网格的工作人员。');
  t.notMatch(page, '东门社区东门社区', 'not "东门社区东门社区第一网格"');
  const script = /<section class="panel cati-script">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
  t.equal(script.split('您好').length - 1, 1, 'one 您好 in the script');
  t.notMatch(script, '东城街道', 'the township is not read out');

  const ctx = contextFor(repos, world);
  const renamed = openingScript({ ...ctx, grid: { ...ctx.grid, name: '幸福里网格' } });
  t.equal(renamed[0], '您好！我是东门社区幸福里网格的工作人员。', 'a grid named without its village gets it in front');
  t.notMatch(renamed[1], /^您好/, 'the questionnaire\'s statement without its greeting');
});

t.test('labels and check messages use the numbers printed on the resident form', async (t) => {
  const { survey, s, url } = await callScreen(t);
  const numbers = questionNumbers(survey);
  const page = (await s.get(url)).body;
  const labels = [...page.matchAll(/id="f_(\w+)"[^>]*>\s*<legend[^>]*><span class="n">([\d.]+)\.<\/span>/g)].map((m) => [m[1], m[2]]);
  t.same(labels, [...numbers.entries()], 'every question labelled with its printed number, 3.1 included');
  t.equal(numbers.get('Q1a'), '3.1');

  // Q1 answered 不太安全 on a screen without the follow-up, and 完成 pressed: the check names 第 3.1 题.
  const opened = await s.post(url, { outcome: 'complete', ...answerFields(survey, { S1: '1', S2: '1', Q1: 'D' }), shown: shownFor(survey, {}) });
  t.equal(opened.statusCode, 200);
  t.match(opened.body, /还有 1 道题需要补充：[\s\S]*第 3\.1 题/);
  // A required answer left out: the error names its printed number (Q5 is printed 7).
  const plain = completeAnswers(survey);
  delete plain.Q5;
  const missing = await s.post(url, { outcome: 'complete', ...answerFields(survey, plain) });
  t.equal(missing.statusCode, 422);
  t.match(missing.body, /还有 1 处需要修改[\s\S]*第 7 题/);
  t.equal(numbers.get('Q5'), '7');
});

t.test('a follow-up the page\'s CSS showed and the interviewer answered is saved in one tap', async (t) => {
  const { db, survey, s, url } = await callScreen(t);
  const page = (await s.get(url)).body;
  t.match(page, /form:has\(input\[name="q_Q1"\]\[value="D"\]:checked,input\[name="q_Q1"\]\[value="E"\]:checked\) #f_Q1a\{display:block\}/, 'the condition CSS of the resident form');
  t.match(page, /<fieldset id="f_Q1a" class="if"[^>]* hidden/, 'the follow-up starts hidden (shown by the CSS, or by 更新题目)');
  t.match(page, /<div class="notice" id="so" role="status">[\s\S]*本次调查只访问在本地居住满一年/, 'the screen-out ending, shown by the CSS');
  t.match(page, /form:has\(input\[name="q_S1"\]\[value="2"\]:checked[^)]*\) #so\{display:block\}/);
  const plain = completeAnswers(survey, { Q1: 'D', Q1a: ['C', 'D'] });
  const saved = await s.post(url, { outcome: 'complete', ...answerFields(survey, plain), shown: shownFor(survey, {}) });
  t.equal(saved.statusCode, 303, 'stored, not sent back to ask 3.1 again');
  t.same(db.prepare("SELECT option_code FROM answers WHERE question_id = 'Q1a' ORDER BY option_code").pluck().all(), ['C', 'D']);
});

t.test('an appointment refused comes back with the message and everything typed', async (t) => {
  const { db, survey, s, url } = await callScreen(t);
  const page = (await s.get(url)).body;
  t.match(page, /<input type="datetime-local" id="appointment_at" name="appointment_at" value="">/, 'a date-and-time input');
  const past = chinaLocal(-1);
  const refused = await s.post(url, { outcome: 'appointment', appointment_at: past, never_again: '1', ...answerFields(survey, { S1: '1', Q1: 'B' }) });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, APPOINTMENT_PAST);
  t.match(refused.body, `name="appointment_at" value="${past}"`, 'the time kept');
  t.match(refused.body, /name="never_again" value="1" checked/, '拒绝再访 kept');
  t.match(refused.body, /name="q_Q1" value="B" checked/, 'the answers kept');
  t.match(refused.body, /<details class="cati-outcomes" open>/, 'the outcomes open where the message is');
  const garbled = await s.post(url, { outcome: 'appointment', appointment_at: '明天晚上' });
  t.equal(garbled.statusCode, 422);
  t.match(garbled.body, APPOINTMENT_UNREADABLE);
  t.match(garbled.body, 'value="明天晚上"');
  t.equal(db.prepare('SELECT COUNT(*) FROM calls').pluck().get(), 0, 'nothing recorded');
  const taken = await s.post(url, { outcome: 'appointment', appointment_at: chinaLocal(5) });
  t.equal(taken.statusCode, 303, 'retried from the returned page');
});

t.test('keyboard hints are marked for wide screens only; the outcomes sit in the fixed bar', async (t) => {
  const { s, url, world } = await callScreen(t);
  for (const page of [(await s.get(url)).body, (await s.get(`/cati/${world.round.code}`)).body]) {
    t.match(page, '/static/cati.css');
    t.notMatch(page.replace(/<span class="[^"]*\bkbd\b[^"]*">[^<]*<\/span>/g, ''), /Alt\+/, 'every "Alt+…" inside a .kbd hint');
  }
  const css = readFileSync('views/public/cati.css', 'utf8');
  t.match(css, /\.kbd\{display:none[^}]*\}\s*@media \(min-width:900px\) and \(hover:hover\) and \(pointer:fine\)\{\.kbd\{display:inline\}\}/);
  t.match(css, /\.cati-bar\{position:fixed;[^}]*bottom:0/);
  const call = (await s.get(url)).body;
  t.match(call, /<div class="cati-bar"[\s\S]*value="complete"[\s\S]*value="no_answer"[\s\S]*value="refusal"[\s\S]*value="appointment"[\s\S]*<\/div>\s*<\/form>/);
});
