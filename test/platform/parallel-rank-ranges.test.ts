// Rank ranges shared out over two threads (platform/parallel-rank-ranges.ts RankRangeHelper) are the ranges the one-after-another
// computation gives, range for range: each ranking is simulated with its own seeded draws whichever thread runs it.
import t from 'tap';
import { RankRangeHelper, helperRankings } from '../../server/platform/parallel-rank-ranges.js';
import { sequentialRankRanges, type RankEntry } from '../../server/core/stats/rank-range.js';
import { mulberry32 } from '../../server/core/stats/rng.js';

/** Each ranking's ranges from a helper started for the call, as the results computation uses one. */
function parallelRankRanges<K>(jobs: Array<Array<RankEntry<K>>>) {
  const helper = new RankRangeHelper();
  try {
    return helper.runner(jobs);
  } finally {
    helper.close();
  }
}

/** A ranking of `n` units with scores spread over 20 points and SEs of 1–6 points, ranked by score. */
function ranking(n: number, seed: number, prefix: string): Array<RankEntry<string>> {
  const random = mulberry32(seed);
  const units = Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 70 + 20 * random(), se: i % 7 === 0 ? null : 1 + 5 * random() }));
  const sorted = [...units].sort((a, b) => b.value - a.value);
  return units.map((u) => ({ ...u, rank: 1 + sorted.filter((v) => v.value > u.value).length }));
}

t.test('two threads give the ranges one thread gives, for every ranking and unit', async (t) => {
  // 1,450 units in all (over the threshold): the two largest go to different threads.
  const jobs = [ranking(600, 1, 'g'), ranking(500, 2, 's'), ranking(300, 3, 'v'), ranking(40, 4, 't'), ranking(10, 5, 'd')];
  const before = helperRankings.count;
  const parallel = parallelRankRanges(jobs);
  t.ok(helperRankings.count > before, 'the helper thread simulated some of the rankings');
  const sequential = sequentialRankRanges(jobs);
  t.equal(parallel.length, jobs.length, 'one result per ranking, in order');
  jobs.forEach((job, i) => {
    t.equal(parallel[i].size, job.length, `ranking ${i}: a range for every unit`);
    t.same([...parallel[i]], [...sequential[i]], `ranking ${i}: the same ranges`);
  });
  const [lo, hi] = parallel[0].get('g0') ?? [0, 0];
  t.ok(lo >= 1 && lo <= hi && hi <= 600, `a range inside 1–600 (${lo}–${hi})`);
});

t.test('small work stays on this thread, with the same ranges', async (t) => {
  const jobs = [ranking(30, 6, 'a'), ranking(20, 7, 'b')];
  const before = helperRankings.count;
  t.same(parallelRankRanges(jobs).map((m) => [...m]), sequentialRankRanges(jobs).map((m) => [...m]), 'the same ranges');
  t.same(parallelRankRanges([]), [], 'no rankings: no ranges');
  t.equal(helperRankings.count, before, 'no helper thread started');
});
