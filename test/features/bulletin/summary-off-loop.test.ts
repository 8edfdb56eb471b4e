// The half-year summary's content computed in the results worker (bulletin-service.ts summaryOffLoop) is the content
// computed on the main thread, field for field, on the demo district; a worker that cannot compute it leaves the
// summary to be computed in place, as before.
import t from 'tap';
import { build } from '../../kit/app.js';
import { summaryFor, summaryOffLoop, summarySeries } from '../../../server/features/bulletin/bulletin-service.js';
import { summaryInWorker } from '../../../server/features/results/live-results.js';
import { demoDatabase } from '../../kit/demo-db.js';


t.test('the worker computes the content the main thread computes, for the district and a township', async (t) => {
  const { repos } = await build(t, { from: await demoDatabase() });
  const end = repos.rounds.list().find((r) => r.period === '2026-10' && r.kind === 'monthly');
  if (!end) throw new Error('the demo has October 2026');
  const series = await summarySeries(repos, end);
  const last = series[series.length - 1];
  const township = Object.values(last.units).find((u) => u.level === 'township');
  if (!township) throw new Error('the demo has townships');
  for (const unit of [last.units[Object.keys(last.units).find((c) => last.units[c].level === 'district') ?? ''], township]) {
    const here = summaryFor(repos, end, series, unit);
    t.ok(here.sections.length > 0, `${unit.name}: the summary has its sections`);
    t.same(await summaryInWorker(repos, end.id, unit.code), here, `${unit.name}: the same content from the worker`);
    t.same(await summaryOffLoop(repos, end, series, unit), here, `${unit.name}: the route's read gives it`);
  }
  // The worker refuses a unit that is not in the round: the read computes in place, as before.
  const stranger = { ...township, code: 'NOT-IN-ROUND' };
  await t.rejects(summaryInWorker(repos, end.id, stranger.code), /not in round/);
  t.same(await summaryOffLoop(repos, end, series, stranger), summaryFor(repos, end, series, stranger), 'computed in place instead');
});
