// The build pool's limit covers the wait for a free worker as well as the build (platform/build-pool.ts): a download
// that queues behind busy workers is told to try again when the limit is reached, not built after it; and when as
// many wait as the pool allows, the next is told at once that it is busy. The pool's one worker is held by the test
// itself, so nothing slow is built and the test waits only the short limit it sets.
import t from 'tap';
import { createBuildPool } from '../../server/platform/build-pool.js';
import { WorkerPool } from '../../server/platform/worker-pool.js';
import type { BuildJob } from '../../server/outputs/build-jobs.js';

const PNG: BuildJob = { kind: 'png', svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', widthPx: 10 };
const LIMIT_SECONDS = 0.3;

type Refusal = { statusCode?: number; code?: string; message: string };
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Refusal);

t.test('a download waiting for a worker: refused at the limit counted from its arrival; a full queue refused at once', async (t) => {
  const workers = new WorkerPool({ url: new URL('../../server/platform/build-worker.js', import.meta.url), max: 1, heapMb: 256, idleMs: 1000, maxWaiting: 1 });
  const pool = createBuildPool({ max: 1, maxWaiting: 1, seconds: LIMIT_SECONDS, pool: workers });
  const held = await workers.take();

  const started = Date.now();
  const waiting = refusal(pool.build(PNG));
  t.equal(pool.queued, 1, 'the first download waits for the busy worker');
  const crowded = await refusal(pool.build(PNG));
  t.ok(Date.now() - started < 100, 'the next one is answered at once');
  t.equal(crowded?.statusCode, 503);
  t.equal(crowded?.code, 'SP_BUILD_BUSY');
  t.equal(crowded?.message, '正在生成的文件太多，请稍后再试');

  const late = await waiting;
  const waited = Date.now() - started;
  t.equal(late?.statusCode, 503);
  t.equal(late?.message, `文件生成超时（超过 ${LIMIT_SECONDS} 秒），请稍后再试`);
  t.ok(waited >= LIMIT_SECONDS * 1000 - 20 && waited < LIMIT_SECONDS * 1000 + 500, `refused after ${waited} ms in the queue, at the limit`);
  t.equal(pool.queued, 0, 'and it left the queue');

  workers.release(held);
  const png = await pool.build(PNG);
  t.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'with the worker free, the next download is built');
});
