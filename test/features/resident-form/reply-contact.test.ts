// The number a resident may leave next to a suggestion (如需回复，请留下电话): checked, sealed at rest, shown masked on
// the receipt page, revealed only by a POST that is audited and scoped, and absent from every export and bulletin.
import t from 'tap';
import { xlsxText } from '../../kit/xlsx.js';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pollApp } from '../../kit/resident-poll.js';
import { completeAnswers, count, fieldset, postAnswers } from '../../kit/resident.js';
import { logIn, logLines, PASSWORD } from '../../kit/app.js';
import { REPLY_PROMISE } from '../../../server/features/resident-form/page-cache.js';

const NUMBER = '13812345678';
const SUGGESTION = '小区后门路灯坏了，希望尽快修好';

function staff(t: Parameters<typeof pollApp>[0]) {
  return pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    const west = repos.units.getByCode('T-D02');
    if (!west) throw new Error('fixture');
    repos.users.create({ username: 'west', displayName: '西镇综治中心', password: PASSWORD, role: 'township', unitId: west.id });
  });
}


t.test('the blank form offers the contact field under the suggestion question', async (t) => {
  const { app, poll } = await staff(t);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(page.statusCode, 200);
  const field = fieldset(page.body, poll.suggestionId);
  t.match(field, '如需回复，请留下电话');
  t.match(field, 'name="reply_contact"');
  t.ok(Buffer.byteLength(page.body) <= 40 * 1024, `the form page stays small (${Buffer.byteLength(page.body)} bytes)`);
});

t.test('a contact is stored sealed, shown masked, revealed once by a POST and audited', async (t) => {
  const { app, db, dir, poll } = await staff(t);
  const res = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION }), { reply_contact: '138-1234-5678' });
  t.equal(res.statusCode, 200);
  t.match(res.body, REPLY_PROMISE, 'a resident who left a number is promised a reply');
  t.notOk(res.body.includes(NUMBER) || res.body.includes('138-1234-5678'), 'the number is not echoed after submission');
  t.equal(count(db, 'responses', "reply_contact_masked = '138****5678' AND reply_contact_enc LIKE 'v1.%'"), 1);

  db.pragma('wal_checkpoint(PASSIVE)');
  for (const file of ['test.db', 'test.db-wal']) {
    const path = join(dir, file);
    if (existsSync(path)) t.notOk(readFileSync(path).includes(Buffer.from(NUMBER)), `${file}: no digits in clear`);
  }

  const receiptId = db.prepare('SELECT id FROM receipts WHERE source = ?').pluck().get('suggestion');
  const s = await logIn(app, 'committee', PASSWORD);
  const page = await s.get(`/receipts/${String(receiptId)}`);
  t.match(page.body, '群众留有联系方式：138****5678');
  t.notOk(page.body.includes(NUMBER), 'masked until revealed');
  t.match(page.body, `action="/receipts/${String(receiptId)}/contact"`, 'a reveal button');

  const shown = await s.post(`/receipts/${String(receiptId)}/contact`, {});
  t.equal(shown.statusCode, 200);
  t.match(shown.body, `href="tel:${NUMBER}"`, 'revealed with a tel: link');
  t.match(shown.headers['cache-control'], 'no-store');
  const again = await s.get(`/receipts/${String(receiptId)}`);
  t.notOk(again.body.includes(NUMBER), 'shown once: the next visit is masked again');
  t.match(again.body, '查看群众联系电话', 'the reveal is in the receipt history');
  const audit = db.prepare("SELECT detail, client FROM audit_log WHERE action = 'receipt.contact.reveal'").all();
  t.equal(audit.length, 1, 'audited');
  t.notOk(JSON.stringify(audit).includes(NUMBER), 'the audit entry does not hold the number');

  const west = await logIn(app, 'west', PASSWORD);
  await west.get('/receipts');
  const refused = await west.post(`/receipts/${String(receiptId)}/contact`, {});
  t.equal(refused.statusCode, 403, 'out of scope: refused');
  t.notOk(refused.body.includes(NUMBER));
  t.equal(db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'receipt.contact.reveal'").pluck().get(), 1);
});

t.test('no contact: the receipt says it cannot be answered back and the thanks promise nothing', async (t) => {
  const { app, db, poll } = await staff(t);
  const res = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION }));
  t.equal(res.statusCode, 200);
  t.match(res.body, poll.survey.thankYou);
  t.notOk(res.body.includes(REPLY_PROMISE), 'no promise of a reply');
  t.notOk(res.body.includes('回复'), 'nothing about a reply at all');
  const receiptId = db.prepare('SELECT id FROM receipts WHERE source = ?').pluck().get('suggestion');
  const s = await logIn(app, 'committee', PASSWORD);
  const page = await s.get(`/receipts/${String(receiptId)}`);
  t.match(page.body, '群众未留联系方式，无法直接回复');
  t.notOk(page.body.includes(`/receipts/${String(receiptId)}/contact"`), 'no reveal button');
  const reveal = await s.post(`/receipts/${String(receiptId)}/contact`, {});
  t.equal(reveal.statusCode, 422);
  t.match(reveal.body, '群众未留联系方式');
});

t.test('a contact without a suggestion or follow-up is not kept, and no reply is promised', async (t) => {
  const { app, db, poll } = await staff(t);
  const res = await postAnswers(app, poll, completeAnswers(poll.survey), { reply_contact: NUMBER });
  t.equal(res.statusCode, 200);
  t.equal(count(db, 'receipts'), 0);
  t.equal(count(db, 'responses', 'reply_contact_enc IS NOT NULL'), 0, 'a number nobody will call is not stored');
  t.notOk(res.body.includes(REPLY_PROMISE));
});

t.test('a malformed contact returns the form with every other answer kept', async (t) => {
  const { app, db, poll } = await staff(t);
  for (const typed of ['1381234', '23812345678', '电话号码', '138123456789']) {
    const res = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION }), { reply_contact: typed });
    t.equal(res.statusCode, 422, typed);
    t.match(res.body, '请填写正确的手机号码', 'a Chinese message');
    t.match(fieldset(res.body, poll.suggestionId), SUGGESTION, 'the suggestion is kept');
    t.match(res.body, 'href="#reply_contact"', 'the error links to the field');
    t.match(res.body, / checked>/, 'the choices are kept');
  }
  t.equal(count(db, 'responses'), 0, 'nothing stored');
  for (const typed of ['+86 139 8765 4321', '0731-84561234', '（010）62345678', '１３７１１１１２２２２']) {
    const ok = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION }), { reply_contact: typed });
    t.equal(ok.statusCode, 200, `${typed} is accepted`);
  }
  t.same(db.prepare('SELECT reply_contact_masked FROM responses ORDER BY id').pluck().all(), ['139****4321', '0731-****1234', '010-****5678', '137****2222']);
});

t.test('no export, bulletin or raw CSV carries a contact', async (t) => {
  const { app, poll } = await staff(t);
  for (const n of ['13812345678', '13987654321']) {
    const res = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION }), { reply_contact: n });
    t.equal(res.statusCode, 200);
  }
  const s = await logIn(app, 'committee', PASSWORD);
  const code = poll.round.code;
  for (const url of ['/receipts', `/rounds/${code}/responses.csv`, `/rounds/${code}/bulletin`, `/rounds/${code}/export.csv`, `/api/rounds/${code}/results`, '/audit']) {
    const res = await s.get(url);
    t.equal(res.statusCode, 200, url);
    t.notOk(/13812345678|13987654321|1234\s*5678|8765\s*4321/.test(res.body), `${url}: no contact digits`);
  }
  const xlsx = await s.get(`/rounds/${code}/export.xlsx`);
  t.notOk(/13812345678|13987654321/.test(await xlsxText(xlsx.rawPayload)), 'export.xlsx: no contact digits');
});

t.test('the server log never holds a contact, accepted or malformed', async (t) => {
  const log = logLines();
  const { app, poll } = await pollApp(t, undefined, { logger: log });
  const answers = completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION });
  t.equal((await postAnswers(app, poll, answers, { reply_contact: NUMBER })).statusCode, 200);
  t.equal((await postAnswers(app, poll, answers, { reply_contact: '1398765432' })).statusCode, 422);
  t.match(log.text(), `/g/${poll.gridCode}`, 'the requests are logged');
  t.notOk(/13812345678|1398765432/.test(log.text()), 'their contacts are not');
});
