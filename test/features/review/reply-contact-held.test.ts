// A held response keeps the number its resident left for a reply, sealed, until it is decided: an accepted one
// becomes a response whose receipts can be answered back.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { preparePoll } from '../../kit/resident-poll.js';
import { answersOf, completeAnswers } from '../../kit/resident.js';
import { acceptHeld } from '../../../server/features/review/review-service.js';
import type { NewResponse } from '../../../server/features/responses/responses-repo.js';
import { readReplyContact } from '../../../server/core/privacy/reply-contact.js';

t.test('a held response keeps its contact sealed and passes it on when accepted', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const answers = answersOf(poll.survey, completeAnswers(poll.survey, { [poll.suggestionId]: '路灯坏了' }));
  const read = readReplyContact('0731 8456 1234');
  if (read.kind !== 'given') throw new Error('a landline with its area code is a contact');
  const base: NewResponse = { roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers };
  repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k1', hold: ['pattern'], replyContact: read.contact });
  const held = db.prepare<[], { enc: string; masked: string }>('SELECT reply_contact_enc AS enc, reply_contact_masked AS masked FROM held_responses').get();
  t.equal(held?.masked, '0731-****1234');
  t.notOk(held?.enc.includes('84561234'), 'sealed while held');

  const [item] = repos.review.list(poll.round.id, 'held');
  const user = repos.users.create({ username: 'c', displayName: '委', password: 'password 1234', role: 'committee', unitId: null });
  t.same(acceptHeld(repos, db, item.id, poll.round, user.id, poll.survey), { ok: true });
  const response = db.prepare<[], { id: number }>('SELECT id FROM responses').get();
  const stored = repos.responses.replyContact(response?.id ?? 0);
  t.equal(stored?.masked, '0731-****1234', 'the accepted response carries the masked copy');
  t.equal(stored && repos.responses.openReplyContact(stored), '0731-84561234', 'and the sealed number opens');
});

t.test('reading a contact: mobiles and landlines in the ways residents type them', async (t) => {
  const digits = (raw: string) => {
    const r = readReplyContact(raw);
    return r.kind === 'given' ? r.contact.digits : r.kind;
  };
  t.equal(digits(''), 'none');
  t.equal(digits('   '), 'none');
  t.equal(digits('0086 138 1234 5678'), '13812345678');
  t.equal(digits('+86-13812345678'), '13812345678');
  t.equal(digits('021-52345678'), '021-52345678');
  t.equal(digits('0755 2345678'), '0755-2345678');
  t.equal(digits('021-12345678'), 'invalid', 'no local number starts with 1');
  t.equal(digits('12345678'), 'invalid', 'a landline without its area code cannot be called from elsewhere');
  t.equal(digits('12812345678'), 'invalid', 'no mobile starts with 12');
  t.equal(digits('1381234567８9'), 'invalid');
  t.equal(digits('138 1234 5678 转 8'), 'invalid');
});
