// Invite-only rounds through the app (app.inject): the committee makes a round invite-only, generates codes for a
// grid and prints them; a resident's form asks for a code, refuses a wrong or used one in Chinese with the answers
// kept, and takes a good one once; an open round is unaffected. Codes are never stored, exported or logged in clear.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { pollApp } from '../../kit/resident-poll.js';
import { FORM, completeAnswers, count, fieldset, formBody, openForm, shownFor, type Plain } from '../../kit/resident.js';
import { injectAs, logLines, type StaffSession } from '../../kit/app.js';
import type { Poll } from '../../kit/resident-poll.js';
import { markInviteOnly } from '../../../server/features/invites/invites-service.js';
import { CLI_ACTOR } from '../../../server/core/auth/actor.js';

/** The app with the poll's round made invite-only (as the round form does), a committee member and a township one. */
async function inviteApp(t: Parameters<typeof pollApp>[0], opts: Parameters<typeof pollApp>[2] = {}) {
  const built = await pollApp(t, (repos, poll) => {
    markInviteOnly(repos, poll.round.id);
    repos.users.create({ username: 'committee', displayName: '政法委', password: 'staff password 123', role: 'committee', unitId: null });
    const township = repos.units.getByCode('T-D01')?.id ?? null;
    repos.users.create({ username: 'township', displayName: '街道', password: 'staff password 123', role: 'township', unitId: township });
  }, opts);
  return { ...built, committee: await injectAs(built.app, 'committee') };
}

/** Generates `n` codes for the poll's grid through the page; returns the slips page and the codes it prints. */
async function generate(staff: StaffSession, poll: Poll, n: string): Promise<{ html: string; codes: string[]; slipsUrl: string }> {
  await staff.get(`/rounds/${poll.round.code}/invites`);
  const res = await staff.post(`/rounds/${poll.round.code}/invites`, { grid: poll.gridCode, count: n });
  if (res.statusCode !== 303) throw new Error(`generate: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const slipsUrl = String(res.headers.location);
  const page = await staff.get(slipsUrl);
  return { html: page.body, codes: [...page.body.matchAll(/<p class="code">([\d ]+)<\/p>/g)].map((m) => m[1]), slipsUrl };
}

/** A resident on a new device posts complete answers with this household code. */
async function answer(app: FastifyInstance, poll: Poll, code: string | undefined, plain: Plain = completeAnswers(poll.survey)) {
  const form = await openForm(app, poll.gridCode);
  const extra: Record<string, string> = { shown: shownFor(poll.survey, plain), submission_key: form.key };
  if (code !== undefined) extra.household_code = code;
  return app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies, payload: formBody(plain, extra) });
}

t.test('the committee generates codes for a grid and prints them four or eight to a page, each with the QR code', async (t) => {
  const { app, db, poll, committee } = await inviteApp(t);
  const { html, codes, slipsUrl } = await generate(committee, poll, '9');
  t.equal(codes.length, 9, 'one slip per code');
  t.equal(new Set(codes).size, 9, 'distinct codes');
  for (const c of codes) t.match(c, /^\d{4} \d{4} \d{4}$/);
  t.equal(html.match(/<article class="slip">/g)?.length, 9);
  t.equal(html.match(/<svg role="img"/g)?.length, 9, 'every slip has the QR code');
  t.match(html, `/g/${poll.gridCode}`, 'and the grid link');
  t.equal(html.match(/<section class="sheet slips per-4/g)?.length, 3, 'nine slips on three sheets of four');
  const eight = await committee.get(`${slipsUrl}?per=8`);
  t.equal(eight.body.match(/<section class="sheet slips per-8/g)?.length, 2, 'two sheets of eight');
  const again = await committee.get(slipsUrl);
  t.same([...again.body.matchAll(/<p class="code">([\d ]+)<\/p>/g)].map((m) => m[1]), codes, 'printed again, the same codes');

  // Nothing in the database holds a code: only keyed hashes.
  const dump = JSON.stringify(db.prepare('SELECT * FROM invites').all()) + JSON.stringify(db.prepare('SELECT * FROM invite_batches').all())
    + JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
  for (const c of codes) t.notOk(dump.includes(c.replace(/ /g, '')), 'no code stored in clear');
  t.equal(count(db, 'invites', "token_hash LIKE 'hc1:%'"), 9);
  const audit = app.repos.audit.byAction('invite.generate');
  t.equal(audit.length, 1, 'generating is audited');
  t.match(JSON.parse(audit[0].detail ?? '{}'), { round: poll.round.code, grid: poll.gridCode, count: 9 });

  const progress = await committee.get(`/rounds/${poll.round.code}/invites`);
  t.match(progress.body, /<td class="issued">9<\/td>\s*<td class="used">0<\/td>/, 'progress: 9 issued, none used');
});

t.test('generating refuses what is not a count, in Chinese, keeping the input; township staff may not', async (t) => {
  const { app, poll, committee } = await inviteApp(t);
  await committee.get(`/rounds/${poll.round.code}/invites`);
  const bad = await committee.post(`/rounds/${poll.round.code}/invites`, { grid: poll.gridCode, count: 'abc' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '数量必须是正整数');
  t.match(bad.body, 'value="abc"');
  const none = await committee.post(`/rounds/${poll.round.code}/invites`, { grid: poll.gridCode, count: '' });
  t.equal(none.statusCode, 422);
  t.match(none.body, '该网格没有登记户数', 'no households recorded and no count typed');
  const noGrid = await committee.post(`/rounds/${poll.round.code}/invites`, { grid: poll.outsideGridCode ?? '', count: '3' });
  t.equal(noGrid.statusCode, 422);
  t.match(noGrid.body, '请选择本轮的一个网格');
  const township = await injectAs(app, 'township');
  t.equal((await township.get(`/rounds/${poll.round.code}/invites`)).statusCode, 403);
});

t.test('the resident form asks for the code; a missing, malformed or wrong one is refused in Chinese, answers kept', async (t) => {
  const { app, db, poll, committee } = await inviteApp(t);
  const { codes } = await generate(committee, poll, '2');
  const page = await openForm(app, poll.gridCode);
  t.match(fieldset(page.body, 'household_code'), '入户邀请码', 'the form has the code field');
  t.match(page.body, 'inputmode="numeric"');

  const plain = completeAnswers(poll.survey);
  const [firstId, firstCode] = Object.entries(plain)[0];
  for (const [typed, message] of [
    [undefined, '请输入邀请单上的 12 位邀请码'],
    ['12345', '邀请码应为 12 位数字'],
    ['0000 0000 0000', '邀请码不正确'],
  ] as const) {
    const res = await answer(app, poll, typed, plain);
    t.equal(res.statusCode, 422, `"${typed}" is refused`);
    t.match(res.body, message);
    t.match(res.body, new RegExp(`name="q_${firstId}" value="${firstCode}" checked`), 'the answers stay filled in');
    if (typed) t.match(res.body, `value="${typed}"`, 'the code as typed stays in its field');
  }
  t.equal(count(db, 'responses'), 0, 'nothing stored');
  t.ok(codes.length === 2);
});

t.test('a good code stores the answers once; the same code again is refused; a voided batch answers no more', async (t) => {
  const { app, db, poll, committee } = await inviteApp(t);
  const { codes } = await generate(committee, poll, '3');
  const ok = await answer(app, poll, codes[0]);
  t.equal(ok.statusCode, 200);
  t.match(ok.body, '提交成功');
  t.equal(count(db, 'responses'), 1);
  t.equal(count(db, 'invites', 'used_at IS NOT NULL'), 1, 'the code is consumed with the answer');

  const again = await answer(app, poll, codes[0].replace(/ /g, '-'));
  t.equal(again.statusCode, 409, 'the same code from another device');
  t.match(again.body, '该邀请码已经提交过答卷');
  t.equal(count(db, 'responses'), 1);

  // Two devices racing with one code: exactly one is stored (the use is a conditional UPDATE in the answer's commit).
  const raced = await Promise.all([answer(app, poll, codes[1]), answer(app, poll, codes[1])]);
  t.same(raced.map((r) => r.statusCode).sort(), [200, 409], 'one thanked, one refused');
  t.equal(count(db, 'responses'), 2);

  // Voiding: the third code, unused, answers no more; the batch's used codes keep their answers.
  const list = await committee.get(`/rounds/${poll.round.code}/invites`);
  const action = /action="([^"]+\/void)"/.exec(list.body)?.[1] ?? '';
  t.equal((await committee.post(action, {})).statusCode, 303);
  t.match(JSON.parse(app.repos.audit.byAction('invite.void')[0]?.detail ?? '{}'), { grid: poll.gridCode, voided: 1 }, 'voiding is audited');
  const voided = await answer(app, poll, codes[2]);
  t.equal(voided.statusCode, 422);
  t.match(voided.body, '邀请码不正确');
  t.equal(count(db, 'responses'), 2);
  const progress = await committee.get(`/rounds/${poll.round.code}/invites`);
  t.match(progress.body, /<td class="issued">2<\/td>\s*<td class="used">2<\/td>/, 'progress: the voided unused code is no longer issued');
  t.equal((await committee.post(action, {})).statusCode, 409, 'voiding twice is refused');
});

t.test('the round form offers 入户邀请码 with when to use which, and makes the round invite-only (audited)', async (t) => {
  const { app, poll, committee } = await inviteApp(t);
  const form = await committee.get('/rounds/new');
  t.match(form.body, '适合要排名、要通报的轮次');
  t.match(form.body, '覆盖面广');
  const created = await committee.post('/rounds', {
    surveyVersionId: String(poll.round.surveyVersionId), period: '2025-07', units: 'T-D01', quotaPerGrid: '10', minSample: '5',
    channels: 'web', access: 'invite',
  });
  t.equal(created.statusCode, 303);
  const round = app.repos.rounds.getByCode(String(created.headers.location).replace('/rounds/', ''));
  t.ok(round && app.repos.householdCodes.isInviteOnly(round.id), 'the new round is invite-only');
  t.match((await committee.get(String(created.headers.location))).body, '入户邀请码（一户一码');
  const entry = app.repos.audit.byAction('round.create')[0];
  t.match(JSON.parse(entry?.detail ?? '{}'), { round: round?.code, inviteOnly: true });
  const open = await committee.post('/rounds', {
    surveyVersionId: String(poll.round.surveyVersionId), period: '2025-08', units: 'T-D01', channels: 'web', access: 'open',
  });
  const openRound = app.repos.rounds.getByCode(String(open.headers.location).replace('/rounds/', ''));
  t.ok(openRound && !app.repos.householdCodes.isInviteOnly(openRound.id), 'the open choice leaves it open');
  t.equal((await committee.get(`${String(open.headers.location)}/invites`)).statusCode, 409, 'an open round has no codes page');
});

t.test('a code whose answer waits for review is not free for another answer', async (t) => {
  const { app, poll, committee } = await inviteApp(t);
  const { codes } = await generate(committee, poll, '1');
  const typed = codes[0].replace(/ /g, '');
  const stored = app.repos.householdCodes.lookup(poll.round.id, typed);
  if (!stored) throw new Error('code not stored');
  const held = app.repos.responses.insert({
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', answers: {}, survey: poll.survey,
    inviteId: stored.inviteId, hold: ['network'],
  });
  t.match(held, { ok: true, held: true });
  const res = await answer(app, poll, codes[0]);
  t.equal(res.statusCode, 409);
  t.match(res.body, '该邀请码已经提交过答卷');
});

t.test('a code of another grid or round is as unknown as a made-up one', async (t) => {
  const { app, db, poll, committee } = await inviteApp(t);
  const { codes } = await generate(committee, poll, '1');
  // The same digits in another round's hash space are not a code there.
  const other = app.repos.householdCodes.lookup(poll.round.id + 1, codes[0].replace(/ /g, ''));
  t.equal(other, undefined);
  // A code made for another grid, typed on this grid's form.
  const elsewhere = app.repos.units.getByCode(poll.outsideGridCode ?? '');
  if (!elsewhere) throw new Error('fixture');
  const batch = app.repos.householdCodes.createBatch(
    { roundId: poll.round.id, roundCode: poll.round.code, gridId: elsewhere.id, gridCode: elsewhere.code, size: 1 }, CLI_ACTOR);
  const [foreign] = app.repos.householdCodes.keys.codes(batch.id, batch.salt, 1);
  const res = await answer(app, poll, foreign);
  t.equal(res.statusCode, 422);
  t.match(res.body, '邀请码不正确');
  t.equal(count(db, 'responses'), 0);
});

t.test('an open round is unaffected: no code field, answers stored without one', async (t) => {
  const { app, db, poll } = await pollApp(t);
  const page = await openForm(app, poll.gridCode);
  t.equal(fieldset(page.body, 'household_code'), '', 'no code field');
  const res = await answer(app, poll, undefined);
  t.equal(res.statusCode, 200);
  t.equal(count(db, 'responses'), 1);
  const staffPage = await app.inject({ method: 'GET', url: `/rounds/${poll.round.code}/invites` });
  t.equal(staffPage.statusCode, 302, 'the codes page is for staff');
});

t.test('codes never reach the log', async (t) => {
  const log = logLines('debug');
  const { app, poll, committee } = await inviteApp(t, { logger: log });
  const { codes } = await generate(committee, poll, '2');
  await answer(app, poll, codes[0]);
  await answer(app, poll, codes[0]);
  for (const c of codes) {
    t.notOk(log.text().includes(c), 'not as printed');
    t.notOk(log.text().includes(c.replace(/ /g, '')), 'not as typed');
  }
  t.ok(log.text().length > 0, 'the log was written');
});
