// Call-backs as a checker makes them: the number revealed (audited) with a tel: link, outcomes beyond
// confirmed/denied that count against nobody, further draws over what was not drawn, yes/no questions named by the
// number printed on the resident form, and a settings error that keeps what was typed.
import t from 'tap';
import { logIn, PASSWORD } from '../../../kit/app.js';
import { surveyOf } from '../../../kit/bulletin.js';
import { callbackWorld, phoneInterviews } from '../../../kit/callbacks.js';
import { questionNumbers } from '../../../../server/core/survey/numbering.js';

t.test('the checker reveals the number (audited, never cached) and gets a tel: link', async (t) => {
  const { app, db, repos, w } = await callbackWorld(t, true);
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  await committee.get(url);
  await committee.post(`${url}/draw`, {});
  const drawn = repos.callbacks.drawn(w.round.id).find((d) => d.interviewerId === w.users.grid);
  if (!drawn) throw new Error('nothing drawn');
  const grid2 = await logIn(app, 'grid2', PASSWORD);
  const form = await grid2.get(`${url}/${drawn.responseId}`);
  t.match(form.body, drawn.phoneMasked ?? 'none', 'masked before the reveal');
  t.match(form.body, '显示号码并拨打');
  const revealed = await grid2.post(`${url}/${drawn.responseId}/reveal`, {});
  t.equal(revealed.statusCode, 200);
  t.match(revealed.headers['cache-control'], 'no-store');
  const digits = /href="tel:(\d+)"/.exec(revealed.body)?.[1];
  t.match(digits, /^170\d{8}$/, 'the number in clear, ready to dial');
  t.equal(digits?.slice(-4), drawn.phoneMasked?.slice(-4));
  const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'callback.reveal'").pluck().all() as string[];
  t.equal(audit.length, 1);
  t.notMatch(audit[0], digits ?? 'x', 'the audit entry never holds the number');
  const grid = await logIn(app, 'grid', PASSWORD);
  await grid.get(url);
  t.equal((await grid.post(`${url}/${drawn.responseId}/reveal`, {})).statusCode, 403, 'not by the interviewer');
});

t.test('outcomes beyond confirmed/denied; no answer may be tried again; 未能核实 counts against nobody', async (t) => {
  const { app, w, repos } = await callbackWorld(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  await committee.post(`${url}/share`, { share: '50' });
  await committee.post(`${url}/draw`, {});
  const ofGrid = repos.callbacks.drawn(w.round.id).filter((d) => d.interviewerId === w.users.grid).map((d) => d.responseId);
  const grid2 = await logIn(app, 'grid2', PASSWORD);
  const form = await grid2.get(`${url}/${ofGrid[0]}`);
  for (const label of ['确认接受过访问', '否认接受过访问', '无人接听', '占线或关机', '拒绝回访', '空号或停机', '非受访者本人接听']) t.match(form.body, label);
  t.equal((await grid2.post(`${url}/${ofGrid[0]}`, { outcome: 'no_answer' })).statusCode, 303);
  const list = await grid2.get(url);
  t.match(list.body, '无人接听');
  t.match(list.body, '再次回访', 'a call nobody answered can be tried again');
  t.equal((await grid2.post(`${url}/${ofGrid[0]}`, { outcome: 'refused' })).statusCode, 303, 'the second try is recorded');
  t.equal((await grid2.post(`${url}/${ofGrid[0]}`, { outcome: 'denied' })).statusCode, 409, 'a final outcome stays');
  t.equal((await grid2.post(`${url}/${ofGrid[1]}`, { outcome: 'vacant' })).statusCode, 303);
  t.equal((await grid2.post(`${url}/${ofGrid[2]}`, { outcome: 'denied' })).statusCode, 303);
  const bad = await grid2.post(`${url}/${ofGrid[3]}`, { outcome: 'whatever' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '请选择这次回访的结果');
  const report = await committee.get(`${url}/report`);
  for (const head of ['核实相符', '核实不符', '未能核实']) t.match(report.body, `<th scope="col">${head}</th>`);
  const row = new RegExp('<td>grid名（grid）</td>((?:<td>.*?</td>)+)</tr>').exec(report.body)?.[1] ?? '';
  const cells = [...row.matchAll(/<td>(?:<b>)?(.*?)(?:<\/b>)?<\/td>/g)].map((m) => m[1]);
  t.same(cells, ['6', '3', '0', '1', '2', '0.0%', '3'], 'refused and vacant are 未能核实; only the denial is 不符');
});

t.test('a further draw takes interviews completed since, never one twice', async (t) => {
  const { app, db, repos, w } = await callbackWorld(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  await committee.get(url);
  t.equal((await committee.post(`${url}/draw`, {})).statusCode, 303);
  const first = repos.callbacks.drawn(w.round.id).map((d) => d.responseId);
  const early = await committee.post(`${url}/draw`, {});
  t.equal(early.statusCode, 409);
  t.match(early.body, '各访问员已按当前比例抽足', 'nothing is due before more interviews come in');
  const later = await phoneInterviews(repos, db, w, w.users.grid, 8);
  const page = await committee.get(url);
  t.match(page.body, '再次抽取');
  await committee.post(`${url}/share`, { share: '100' });
  t.equal((await committee.post(`${url}/draw`, {})).statusCode, 303, 'drawn again');
  const all = repos.callbacks.drawn(w.round.id).map((d) => d.responseId);
  t.equal(new Set(all).size, all.length, 'none drawn twice');
  t.ok(later.every((id) => all.includes(id)), 'the interviews completed later are drawn');
  t.ok(first.every((id) => all.includes(id)), 'the first draw stays');
  t.equal(all.length, 12 + 5 + 8);
});

t.test('a yes/no question is a valid check question, typed by its printed number; an error keeps what was typed', async (t) => {
  const { app, repos, w } = await callbackWorld(t);
  const survey = surveyOf(repos, w.round);
  const printed = questionNumbers(survey).get('Q13') ?? '';
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  await committee.get(url);
  const bad = await committee.post(`${url}/share`, { share: '150', questions: `3, ${printed}` });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, 'value="150"', 'the typed share is kept');
  t.match(bad.body, `value="3, ${printed}"`, 'the typed questions are kept');
  t.equal((await committee.post(`${url}/share`, { share: '10', questions: printed })).statusCode, 303, 'yes/no accepted');
  t.same(repos.callbacks.settings(w.round.id).questions, ['Q13']);
  const page = await committee.get(url);
  t.match(page.body, `回访时重问的题目：第 ${printed} 题 平安建设知晓。`);
  await committee.post(`${url}/draw`, {});
  const drawn = repos.callbacks.drawn(w.round.id).find((d) => d.interviewerId === w.users.grid);
  const form = await committee.get(`${url}/${drawn?.responseId}`);
  t.match(form.body, `第 ${printed} 题 平安建设知晓`);
  t.match(form.body, 'name="q_Q13" value="Y"');
});
