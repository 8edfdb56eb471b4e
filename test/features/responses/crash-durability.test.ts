// A thank-you page is a promise: the response is on disk. The real server runs in a child process and is killed with
// SIGKILL (no shutdown, no flush) while residents submit concurrently, several times over the same database; after
// each kill every acknowledged submission must be stored.
import t from 'tap';
import { openDatabase } from '../../../server/platform/db.js';
import { newRecord, preparePollFile, startServer, submitUntil, waitFor } from '../../kit/load.js';
import { tempDir } from '../../kit/app.js';

const KILLS = 3;
const CLIENTS = 30;

t.test('SIGKILL during concurrent submissions loses no acknowledged response', async (t) => {
  const dir = tempDir(t, 'crash');
  const { file, poll } = preparePollFile(dir);
  let acknowledged = 0;
  let lost = 0;
  for (let kill = 1; kill <= KILLS; kill++) {
    const server = await startServer(file);
    t.teardown(() => server.child.kill('SIGKILL'));
    const record = newRecord();
    let stop = false;
    const load = submitUntil(server.url, poll, CLIENTS, () => stop, record);
    // Kill while the writer is busy: after some acknowledgements, at a moment that varies with each round.
    await waitFor(() => record.acknowledged.length >= 40 + kill * 17, 20_000);
    server.child.kill('SIGKILL');
    t.equal(await server.exited, 'SIGKILL');
    stop = true;
    await load;

    const db = openDatabase(file);
    const stored = new Set(db.prepare<[], { k: string }>('SELECT submission_key AS k FROM responses').all().map((r) => r.k));
    db.close();
    const missing = record.acknowledged.filter((k) => !stored.has(k));
    acknowledged += record.acknowledged.length;
    lost += missing.length;
    t.ok(record.acknowledged.length > 0, `kill ${kill}: ${record.acknowledged.length} acknowledged, ${record.failed} cut off`);
    t.same(missing, [], `kill ${kill}: every acknowledged submission is stored`);
  }
  t.comment(`SIGKILL durability: ${lost} of ${acknowledged} acknowledged responses lost over ${KILLS} kills`);
  t.equal(lost, 0);
});
