// The response writer's own thread (platform/writer-thread.ts): what the server's writer does, done on another thread
// with another connection — each submission answered with its own result once committed, anomaly review judged as
// responses are stored, free text sealed with the server's own secret, and nothing lost when the app closes.
import t from 'tap';
import { join } from 'node:path';
import { openDatabase } from '../../server/platform/db.js';
import { WriterThread } from '../../server/platform/writer-thread.js';
import { WriterClosedError } from '../../server/features/responses/response-writer.js';
import { DEFAULT_INTEGRITY_SETTINGS } from '../../server/features/review/core/settings.js';
import type { Answers } from '../../server/core/survey/model.js';
import { createRepos } from '../../server/platform/repos.js';
import { build, testDb } from '../kit/app.js';
import { preparePoll } from '../kit/resident-poll.js';
import { writerFixture } from '../kit/writer.js';
import { answersOf, count } from '../kit/resident.js';
import { closeRoundById } from '../../server/features/rounds/rounds-service.js';

const SECRET = 'writer-thread-test-secret'.padEnd(40, 'x');

function setup(t: Parameters<typeof testDb>[0]) {
  const fixture = writerFixture(t);
  const writer = new WriterThread(join(fixture.dir, 'test.db'), SECRET);
  t.teardown(() => writer.close());
  return { ...fixture, writer };
}

t.test('submissions are stored on the thread, each answered with its own id once another connection sees it', async (t) => {
  const { db, writer, response } = setup(t);
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.write(response(`key-${i}`))));
  t.equal(results.filter((r) => r.ok).length, 40);
  t.equal(new Set(results.map((r) => (r.ok ? r.id : 0))).size, 40, 'every submission has its own response');
  t.equal(count(db, 'responses'), 40, 'committed before the promises settled');
  t.equal(count(db, 'answers', `response_id = ${results[0].ok ? results[0].id : 0}`), Object.keys(response('x').answers).length);
});

t.test('duplicates and refusals come back as the writer on the server thread gives them', async (t) => {
  const { db, repos, poll, writer, response } = setup(t);
  const [first, again] = await Promise.all([writer.write(response('same')), writer.write(response('same', { deviceHash: 'other' }))]);
  t.match(first, { ok: true });
  t.same(again, { ok: false, duplicate: 'submission' });
  const sameDevice = await writer.write(response('new-key', { deviceHash: 'device-same' }));
  t.same(sameDevice, { ok: false, duplicate: 'device' });
  closeRoundById(repos, poll.round.id);
  const late = await writer.write(response('after-close'));
  t.match(late, { ok: false, refused: { reason: 'round_closed' } }, 'the close committed on the server connection is seen');
  t.equal(count(db, 'responses'), 1);
});

t.test('a response the database refuses fails alone, with its SQLite code', async (t) => {
  const { db, writer, response } = setup(t);
  db.exec("CREATE TRIGGER refuse BEFORE INSERT ON responses WHEN NEW.submission_key = 'bad' BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
  const outcomes = await Promise.allSettled([writer.write(response('a')), writer.write(response('bad')), writer.write(response('b'))]);
  t.same(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
  const failed = outcomes[1];
  t.match(failed.status === 'rejected' ? failed.reason : undefined, { message: 'refused by test', code: 'SQLITE_CONSTRAINT_TRIGGER' });
  t.equal(count(db, 'responses'), 2);
});

t.test('web arrivals are judged on the thread with the settings staff saved on the server connection', async (t) => {
  const { db, repos, poll, writer, response } = setup(t);
  repos.review.saveSettings(poll.round.id, poll.round.code, { ...DEFAULT_INTEGRITY_SETTINGS, networkMaxPerGridHour: 2 }, null);
  const from = (key: string, address: string) => writer.write(response(key, { address }));
  const results = [await from('n1', '203.0.113.7'), await from('n2', '203.0.113.7'), await from('n3', '203.0.113.7'), await from('n4', '198.51.100.1')];
  t.same(results.map((r) => r.ok && r.held === true), [false, false, true, false], 'the third from one network is held');
  t.equal(count(db, 'held_responses'), 1);
  t.equal(count(db, 'responses'), 3);
  repos.review.saveSettings(poll.round.id, poll.round.code, { ...DEFAULT_INTEGRITY_SETTINGS, networkMaxPerGridHour: 100 }, null);
  t.match(await from('n5', '203.0.113.7'), { ok: true, held: undefined }, 'raised thresholds apply to the next arrival');
  const refused = await from('n5', '203.0.113.7');
  t.same(refused, { ok: false, duplicate: 'submission' }, 'a duplicate is not an arrival of its own');
});

t.test('free text is sealed with the server secret, so the server opens what the thread stored', async (t) => {
  const { dir, poll, writer, response } = setup(t);
  const answers: Answers = { ...response('x').answers, [poll.suggestionId]: { kind: 'text', text: '路灯坏了，请联系13812345678' } };
  const stored = await writer.write(response('sealed', { answers }));
  if (!stored.ok) throw new Error('not stored');
  const server = openDatabase(join(dir, 'test.db'));
  t.teardown(() => server.close());
  const repos = createRepos(server, { secret: SECRET });
  t.equal(repos.responses.originalText(stored.id, poll.suggestionId), '路灯坏了，请联系13812345678');
  const masked = server.prepare<[number, string], { text_value: string }>('SELECT text_value FROM answers WHERE response_id = ? AND question_id = ?').get(stored.id, poll.suggestionId);
  t.notMatch(masked?.text_value ?? '', /13812345678/, 'the stored text is masked');
});

t.test('closing writes what is queued, then refuses new submissions', async (t) => {
  const { db, writer, response } = setup(t);
  const pending = [writer.write(response('last-1')), writer.write(response('last-2'))];
  await writer.close();
  t.equal(count(db, 'responses'), 2, 'written before close() resolved');
  t.match(await Promise.all(pending), [{ ok: true }, { ok: true }]);
  await t.rejects(writer.write(response('too-late')), WriterClosedError);
});

t.test('a thread that stops fails only what it held, and the next submission starts a new one', async (t) => {
  const { db, writer, response } = setup(t);
  t.match(await writer.write(response('before')), { ok: true });
  const running = (writer as unknown as { worker: { terminate(): Promise<number> } | undefined }).worker;
  if (!running) throw new Error('no thread');
  await running.terminate();
  t.match(await writer.write(response('after')), { ok: true }, 'a new thread took over');
  t.equal(count(db, 'responses'), 2);
});

t.test('the app writes resident submissions on the thread and leaves none behind when it closes', async (t) => {
  let poll: ReturnType<typeof preparePoll> | undefined;
  const { app, dir } = await build(t, { seed: (repos, db) => {
    poll = preparePoll(repos, db);
  } });
  if (!poll) throw new Error('fixture not prepared');
  t.type(app.responseWriter, WriterThread, 'a database file is written on its own thread');
  const pending = app.responseWriter.write({
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey,
    answers: answersOf(poll.survey), submissionKey: 'at-shutdown',
  });
  await app.close();
  const other = openDatabase(join(dir, 'test.db'));
  t.teardown(() => other.close());
  t.equal(other.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n, 1);
  t.match(await pending, { ok: true });
});
