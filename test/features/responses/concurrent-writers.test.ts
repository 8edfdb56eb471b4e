// The server and the command line write the same database at once. The real server runs in a child process while
// residents submit concurrently; the CLI, in this process, closes the round (the freeze must hold exactly the
// acknowledged responses, and nothing is stored after it) or writes a big simulation and closes another round (no
// submission may fail with a 5xx: every write transaction takes the lock up front and waits for it).
import t from 'tap';
import { runCli } from '../../../server/cli/main.js';
import { openDatabase } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import { count5xx, newRecord, preparePollFile, startServer, submitUntil, waitFor } from '../../kit/load.js';
import { tempDir, type Teardown } from '../../kit/app.js';
import { createRound, openRoundById } from '../../../server/features/rounds/rounds-service.js';

const CLIENTS = 30;

function workspace(t: Teardown) {
  const dir = tempDir(t, 'writers');
  return preparePollFile(dir);
}

async function cli(file: string, ...argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await runCli(argv, { out: () => {}, err: (s) => err.push(s) }, { SAFEPOLL_DB: file });
  return { code, err: err.join('\n') };
}

const statusLine = (statuses: Map<number, number>) => [...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');

t.test('a close from the CLI during submissions freezes exactly the acknowledged responses', async (t) => {
  const { file, poll } = workspace(t);
  const server = await startServer(file);
  t.teardown(() => server.child.kill('SIGKILL'));
  const record = newRecord();
  let stop = false;
  const load = submitUntil(server.url, poll, CLIENTS, () => stop, record);
  await waitFor(() => record.acknowledged.length >= 60, 20_000);
  const closed = await cli(file, 'rounds', 'close', poll.round.code);
  t.equal(closed.code, 0, closed.err);
  // Residents keep posting the forms they hold: each is refused once the close committed.
  await new Promise((r) => setTimeout(r, 400));
  stop = true;
  await load;
  server.child.kill('SIGTERM');
  await server.exited;

  const db = openDatabase(file);
  t.teardown(() => db.close());
  const repos = createRepos(db);
  const stored = db.prepare<[], { k: string }>("SELECT submission_key AS k FROM responses WHERE status = 'complete'").all().map((r) => r.k);
  const round = repos.rounds.getById(poll.round.id);
  if (!round) throw new Error('round missing');
  const frozen = Object.values(getRoundResults(repos, round).units).find((u) => u.unitId === poll.gridId)?.n;
  t.comment(`close under load: ${record.acknowledged.length} acknowledged, ${stored.length} stored, frozen n = ${frozen}; replies ${statusLine(record.statuses)}`);
  t.same(new Set(stored), new Set(record.acknowledged), 'stored = acknowledged: nothing stored after the close');
  t.equal(frozen, record.acknowledged.length, 'the frozen results count every acknowledged response');
  const closing = JSON.parse(repos.audit.byAction('round.close', 1)[0]?.detail ?? '{}') as { complete?: number };
  t.equal(closing.complete, frozen, "the close's audit entry counts what the frozen results count");
  t.ok((record.statuses.get(409) ?? 0) > 0, 'submissions after the close were refused (409)');
  t.equal(count5xx(record), 0, 'no 5xx');
});

t.test('a big CLI write and a close of another round during submissions give no 5xx', async (t) => {
  const { file, poll } = workspace(t);
  const setup = openDatabase(file);
  const repos = createRepos(setup);
  const township = repos.units.getByCode('T-D02');
  if (!township) throw new Error('fixture township missing');
  const other = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-04', unitIds: [township.id] });
  openRoundById(repos, other.id);
  setup.close();

  const server = await startServer(file);
  t.teardown(() => server.child.kill('SIGKILL'));
  const record = newRecord();
  let stop = false;
  const load = submitUntil(server.url, poll, CLIENTS, () => stop, record);
  await waitFor(() => record.acknowledged.length >= 30, 20_000);
  const simulated = await cli(file, 'simulate', other.code, '--n', '3000', '--seed', '7');
  t.equal(simulated.code, 0, simulated.err);
  const ackedMidway = record.acknowledged.length;
  await waitFor(() => record.acknowledged.length >= ackedMidway + 30, 20_000);
  const closed = await cli(file, 'rounds', 'close', other.code);
  t.equal(closed.code, 0, closed.err);
  await new Promise((r) => setTimeout(r, 300));
  stop = true;
  await load;
  server.child.kill('SIGTERM');
  await server.exited;

  t.comment(`CLI writes under load: ${record.acknowledged.length} acknowledged; replies ${statusLine(record.statuses)}; ${record.failed} without reply`);
  t.equal(count5xx(record), 0, 'no 5xx while the CLI wrote');
  t.equal(record.failed, 0, 'every request was answered');
  const db = openDatabase(file);
  t.teardown(() => db.close());
  const stored = new Set(db.prepare<[], { k: string }>('SELECT submission_key AS k FROM responses WHERE submission_key IS NOT NULL').all().map((r) => r.k));
  t.same(record.acknowledged.filter((k) => !stored.has(k)), [], 'every acknowledged submission is stored');
});
