// Retry and appointment rules through the workstation, outcomes for numbers that are not the interviewer's or whose
// call is over, scoping of the draw, and the number in clear only in the reveal's reply.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { completeAnswers } from '../../../kit/resident.js';
import { addContacts, answerFields, catiWorld, chinaLocal, fakeNumber, takeNext, type CatiWorld } from '../../../kit/cati.js';
import { NOT_YOUR_CALL } from '../../../../server/features/phone-interviews/routes/cati-call.js';
import type { Db } from '../../../../server/platform/db.js';
import { createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get();
/** Time passing for one case: its waiting (retry spacing or appointment) is over. */
const makeDue = (db: Db, contact: number) => db.prepare("UPDATE call_cases SET next_due_at = '2000-01-01T00:00:00.000Z' WHERE contact_id = ?").run(contact);

t.test('an appointment in the past is refused; a future one comes back first once due', async (t) => {
  let world: CatiWorld | undefined;
  const { app, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [fakeNumber(1), fakeNumber(2)]);
  } });
  if (!world) throw new Error('fixture');
  const code = world.round.code;
  const s = await logIn(app, 'grid', PASSWORD);
  const first = await takeNext(s, code);
  const past = await s.post(`/cati/${code}/calls/${first}`, { outcome: 'appointment', appointment_at: chinaLocal(-1) });
  t.equal(past.statusCode, 422);
  t.match(past.body, '约访时间已过，请选择将来的时间');
  t.equal(count(db, 'SELECT COUNT(*) FROM calls'), 0, 'nothing stored');
  const missing = await s.post(`/cati/${code}/calls/${first}`, { outcome: 'appointment' });
  t.match(missing.body, '请填写约访时间');
  const later = await s.post(`/cati/${code}/calls/${first}`, { outcome: 'appointment', appointment_at: chinaLocal(3) });
  t.equal(later.statusCode, 303);
  t.equal(count(db, "SELECT COUNT(*) FROM calls WHERE outcome = 'appointment' AND disposition = 'non_contact'"), 1);

  const second = await takeNext(s, code);
  t.not(second, first, 'the appointment waits for its time');
  await s.post(`/cati/${code}/calls/${second}`, { outcome: 'no_answer' });
  t.equal(await takeNext(s, code), undefined, 'nothing due');
  makeDue(db, second ?? 0);
  makeDue(db, first ?? 0);
  t.equal(await takeNext(s, code), first, 'a due appointment before a due retry');
});

t.test('no answer is retried after the spacing, up to the round\'s number of attempts', async (t) => {
  let world: CatiWorld | undefined;
  const { app, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [fakeNumber(1)]);
  } });
  if (!world) throw new Error('fixture');
  const code = world.round.code;
  const committee = await logIn(app, 'committee', PASSWORD);
  await committee.get(`/cati/${code}`);
  const bad = await committee.post(`/cati/${code}/rules`, { max_attempts: '0', retry_minutes: '30' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '最多拨打次数应为 1–10 之间的整数');
  t.equal((await committee.post(`/cati/${code}/rules`, { max_attempts: '2', retry_minutes: '30' })).statusCode, 303);
  t.match((await committee.get(`/cati/${code}`)).body, '最多拨打 2 次，两次之间至少间隔 30 分钟');
  const s = await logIn(app, 'grid', PASSWORD);
  t.equal((await s.post(`/cati/${code}/rules`, { max_attempts: '9', retry_minutes: '1' })).statusCode, 403, 'only the committee sets rules');

  const contact = await takeNext(s, code);
  await s.post(`/cati/${code}/calls/${contact}`, { outcome: 'busy' });
  t.equal(await takeNext(s, code), undefined, 'not again within 30 minutes');
  const due = String(count(db, 'SELECT next_due_at FROM call_cases'));
  const minutes = (Date.parse(due) - Date.now()) / 60_000;
  t.ok(minutes > 29 && minutes <= 30, `due in 30 minutes (${minutes.toFixed(2)})`);
  makeDue(db, contact ?? 0);
  t.equal(await takeNext(s, code), contact, 'retried once the spacing is over');
  await s.post(`/cati/${code}/calls/${contact}`, { outcome: 'no_answer' });
  makeDue(db, contact ?? 0);
  t.equal(await takeNext(s, code), undefined, 'two attempts, no third');
  t.same(db.prepare('SELECT outcome, disposition FROM calls ORDER BY id').all(), [
    { outcome: 'busy', disposition: 'unknown_household' }, { outcome: 'no_answer', disposition: 'unknown_household' },
  ]);
});

t.test('an outcome for a number that is not yours, or whose call is over, is refused and audited', async (t) => {
  let world: CatiWorld | undefined;
  const numbers = [fakeNumber(1), fakeNumber(2)];
  const { app, db, repos } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, numbers);
  } });
  if (!world) throw new Error('fixture');
  const code = world.round.code;
  const mine = await logIn(app, 'grid', PASSWORD);
  const other = await logIn(app, 'grid2', PASSWORD);
  const contact = await takeNext(mine, code);
  await other.get(`/cati/${code}`);
  for (const [url, form] of [[`/cati/${code}/calls/${contact}`, { outcome: 'refusal' }], [`/cati/${code}/calls/${contact}/reveal`, {}]] as const) {
    const res = await other.post(url, form);
    t.equal(res.statusCode, 409, url);
    t.match(res.body, NOT_YOUR_CALL);
    t.notMatch(res.body, numbers[(contact ?? 1) - 1]);
  }
  t.equal((await other.get(`/cati/${code}/calls/${contact}`)).statusCode, 409);
  const survey = repos.surveys.getVersion(world.round.surveyVersionId)?.survey;
  if (!survey) throw new Error('fixture survey');
  const stolen = await other.post(`/cati/${code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, completeAnswers(survey)) });
  t.equal(stolen.statusCode, 409, 'a completed form for another\'s number is refused');
  t.equal(count(db, 'SELECT COUNT(*) FROM calls'), 0);
  t.equal(count(db, 'SELECT COUNT(*) FROM responses'), 0);

  t.equal((await mine.post(`/cati/${code}/calls/${contact}`, { outcome: 'no_answer' })).statusCode, 303);
  const twice = await mine.post(`/cati/${code}/calls/${contact}`, { outcome: 'refusal' });
  t.equal(twice.statusCode, 409, 'the call is over');
  t.equal(count(db, 'SELECT COUNT(*) FROM calls'), 1);
  t.equal(repos.audit.byAction('cati.refused', 20).length, 5, 'every refused attempt is audited');
  t.equal((await mine.post(`/cati/${code}/calls/${contact}`, { outcome: 'hang_up_and_smile' })).statusCode, 400);
});

t.test('a grid worker draws only their grid\'s numbers; township staff only their township\'s', async (t) => {
  let world: CatiWorld | undefined;
  const { app, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [1, 2, 3].map(fakeNumber));
    addContacts(d, world.neighbourGrid.id, [4, 5, 6].map(fakeNumber));
    addContacts(d, world.farGrid.id, [7, 8, 9].map(fakeNumber));
  } });
  if (!world) throw new Error('fixture');
  const { round, myGrid, neighbourGrid } = world;
  const gridOf = (contact: number | undefined) => count(db, `SELECT grid_id FROM contacts WHERE id = ${Number(contact)}`);
  const drawAll = async (username: string) => {
    const s = await logIn(app, username, PASSWORD);
    const grids: unknown[] = [];
    for (let contact = await takeNext(s, round.code); contact !== undefined; contact = await takeNext(s, round.code)) {
      grids.push(gridOf(contact));
      await s.post(`/cati/${round.code}/calls/${contact}`, { outcome: 'refusal' });
    }
    return grids;
  };
  t.same(await drawAll('grid'), [myGrid.id, myGrid.id, myGrid.id]);
  t.same(await drawAll('township'), [neighbourGrid.id, neighbourGrid.id, neighbourGrid.id], 'the rest of the township, never the far grid');
  t.equal(count(db, `SELECT COUNT(*) FROM calls WHERE grid_id = ${world.farGrid.id}`), 0);
});

t.test('the number is in clear only in the reveal\'s reply: not on other pages, in the audit log or the database', async (t) => {
  let world: CatiWorld | undefined;
  const number = fakeNumber(42);
  const { app, repos, dir } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [number]);
  } });
  if (!world) throw new Error('fixture');
  const code = world.round.code;
  const survey = repos.surveys.getVersion(world.round.surveyVersionId)?.survey;
  if (!survey) throw new Error('fixture survey');
  const s = await logIn(app, 'grid', PASSWORD);
  const township = await logIn(app, 'township', PASSWORD);
  const contact = await takeNext(s, code);
  const pages: Array<[string, string]> = [];
  const keep = (label: string, body: string) => pages.push([label, body]);
  keep('call screen', (await s.get(`/cati/${code}/calls/${contact}`)).body);
  const reveal = await s.post(`/cati/${code}/calls/${contact}/reveal`, {});
  t.match(reveal.body, number, 'the reveal shows it');
  t.equal(reveal.headers['cache-control'], 'no-store');
  keep('call screen after reveal', (await s.get(`/cati/${code}/calls/${contact}`)).body);
  keep('refresh', (await s.post(`/cati/${code}/calls/${contact}`, { outcome: 'refresh', ...answerFields(survey, {}) })).body);
  keep('complete', (await s.post(`/cati/${code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, completeAnswers(survey)) })).body);
  for (const url of ['/cati', `/cati/${code}`, `/rounds/${code}`, `/rounds/${code}/bulletin`, `/rounds/${code}/export.csv`, `/rounds/${code}/responses.csv`, '/receipts']) {
    keep(url, (await township.get(url)).body);
    keep(url, (await s.get(url)).body);
  }
  for (const [label, body] of pages) t.notOk(body.includes(number), `not in ${label}`);
  t.notOk(JSON.stringify(repos.audit.byAction('cati.reveal', 10)).includes(number));
  t.notOk(JSON.stringify(repos.audit.byAction('cati.outcome', 10)).includes(number));
  for (const file of ['test.db', 'test.db-wal']) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(join(dir, file));
    } catch {
      continue;
    }
    t.notOk(bytes.includes(Buffer.from(number)), `not in ${file}`);
  }
});

t.test('a round that does not collect by phone offers no numbers', async (t) => {
  const { app, repos } = await build(t, { seed: (r, d) => {
    const world = catiWorld(r);
    addContacts(d, world.myGrid.id, [fakeNumber(1)]);
    const version = r.surveys.latest('hunan-100');
    if (!version) throw new Error('fixture');
    openRoundById(r, createRound(r, { surveyVersionId: version.versionId, period: '2025-02', unitIds: [world.district.id], channels: ['web'] }).id);
  } });
  const webOnly = repos.rounds.list().find((r) => r.period === '2025-02');
  if (!webOnly) throw new Error('fixture');
  const s = await logIn(app, 'grid', PASSWORD);
  const index = await s.get('/cati');
  t.notMatch(index.body, webOnly.code, 'not offered');
  const page = await s.get(`/cati/${webOnly.code}`);
  t.match(page.body, '本轮民调不通过电话访问收集答卷');
  t.notMatch(page.body, '下一个号码');
  const next = await s.post(`/cati/${webOnly.code}/next`, {});
  t.equal(next.statusCode, 403);
  t.match(next.body, '本轮民调不通过电话访问收集答卷');
});

t.test('numbers whose case earlier calls of the round closed (imported, simulated) are not drawn', async (t) => {
  let world: CatiWorld | undefined;
  let ids: number[] = [];
  const { app } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    ids = addContacts(d, world.myGrid.id, [1, 2, 3].map(fakeNumber));
    const call = (contactId: number, disposition: 'complete' | 'unknown_household') => ({ roundId: world?.round.id ?? 0, gridId: world?.myGrid.id ?? 0, contactId, disposition });
    r.calls.insertMany([call(ids[0], 'complete'), call(ids[1], 'unknown_household')]);
  } });
  if (!world) throw new Error('fixture');
  const s = await logIn(app, 'grid', PASSWORD);
  const drawn: Array<number | undefined> = [];
  for (let contact = await takeNext(s, world.round.code); contact !== undefined; contact = await takeNext(s, world.round.code)) {
    drawn.push(contact);
    await s.post(`/cati/${world.round.code}/calls/${contact}`, { outcome: 'refusal' });
  }
  t.same(drawn.sort(), [ids[1], ids[2]], 'the completed one is skipped; the unanswered one is still called');
});
