// The group-commit writer of web submissions: many submissions, one transaction, each answered on its own, and never
// before the transaction committed.
import t from 'tap';
import { join } from 'node:path';
import { openDatabase } from '../../../server/platform/db.js';
import { ResponseWriter, WriterClosedError } from '../../../server/features/responses/response-writer.js';
import { build, testDb } from '../../kit/app.js';
import { preparePoll } from '../../kit/resident-poll.js';
import { writerFixture } from '../../kit/writer.js';
import { answersOf, count } from '../../kit/resident.js';

/** A writer on a fresh poll, and a way to make distinct valid web responses for it. */
function setup(t: Parameters<typeof testDb>[0]) {
  const fixture = writerFixture(t);
  const writer = new ResponseWriter(fixture.db, fixture.repos.responses);
  t.teardown(() => writer.close());
  return { ...fixture, writer };
}

/** A second connection to the same file: what another process would see. */
function otherConnection(t: Parameters<typeof testDb>[0], dir: string) {
  const other = openDatabase(join(dir, 'test.db'));
  t.teardown(() => other.close());
  return other;
}

t.test('submissions of one turn are stored together, each answered with its own id', async (t) => {
  const { db, writer, response } = setup(t);
  const results = await Promise.all(Array.from({ length: 25 }, (_, i) => writer.write(response(`key-${i}`))));
  t.equal(results.filter((r) => r.ok).length, 25);
  t.equal(new Set(results.map((r) => (r.ok ? r.id : 0))).size, 25, 'every submission has its own response');
  t.equal(count(db, 'responses'), 25);
});

t.test('the same form twice in one batch (a double click) stores one response', async (t) => {
  const { db, writer, response } = setup(t);
  const [first, second, other] = await Promise.all([
    writer.write(response('same-key')),
    writer.write(response('same-key', { deviceHash: 'another-device' })),
    writer.write(response('other-key')),
  ]);
  t.match(first, { ok: true });
  t.same(second, { ok: false, duplicate: 'submission' });
  t.match(other, { ok: true });
  t.equal(count(db, 'responses'), 2);
});

t.test('a failing submission fails alone: the others of its batch are stored', async (t) => {
  const { db, writer, response } = setup(t);
  const broken = response('broken', { answers: { NO_SUCH_QUESTION: { kind: 'choice', codes: ['1'] } } });
  const outcomes = await Promise.allSettled([writer.write(response('a')), writer.write(broken), writer.write(response('b'))]);
  t.same(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
  t.equal(count(db, 'responses'), 2);
  t.equal(count(db, 'responses', "submission_key = 'broken'"), 0, 'nothing of the failed one is left');
});

t.test('a transaction lost as a whole fails every submission of the batch and stores none', async (t) => {
  const { db, writer, response } = setup(t);
  // RAISE(ROLLBACK) ends the whole transaction, as a full disk or an I/O error would.
  db.exec("CREATE TRIGGER lose BEFORE INSERT ON responses WHEN NEW.submission_key = 'fatal' BEGIN SELECT RAISE(ROLLBACK, 'lost'); END");
  const outcomes = await Promise.allSettled([writer.write(response('a')), writer.write(response('fatal')), writer.write(response('b'))]);
  t.same(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected']);
  t.equal(count(db, 'responses'), 0);
  db.exec('DROP TRIGGER lose');
  t.match(await writer.write(response('c')), { ok: true }, 'the next batch is written normally');
});

t.test('a submission is answered only once it is committed: another connection sees it by then', async (t) => {
  const { dir, writer, response } = setup(t);
  const other = otherConnection(t, dir);
  const visible = () => other.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n ?? 0;
  const pending = writer.write(response('durable'));
  t.equal(visible(), 0, 'nothing is written before the batch');
  const result = await pending;
  t.match(result, { ok: true });
  t.equal(visible(), 1);
});

t.test('closing writes what is pending, then refuses new submissions', async (t) => {
  const { dir, writer, response } = setup(t);
  const pending = writer.write(response('last'));
  writer.close();
  const other = otherConnection(t, dir);
  t.equal(other.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n, 1, 'written by close()');
  t.match(await pending, { ok: true });
  await t.rejects(writer.write(response('too-late')), WriterClosedError);
});

t.test('closing the app writes the submissions still pending', async (t) => {
  let poll: ReturnType<typeof preparePoll> | undefined;
  const { app, dir } = await build(t, { seed: (repos, db) => {
    poll = preparePoll(repos, db);
  } });
  if (!poll) throw new Error('fixture not prepared');
  const pending = app.responseWriter.write({
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey,
    answers: answersOf(poll.survey), submissionKey: 'at-shutdown',
  });
  await app.close();
  const other = otherConnection(t, dir);
  t.equal(other.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n, 1);
  t.match(await pending, { ok: true });
});
