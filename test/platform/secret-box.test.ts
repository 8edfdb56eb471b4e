// Free text with phone or ID-card numbers: stored masked, the original sealed with AES-256-GCM and readable only
// through the repository method for the person handling the receipt.
import t from 'tap';
import { testDb } from '../kit/app.js';
import { preparePoll } from '../kit/resident-poll.js';
import { answersOf, completeAnswers } from '../kit/resident.js';
import { SecretBox, protectFreeText } from '../../server/platform/secret-box.js';
import { withReceipts } from '../../server/features/receipts/core/rules.js';

const SECRET = 'a-server-secret-'.padEnd(40, 'y');

t.test('a sealed text opens with the same secret only, and not once altered', async (t) => {
  const box = new SecretBox(SECRET);
  const sealed = box.seal('请联系我 13812345678');
  t.notMatch(sealed, '13812345678');
  t.not(box.seal('请联系我 13812345678'), sealed, 'a fresh IV every time');
  t.equal(box.open(sealed), '请联系我 13812345678');
  t.equal(new SecretBox(SECRET.replace('y', 'z')).open(sealed), undefined, 'another secret does not open it');
  const parts = sealed.split('.');
  const body = Buffer.from(parts[2], 'base64url');
  body[0] ^= 1;
  t.equal(box.open([parts[0], parts[1], body.toString('base64url'), parts[3]].join('.')), undefined, 'a flipped bit fails');
  t.equal(box.open('not sealed'), undefined);
});

t.test('protectFreeText seals only what masking changed', async (t) => {
  const box = new SecretBox(SECRET);
  t.same(protectFreeText(box, '路灯坏了'), { shown: '路灯坏了', sealed: null });
  const kept = protectFreeText(box, '电话 138-1234-5678');
  t.equal(kept.shown, '电话 138****5678');
  t.equal(kept.sealed === null ? undefined : box.open(kept.sealed), '电话 138-1234-5678');
});

t.test('a suggestion with a phone number is stored masked; the receipt handler can read the original', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const textQ = poll.survey.questions.find((q) => q.type === 'text' && q.receipt);
  if (!textQ) throw new Error('no receipt text question');
  const typed = '楼道灯坏了，请打 138 1234 5678 或身份证110101199003071234找我';
  const answers = answersOf(poll.survey, { ...completeAnswers(poll.survey), [textQ.id]: typed });
  // With the receipts the domain's rules open (the submission service does this for every channel).
  const res = repos.responses.insert(withReceipts({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web' as const, status: 'complete' as const, survey: poll.survey, answers }));
  if (!res.ok) throw new Error('not stored');
  const row = db.prepare<[number], { text_value: string; text_sealed: string }>(
    'SELECT text_value, text_sealed FROM answers WHERE response_id = ? AND option_code IS NULL',
  ).get(res.id);
  t.equal(row?.text_value, '楼道灯坏了，请打 138****5678 或身份证110***********1234找我');
  t.notMatch(row?.text_sealed ?? '', /1381234|19900307/);
  const receipt = db.prepare<[number], { body: string }>('SELECT body FROM receipts WHERE response_id = ?').get(res.id);
  t.equal(receipt?.body, row?.text_value, 'the receipt body is the masked text');
  t.equal(repos.responses.originalText(res.id, textQ.id), typed);
  t.equal(repos.responses.originalText(res.id, 'NO_SUCH'), undefined);
});
