// From the interviewers page to a call-back draw of one interviewer's interviews (docs/statistics.md#interviewers):
// the link opens the call-back page on that interviewer, its form draws from their completed phone interviews only
// (30% by default, rounded up), township staff draw only for interviewers who worked their township and only their
// township's interviews, and a share that is not a percentage comes back as a 400 with what was typed.
import t from 'tap';
import { injectAs, type StaffSession } from '../../../kit/app.js';
import { honestyApp, interviewerRowsOf } from '../../../kit/honesty-rounds.js';

/** The link of an interviewer's row on the interviewers page. */
function drawLink(html: string, name: string): string {
  const row = interviewerRowsOf(html).get(name) ?? '';
  const href = /href="([^"]*callbacks\?interviewer=\d+)"/.exec(row)?.[1];
  if (!href) throw new Error(`no call-back link for ${name}`);
  return href;
}

/** The interviewer draw form's action and fields, as a browser would submit it. */
function drawForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<section class="panel" id="interviewer-draw">[\s\S]*?(<form[\s\S]*?<\/form>)/.exec(html)?.[1];
  if (!form) throw new Error('no draw form');
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2];
  return { action: /action="([^"]+)"/.exec(form)?.[1] ?? '', fields };
}

/** The 原访员 column of the call-back page's table. */
function drawnInterviewers(html: string): string[] {
  return [...html.matchAll(/<tr>\s*<td>第 \d+ 号<\/td>(?:[\s\S]*?<td>){6}([^<]*)<\/td>/g)].map((m) => m[1]);
}

async function follow(s: StaffSession, roundCode: string, name: string) {
  const page = await s.get(`/rounds/${roundCode}/interviewers`);
  const link = drawLink(page.body, name);
  const opened = await s.get(link);
  return { link, opened };
}

t.test('the committee follows the fabricator\u2019s link and draws: only their interviews, 30% of them', async (t) => {
  const { app, repos, db, round, w } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  const { opened } = await follow(committee, round.code, '访员3');
  t.equal(opened.statusCode, 200);
  t.match(opened.body, '访员 访员3 的回访抽样');
  // 访员3 works the first six grids, every third of their 12 phone interviews: 4 × 6 = 24.
  t.match(opened.body, '本轮 访员3 完成的电话访问 24 份');
  const form = drawForm(opened.body);
  t.equal(form.fields.share, '30', 'a check draws 30% by default');
  const drawn = await committee.post(form.action, form.fields);
  t.equal(drawn.statusCode, 303, drawn.body);
  const after = await committee.get(String(drawn.headers.location));
  const names = drawnInterviewers(after.body);
  t.equal(names.length, 8, '⌈0.3 × 24⌉ = 8 interviews drawn');
  t.ok(names.every((n) => n === '访员3'), 'all of them the fabricator\u2019s');
  const ids = db.prepare<[number], { interviewer_id: number }>('SELECT DISTINCT interviewer_id FROM callback_draws WHERE round_id = ?').all(round.id);
  t.same(ids, [{ interviewer_id: w.accounts.get(3) }], 'nobody else\u2019s interview drawn');
  t.match(repos.audit.byAction('callback.draw')[0]?.detail ?? '', `"interviewer":${w.accounts.get(3)}`, 'the draw is audited with whose it was');
});

t.test('township staff: their township\u2019s interviewers and interviews only; a bad share is shown back', async (t) => {
  const { app, db, round, w } = await honestyApp(t);
  const township = await injectAs(app, 'township');
  // 访员1 works grids of both townships: only the first township's interviews are drawn for its staff.
  const { opened } = await follow(township, round.code, '访员1');
  const form = drawForm(opened.body);
  const bad = await township.post(form.action, { ...form.fields, share: '三成' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '回访比例应为 0 到 100 之间的百分数，例如 30');
  t.match(bad.body, /id="interviewer-share" name="share" value="三成"/, 'what was typed is kept');
  const drawn = await township.post(form.action, { ...form.fields, share: '50' });
  t.equal(drawn.statusCode, 303, drawn.body);
  const grids = db.prepare<[number], { code: string }>(
    'SELECT u.code FROM callback_draws d JOIN responses r ON r.id = d.response_id JOIN units u ON u.id = r.grid_id WHERE d.round_id = ?',
  ).all(round.id);
  t.ok(grids.length > 0 && grids.every((g) => g.code.startsWith('D01-T1-')), `${grids.length} drawn, all in the township`);
  // 访员4 works only the other township: no link on this staff's page, and a draw for them is refused.
  const page = await township.get(`/rounds/${round.code}/interviewers`);
  t.notOk(interviewerRowsOf(page.body).has('访员4'));
  const refused = await township.post(form.action, { ...form.fields, interviewer: String(w.accounts.get(4)) });
  t.equal(refused.statusCode, 403);
  t.match(refused.body, '该访员不在您的管辖范围内');
  const grid = await injectAs(app, 'iv1');
  t.equal((await grid.post(form.action, form.fields)).statusCode, 403, 'grid workers draw for nobody');
});
