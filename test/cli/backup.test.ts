// safepoll backup FILE: a consistent copy taken while another connection keeps writing responses, that opens and
// holds exactly the responses (with all their answers) committed before it, row for row.
import t from 'tap';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliKit } from '../kit/cli.js';
import { openDatabase } from '../../server/platform/db.js';
import { createRepos } from '../../server/platform/repos.js';
import { preparePoll } from '../kit/resident-poll.js';
import { answersOf } from '../kit/resident.js';

type Row = Record<string, unknown>;

function dump(db: Database.Database, sql: string): Row[] {
  return db.prepare<[], Row>(sql).all();
}

t.test('a backup during writes from another connection is a consistent copy', async (t) => {
  const kit = cliKit(t);
  const db = openDatabase(kit.dbPath);
  t.teardown(() => db.close());
  const repos = createRepos(db);
  const poll = preparePoll(repos, db);
  const answers = answersOf(poll.survey);
  const write = () => repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers });
  for (let i = 0; i < 300; i++) write();

  let done = false;
  let during = 0;
  const target = join(kit.dir, 'copy.db');
  const backup = kit.run('backup', target).finally(() => { done = true; });
  while (!done) {
    write();
    during += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const run = await backup;
  t.equal(run.code, 0, run.err);
  t.match(run.out, `已备份到 ${target}`);
  t.match(run.out, /\d+ 份答卷/);
  t.ok(during > 0, `${during} responses written while the backup ran`);

  const copy = new Database(target, { readonly: true });
  t.teardown(() => copy.close());
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  const copied = dump(copy, 'SELECT * FROM responses ORDER BY id');
  const source = dump(db, 'SELECT * FROM responses ORDER BY id');
  t.ok(copied.length >= 300 && copied.length <= source.length, `copy has ${copied.length} of ${source.length} responses`);
  t.same(copied, source.slice(0, copied.length), 'the copy is a prefix of the source, row for row');
  const lastId = Number(copied.at(-1)?.id);
  t.same(
    dump(copy, 'SELECT * FROM answers ORDER BY rowid'),
    dump(db, `SELECT * FROM answers WHERE response_id <= ${lastId} ORDER BY rowid`),
    'every copied response has all its answers and no answer is without its response',
  );
  t.same(dump(copy, 'SELECT * FROM units ORDER BY id'), dump(db, 'SELECT * FROM units ORDER BY id'));
  t.same(readdirSync(kit.dir).filter((f) => f.startsWith('copy.db')), ['copy.db'], 'one self-contained file, nothing partial left');
});

t.test('a backup never overwrites an existing file', async (t) => {
  const kit = cliKit(t);
  const target = join(kit.dir, 'existing.db');
  writeFileSync(target, 'an older backup');
  const run = await kit.run('backup', target);
  t.equal(run.code, 1);
  t.match(run.err, '已存在');
  t.equal(existsSync(`${target}.partial-${process.pid}`), false);
  const missingDir = await kit.run('backup', join(kit.dir, 'no-such-dir', 'x.db'));
  t.equal(missingDir.code, 1);
  t.match(missingDir.err, '不存在');
  const itself = await kit.run('backup', kit.dbPath);
  t.equal(itself.code, 1);
});

t.test('a restored backup serves the same data', async (t) => {
  const kit = cliKit(t);
  const db = openDatabase(kit.dbPath);
  const repos = createRepos(db);
  const poll = preparePoll(repos, db);
  const answers = answersOf(poll.survey);
  for (let i = 0; i < 20; i++) repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers });
  const counts = repos.responses.countByGrid(poll.round.id);
  db.close();
  const target = join(kit.dir, 'restore-me.db');
  t.equal((await kit.run('backup', target)).code, 0);
  const restored = openDatabase(target);
  t.teardown(() => restored.close());
  t.same(createRepos(restored).responses.countByGrid(poll.round.id), counts);
});
