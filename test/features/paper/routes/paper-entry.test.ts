// Paper entry on the web (纸质录入): typed option codes go through the one submission path with channel paper and the
// keyer as interviewer; bad codes are refused with what was typed kept; closed rounds, rounds without the paper
// channel and grids outside the keyer's scope are refused in Chinese.
import t from 'tap';
import { build, logIn, PASSWORD, type Teardown } from '../../../kit/app.js';
import type { Db } from '../../../../server/platform/db.js';
import { fieldWorld, type FieldWorld } from '../../../kit/fieldwork.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';
import { chinaDayStartOf } from '../../../../server/core/time/china-time.js';

/** A full hunan-100 questionnaire typed as a keyer would: letters, a position number and a lower-case code. */
function typedQuestionnaire(grid: string): Record<string, string> {
  const form: Record<string, string> = { grid, q_S1: '1', q_S2: '1', q_Q1: 'b', q_Q2: '1' };
  for (const id of ['Q3', 'Q4', 'Q5', 'Q6']) form[`q_${id}`] = 'A';
  return form;
}

const rows = (db: Db) =>
  db.prepare<[], { channel: string; interviewer_id: number | null; grid_id: number; status: string }>(
    'SELECT channel, interviewer_id, grid_id, status FROM responses ORDER BY id',
  ).all();

async function world(t: Teardown, overrides = {}) {
  let w: FieldWorld | undefined;
  const built = await build(t, { seed: (repos) => { w = fieldWorld(repos, overrides); } });
  if (!w) throw new Error('no world');
  return { ...built, w };
}

t.test('a keyed questionnaire is stored with channel paper and its keyer, audit-logged and listed in the batch', async (t) => {
  const { app, db, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  const page = await s.get(`/rounds/${w.round.code}/paper`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '纸质问卷录入');
  t.match(page.body, /<b>A<\/b>\/1 很安全/, 'codes shown next to each option');
  const grid = w.district.grids[0].code;
  const form = typedQuestionnaire(grid);
  // Fill every remaining required question with its first option, whatever the questionnaire holds.
  const res0 = await s.post(`/rounds/${w.round.code}/paper`, form);
  const missing = [...res0.body.matchAll(/href="#q_([A-Za-z0-9_]+)"/g)].map((m) => m[1]);
  for (const id of missing) form[`q_${id}`] = '1';
  await s.get(`/rounds/${w.round.code}/paper`);
  const res = await s.post(`/rounds/${w.round.code}/paper`, form);
  t.equal(res.statusCode, 200, res.body.slice(0, 300));
  t.match(res.body, /已保存第 \d+ 号问卷/);
  const stored = rows(db);
  t.equal(stored.length, 1);
  t.same(stored[0], { channel: 'paper', interviewer_id: w.users.grid, grid_id: w.district.grids[0].id, status: 'complete' });
  t.match(res.body, '我的录入（本轮 1 份，今天 1 份）');
  const id = /已保存第 (\d+) 号问卷/.exec(res.body)?.[1];
  const entry = await s.get(`/rounds/${w.round.code}/paper/${id}`);
  t.equal(entry.statusCode, 200);
  t.match(entry.body, 'B 安全', 'the lower-case code was read as option B');
  const audit = db.prepare("SELECT user_id, detail FROM audit_log WHERE action = 'paper.entry'").all();
  t.equal(audit.length, 1);
  const other = await logIn(app, 'grid2', PASSWORD);
  t.equal((await other.get(`/rounds/${w.round.code}/paper/${id}`)).statusCode, 404, 'another keyer does not see it');
});

t.test('"today" in the batch is the Beijing day: keyed just after midnight counts, just before does not', async (t) => {
  const { app, db, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  await s.get(`/rounds/${w.round.code}/paper`);
  const form = typedQuestionnaire(w.district.grids[0].code);
  const first = await s.post(`/rounds/${w.round.code}/paper`, form);
  for (const m of first.body.matchAll(/href="#q_([A-Za-z0-9_]+)"/g)) form[`q_${m[1]}`] = '1';
  for (let i = 0; i < 2; i++) {
    await s.get(`/rounds/${w.round.code}/paper`);
    t.match((await s.post(`/rounds/${w.round.code}/paper`, form)).body, /已保存第 \d+ 号问卷/);
  }
  // Beijing midnight is 16:00 UTC of the day before: one minute after it and one minute before it.
  const midnight = new Date(chinaDayStartOf(new Date())).getTime();
  const ids = db.prepare<[], { id: number }>('SELECT id FROM responses ORDER BY id').all().map((r) => r.id);
  const setAt = db.prepare<[string, number]>('UPDATE responses SET created_at = ? WHERE id = ?');
  setAt.run(new Date(midnight + 60_000).toISOString(), ids[0]);
  setAt.run(new Date(midnight - 60_000).toISOString(), ids[1]);
  t.match((await s.get(`/rounds/${w.round.code}/paper`)).body, '我的录入（本轮 2 份，今天 1 份）');
});

t.test('a code that is no option is refused next to its question with every typed answer kept', async (t) => {
  const { app, db, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  await s.get(`/rounds/${w.round.code}/paper`);
  const form = { ...typedQuestionnaire(w.district.grids[0].code), q_Q1: 'Z' };
  const res = await s.post(`/rounds/${w.round.code}/paper`, form);
  t.equal(res.statusCode, 422);
  t.match(res.body, '“Z”不是本题的选项代码');
  t.match(res.body, 'name="q_Q1" value="Z"', 'the bad code is kept');
  t.match(res.body, 'name="q_Q2" value="1"', 'the other answers are kept');
  t.match(res.body, `<option value="${w.district.grids[0].code}" selected>`, 'the grid is kept');
  t.equal(rows(db).length, 0);
});

t.test('a screened-out questionnaire is stored as such (the same screening as the resident form)', async (t) => {
  const { app, db, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  await s.get(`/rounds/${w.round.code}/paper`);
  const res = await s.post(`/rounds/${w.round.code}/paper`, { grid: w.district.grids[0].code, q_S1: '2' });
  t.equal(res.statusCode, 200);
  t.match(res.body, '筛除');
  t.equal(rows(db)[0]?.status, 'screened_out');
});

t.test('a grid outside the keyer\'s scope is refused', async (t) => {
  const { app, db, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  const page = await s.get(`/rounds/${w.round.code}/paper`);
  t.notMatch(page.body, w.district.grids[1].code, 'only own grids are offered');
  const res = await s.post(`/rounds/${w.round.code}/paper`, typedQuestionnaire(w.district.grids[7].code));
  t.equal(res.statusCode, 422);
  t.match(res.body, '该网格不在您可录入的范围内');
  t.equal(rows(db).length, 0);
});

t.test('a round without the paper channel and a closed round are refused in Chinese and audited', async (t) => {
  const { app, db, w, repos } = await world(t, { channels: ['web', 'phone'] });
  const s = await logIn(app, 'committee', PASSWORD);
  const page = await s.get(`/rounds/${w.round.code}/paper`);
  t.match(page.body, '本轮民调不通过纸质录入收集答卷');
  const res = await s.post(`/rounds/${w.round.code}/paper`, typedQuestionnaire(w.district.grids[0].code));
  t.equal(res.statusCode, 403);
  t.match(res.body, '本轮民调不通过');
  closeRoundById(repos, w.round.id);
  const closed = await s.post(`/rounds/${w.round.code}/paper`, typedQuestionnaire(w.district.grids[0].code));
  t.equal(closed.statusCode, 409);
  t.match(closed.body, '本轮民调已结束，不再接收答卷');
  t.equal(rows(db).length, 0);
  t.equal(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'paper.refused'").pluck().get(), 2);
});
