// The response repository: one response is one transaction with its answers, receipts and invite.
import t from 'tap';
import { testDb } from '../../kit/helper.js';
import { preparePoll } from '../../kit/resident-poll.js';
import { completeAnswers, count } from '../../kit/resident.js';
import type { Answers, Survey } from '../../../server/core/survey/model.js';
import type { NewResponse } from '../../../server/features/responses/responses-repo.js';
import { withReceipts } from '../../../server/features/receipts/core/rules.js';

function answersOf(survey: Survey, plain: Record<string, string | string[]>): Answers {
  const out: Answers = {};
  for (const [id, v] of Object.entries(plain)) {
    const q = [...survey.screening, ...survey.questions].find((x) => x.id === id);
    out[id] = q?.type === 'text' ? { kind: 'text', text: String(v) } : { kind: 'choice', codes: Array.isArray(v) ? v : [v] };
  }
  return out;
}

t.test('a response stores one answer row per chosen option, as chosen', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const plain = completeAnswers(poll.survey);
  const res = repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'phone', status: 'complete', survey: poll.survey, answers: answersOf(poll.survey, plain) });
  if (!res.ok) throw new Error('not stored');
  t.equal(count(db, 'answers', `response_id = ${res.id}`), Object.values(plain).flat().length);
  const scored = poll.survey.questions.find((q) => q.options.some((o) => o.score !== undefined) && !q.showIf);
  if (!scored) throw new Error('no scored question');
  const code = String(plain[scored.id]);
  // Scores are the questionnaire's (migration 005 dropped the copies): the answer row keeps what was chosen.
  const row = db.prepare<[string], { response_id: number; option_code: string | null; text_value: string | null }>(
    'SELECT response_id, option_code, text_value FROM answers WHERE question_id = ?',
  ).get(scored.id);
  t.same(row, { response_id: res.id, option_code: code, text_value: null });
});

t.test('a don\'t-know answer is stored as chosen (it scores nothing in the results)', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const q = poll.survey.questions.find((x) => !x.showIf && x.options.some((o) => o.excluded));
  const dontKnow = q?.options.find((o) => o.excluded);
  if (!q || !dontKnow) throw new Error('no excluded option');
  const plain = completeAnswers(poll.survey, { [q.id]: dontKnow.code });
  repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers: answersOf(poll.survey, plain) });
  const row = db.prepare<[string], { option_code: string | null }>('SELECT option_code FROM answers WHERE question_id = ?').get(q.id);
  t.same(row, { option_code: dontKnow.code });
});

t.test('duplicates are named, and insertMany is all or nothing', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const base: NewResponse = {
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey,
    answers: answersOf(poll.survey, completeAnswers(poll.survey)),
  };
  t.match(repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k1' }), { ok: true });
  t.same(repos.responses.insert({ ...base, deviceHash: 'd2', submissionKey: 'k1' }), { ok: false, duplicate: 'submission' });
  t.same(repos.responses.insert({ ...base, deviceHash: 'd1', submissionKey: 'k2' }), { ok: false, duplicate: 'device' });
  const [token] = repos.invites.create(poll.round.id, poll.gridId, 1);
  const check = repos.invites.check(token);
  if (check.status !== 'valid') throw new Error('invite not valid');
  t.match(repos.responses.insert({ ...base, inviteId: check.invite.id }), { ok: true });
  t.same(repos.responses.insert({ ...base, inviteId: check.invite.id }), { ok: false, duplicate: 'invite' });
  t.equal(repos.invites.check(token).status, 'used');
  t.equal(count(db, 'responses'), 2);

  t.throws(() => repos.responses.insertMany([{ ...base, submissionKey: 'k3' }, { ...base, submissionKey: 'k1' }]));
  t.equal(count(db, 'responses'), 2, 'the batch with a duplicate stored nothing');
  t.equal(repos.responses.insertMany([base, base, { ...base, status: 'screened_out', answers: {} }]).length, 3);
  t.same(repos.responses.countByGrid(poll.round.id).get(poll.gridId), { complete: 4, screenedOut: 1 });
});

t.test('receipts: listed per round and grid, counted by state, answered', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const plain = completeAnswers(poll.survey, { [poll.suggestionId]: '小区门口路灯坏了' });
  const answers = answersOf(poll.survey, plain);
  // The repository stores the receipts it is given; the domain's rules decide which (test/features/receipts/core/).
  const res = repos.responses.insert(withReceipts({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers }));
  if (!res.ok) throw new Error('not stored');
  const list = repos.receipts.listForRound(poll.round.id);
  t.equal(list.length, 1);
  t.match(list[0], { source: 'suggestion', body: '小区门口路灯坏了', state: 'open', responseId: res.id, gridId: poll.gridId });
  t.same(repos.receipts.listForRound(poll.round.id, [poll.gridId + 1000]), [], 'outside the given grids nothing is listed');
  const answered = repos.receipts.answer(list[0].id, { action: '已修复', text: '已修复', method: 'phone' }, { at: '2025-03-20T08:00:00.000Z' });
  t.match(answered, { state: 'answered', answerText: '已修复', answeredAt: '2025-03-20T08:00:00.000Z' });
  t.same(repos.receipts.countsByGrid(poll.round.id).get(poll.gridId), { total: 1, open: 0, assigned: 0, answered: 1, closed: 0, dismissed: 0 });
  t.equal(repos.receipts.answer(999999, { action: 'x', text: 'x', method: 'phone' }), undefined);
});

t.test('invites store only hashes and refuse what is not a token', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const tokens = repos.invites.create(poll.round.id, poll.gridId, 3);
  t.equal(new Set(tokens).size, 3);
  for (const token of tokens) t.equal(count(db, 'invites', `token_hash = '${token}'`), 0);
  t.equal(repos.invites.check(tokens[0]).status, 'valid');
  t.equal(repos.invites.check('x').status, 'unknown');
  const altered = tokens[0].slice(0, -1) + (tokens[0].endsWith('A') ? 'B' : 'A');
  t.equal(repos.invites.check(altered).status, 'unknown', 'a token with one character changed');
});
