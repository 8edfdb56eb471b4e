// Call-back checks on the web: the committee draws 10% per interviewer, a call-back of one's own interview is refused
// in Chinese and audited, another staff member's call-back records confirmation and computed agreement, and the
// committee's report counts them per interviewer.
import t from 'tap';
import { logIn, PASSWORD } from '../../../kit/app.js';
import { callbackWorld as world } from '../../../kit/callbacks.js';

const drawnIds = (html: string) => [...html.matchAll(/第 (\d+) 号<\/td>/g)].map((m) => Number(m[1]));

t.test('a draw, a refused self call-back, two call-backs and the report per interviewer', async (t) => {
  const { app, db, repos, w } = await world(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  const before = await committee.get(url);
  t.match(before.body, '已完成电话访问 17 份，已抽取 0 份');
  t.equal((await committee.post(`${url}/draw`, {})).statusCode, 303);
  const list = await committee.get(url);
  // 10% of 12 → 2 for grid, 10% of 5 → 1 for grid2.
  const ids = drawnIds(list.body);
  t.equal(ids.length, 3);
  t.match(list.body, '138****0000', 'masked numbers only');
  // a further draw is allowed, but tops up to the share: with no new interview nothing is due.
  t.equal((await committee.post(`${url}/draw`, {})).statusCode, 409, 'nothing more is due at the same share');
  t.same(repos.callbacks.drawn(w.round.id).map((d) => d.responseId), ids, 'the stored draw is what the page lists');

  const drawn = repos.callbacks.drawn(w.round.id);
  const ofGrid = drawn.filter((d) => d.interviewerId === w.users.grid).map((d) => d.responseId);
  const ofGrid2 = drawn.filter((d) => d.interviewerId === w.users.grid2).map((d) => d.responseId);
  t.same([ofGrid.length, ofGrid2.length], [2, 1]);

  const grid = await logIn(app, 'grid', PASSWORD);
  const own = await grid.get(`${url}/${ofGrid[0]}`);
  t.equal(own.statusCode, 403);
  t.match(own.body, '不能回访本人完成的访问');
  await grid.get(url);
  const ownPost = await grid.post(`${url}/${ofGrid[0]}`, { outcome: 'confirmed' });
  t.equal(ownPost.statusCode, 403);
  t.equal(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'callback.self_refused'").pluck().get(), 2);

  // grid2 calls back both of grid's interviews: one matches, one does not; grid calls back grid2's: not confirmed.
  const grid2 = await logIn(app, 'grid2', PASSWORD);
  const form = await grid2.get(`${url}/${ofGrid[0]}`);
  t.equal(form.statusCode, 200);
  const asked = [...form.body.matchAll(/name="(q_[A-Za-z0-9]+)" value="A"/g)].map((m) => m[1]);
  t.equal(asked.length, 3, 'three questions asked again');
  const incomplete = await grid2.post(`${url}/${ofGrid[0]}`, { outcome: 'confirmed' });
  t.equal(incomplete.statusCode, 422);
  t.match(incomplete.body, '请选择受访者这次的回答');
  const same = Object.fromEntries(asked.map((f) => [f, 'A']));
  t.equal((await grid2.post(`${url}/${ofGrid[0]}`, { outcome: 'confirmed', ...same })).statusCode, 303);
  t.equal((await grid2.post(`${url}/${ofGrid[1]}`, { outcome: 'confirmed', ...same, [asked[1]]: 'C' })).statusCode, 303);
  t.equal((await grid2.post(`${url}/${ofGrid[1]}`, { outcome: 'denied' })).statusCode, 409, 'a call-back is recorded once');
  t.equal((await grid.post(`${url}/${ofGrid2[0]}`, { outcome: 'denied' })).statusCode, 303);

  t.equal((await grid.get(`${url}/report`)).statusCode, 403, 'the report is the committee\'s');
  const report = await committee.get(`${url}/report`);
  t.equal(report.statusCode, 200);
  const cells = (name: string) => {
    const row = new RegExp(`<td>${name}名（${name}）</td>((?:<td>.*?</td>)+)</tr>`).exec(report.body)?.[1] ?? '';
    return [...row.matchAll(/<td>(?:<b>)?(.*?)(?:<\/b>)?<\/td>/g)].map((m) => m[1]);
  };
  // The report has these's columns: 抽取, 已回访, 核实相符, 核实不符, 未能核实, 相符率, 待回访.
  t.same(cells('grid'), ['2', '2', '1', '1', '0', '50.0%', '0']);
  t.same(cells('grid2'), ['1', '1', '0', '1', '0', '0.0%', '0']);
  t.equal(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'callback.record'").pluck().get(), 3);

  const bulletin = await committee.get(`/rounds/${w.round.code}/bulletin`);
  t.match(bulletin.body, /真实度回访<\/strong> 抽取 3 份，已回访 3 份，确认接受访问 2 份（[^）]+），回答一致 1 份（[^）]+），不符 2 份/);
});

t.test('the share is set by the committee as a percentage; a bad one is refused in Chinese', async (t) => {
  const { app, repos, w } = await world(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  await committee.get(url);
  const bad = await committee.post(`${url}/share`, { share: '150' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '回访比例应为 0 到 100 之间的百分数');
  t.equal((await committee.post(`${url}/share`, { share: '50' })).statusCode, 303);
  t.equal(repos.callbacks.settings(w.round.id).share, 0.5);
  await committee.post(`${url}/draw`, {});
  t.equal(repos.callbacks.drawn(w.round.id).length, 6 + 3, '50% of 12 and of 5 (rounded up)');
  const grid = await logIn(app, 'grid', PASSWORD);
  t.equal((await grid.post(`${url}/share`, { share: '20' })).statusCode, 403, 'grid staff cannot change it');
});

t.test('configured questions are the ones asked again; unknown ones are refused in Chinese', async (t) => {
  const { app, repos, w } = await world(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const url = `/rounds/${w.round.code}/callbacks`;
  const page = await committee.get(url);
  // questions are named by the number printed on the resident form and a short name, not by their ids.
  t.match(page.body, /回访时重问的题目：第 \d+ 题 [^、]+、第 \d+ 题 [^、]+、第 \d+ 题 [^、。]+。/, 'by default the first substantive questions');
  const bad = await committee.post(`${url}/share`, { share: '10', questions: 'Q1, Q99' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '问卷中没有题号 Q99');
  t.equal((await committee.post(`${url}/share`, { share: '10', questions: 'q8，Q12' })).statusCode, 303);
  t.same(repos.callbacks.settings(w.round.id).questions, ['Q8', 'Q12']);
  await committee.post(`${url}/draw`, {});
  const drawn = repos.callbacks.drawn(w.round.id).find((d) => d.interviewerId === w.users.grid);
  const form = await committee.get(`${url}/${drawn?.responseId}`);
  t.same([...new Set([...form.body.matchAll(/name="q_([A-Za-z0-9]+)"/g)].map((m) => m[1]))], ['Q8', 'Q12']);
});

t.test('call-backs are scoped: staff of another township neither see nor record the drawn interviews', async (t) => {
  const { app, repos, w } = await world(t);
  repos.users.create({ username: 'west', displayName: '西山镇', password: PASSWORD, role: 'township', unitId: w.district.townships[1].id });
  const committee = await logIn(app, 'committee', PASSWORD);
  await committee.get(`/rounds/${w.round.code}/callbacks`);
  await committee.post(`/rounds/${w.round.code}/callbacks/draw`, {});
  const [first] = repos.callbacks.drawn(w.round.id);
  const west = await logIn(app, 'west', PASSWORD);
  const list = await west.get(`/rounds/${w.round.code}/callbacks`);
  t.equal(list.statusCode, 200);
  t.match(list.body, '您的范围内没有抽中的访问');
  t.equal((await west.get(`/rounds/${w.round.code}/callbacks/${first.responseId}`)).statusCode, 404);
  t.equal((await west.post(`/rounds/${w.round.code}/callbacks/${first.responseId}`, { outcome: 'denied' })).statusCode, 404);
  t.equal(repos.callbacks.records(w.round.id).length, 0);
  const township = await logIn(app, 'township', PASSWORD);
  t.match((await township.get(`/rounds/${w.round.code}/callbacks`)).body, '138****0000', 'the own township sees them');
});
