// Held responses in storage: they stand for their device and form like stored ones, open nothing, and an accepted
// one becomes a response with its original time.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { preparePoll } from '../../kit/resident-poll.js';
import { answersOf, completeAnswers } from '../../kit/resident.js';
import { acceptHeld } from '../../../server/features/review/review-service.js';
import type { NewResponse } from '../../../server/features/responses/responses-repo.js';


t.test('a held response is kept apart, blocks its device and key, and is stored as it was when accepted', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const other = db
    .prepare("INSERT INTO units (code, name, parent_id, level) VALUES ('T-D01-01-02', '二网格', (SELECT id FROM units WHERE code = 'T-D01-01'), 'grid')")
    .run();
  const base: NewResponse = {
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey,
    answers: answersOf(poll.survey, completeAnswers(poll.survey, { [poll.suggestionId]: '多巡逻' })),
    createdAt: '2025-03-05T08:30:00.000Z',
  };
  const held = repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k1', hold: ['network'] });
  t.match(held, { ok: true, held: true });
  const count = (table: string) => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n;
  t.equal(count('responses'), 0, 'not a counted response');
  t.equal(count('receipts'), 0, 'opens no receipt while held');
  t.same(repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k2' }), { ok: false, duplicate: 'device' });
  t.same(repos.responses.insert({ ...base, deviceHash: 'd2', submissionKey: 'k1' }), { ok: false, duplicate: 'submission' });
  t.same(
    repos.responses.insert({ ...base, gridId: Number(other.lastInsertRowid), deviceHash: 'd1', submissionKey: 'k3' }),
    { ok: false, duplicate: 'device' },
    'the device cannot answer in another grid of the round either',
  );
  t.same(repos.review.hourlyArrivals(poll.round.id), [{ gridId: poll.gridId, hour: Math.floor(Date.parse(base.createdAt ?? '') / 3_600_000), n: 1 }]);

  const [item] = repos.review.list(poll.round.id, 'held');
  t.same(item.reasons, ['network']);
  const user = repos.users.create({ username: 'c', displayName: '委', password: 'password 1234', role: 'committee', unitId: null });
  t.same(acceptHeld(repos, db, item.id, poll.round, user.id, poll.survey), { ok: true });
  t.same(acceptHeld(repos, db, item.id, poll.round, user.id, poll.survey), { ok: false, problem: '该答卷已被他人处理，请刷新页面' });
  const row = db.prepare<[], { created_at: string; device_hash: string; submission_key: string }>('SELECT created_at, device_hash, submission_key FROM responses').get();
  t.same(row, { created_at: base.createdAt, device_hash: 'd1', submission_key: 'k1' }, 'stored with its own time, device and key');
  t.equal(count('receipts'), 1, 'its suggestion opens a receipt once accepted');
  t.same(repos.review.counts(poll.round.id), { held: 0, accepted: 1, rejected: 0 });
  t.same(repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k4' }), { ok: false, duplicate: 'device' }, 'still one per device');
});

t.test('a phone number typed into a held response is masked at rest and on review, kept sealed for acceptance', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const typed = '路灯坏了，请打13812345678找我';
  const base: NewResponse = {
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey,
    answers: answersOf(poll.survey, completeAnswers(poll.survey, { [poll.suggestionId]: typed })),
  };
  repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k1', hold: ['pattern'] });
  const stored = db.prepare<[], { answers: string; answers_sealed: string | null }>('SELECT answers, answers_sealed FROM held_responses').get();
  t.notOk(stored?.answers.includes('13812345678'), 'not in clear in the table');
  t.notOk(stored?.answers_sealed?.includes('13812345678'), 'nor in the sealed copy');
  const [item] = repos.review.list(poll.round.id, 'held');
  const shown = item.answers[poll.suggestionId];
  t.ok(shown.kind === 'text' && !shown.text.includes('13812345678') && shown.text.startsWith('路灯坏了'), 'the review shows it masked');

  const user = repos.users.create({ username: 'c', displayName: '委', password: 'password 1234', role: 'committee', unitId: null });
  t.same(acceptHeld(repos, db, item.id, poll.round, user.id, poll.survey), { ok: true });
  const response = db.prepare<[], { id: number }>('SELECT id FROM responses').get();
  t.equal(repos.responses.originalText(response?.id ?? 0, poll.suggestionId), typed, 'accepted as typed, for the receipt handler');
  const text = db.prepare<[string], { text_value: string }>('SELECT text_value FROM answers WHERE question_id = ?').get(poll.suggestionId);
  t.notOk(text?.text_value.includes('13812345678'), 'and masked in the answers like any response');
});
