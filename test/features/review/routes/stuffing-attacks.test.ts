// The ballot-stuffing attacks measured from outside, replayed through the real app (test/kit/stuffing.ts): one address
// spreading two posts into each of a township's thirty grids, 150 tries at one grid from one address, from 59
// addresses, and from addresses rotating inside one IPv6 /64 — and residents behind one NAT, who must stay counted.
// The rules: docs/rules.md#review-across-grids-and-the-round.
import t from 'tap';
import { logIn, PASSWORD } from '../../../kit/app.js';
import { count } from '../../../kit/resident.js';
import { BASELINE_PER_GRID, STUFFING_REPLAYS, fakeResponse, nOf, stuffingApp, townships } from '../../../kit/stuffing.js';
import { DEFAULT_INTEGRITY_SETTINGS } from '../../../../server/features/review/core/settings.js';
import { isResultsReply } from '../../../kit/results.js';

const BASELINE = 33 * BASELINE_PER_GRID;

t.test('2 posts into each of a township’s 30 grids from one address: all thanked, none counted, the township does not move', async (t) => {
  const { app, db, repos, poll } = await stuffingApp(t);
  const before = townships(repos, poll);
  const statuses = await STUFFING_REPLAYS[0].send(app, poll);
  t.same(statuses, Array(60).fill(200), 'every post is thanked, as the script saw it');
  t.equal(count(db, 'responses'), BASELINE, 'not one of the 60 is counted without review');
  t.equal(count(db, 'held_responses', "review = 'held'"), 60, 'all 60 wait for review: none was dropped');
  t.equal(count(db, 'receipts'), 0, 'the recalled suggestions opened no receipt that stays');
  t.same(townships(repos, poll), before, 'the township’s n and rank, and its neighbour’s, did not move');
  const reasons = repos.review.list(poll.round.id, 'held').map((h) => h.reasons);
  t.ok(reasons.every((r) => r.includes('spread')), 'each is held as one network answering in many grids');

  const committee = await logIn(app, 'committee', PASSWORD);
  const page = await committee.get(`/rounds/${poll.round.code}/review`);
  t.match(page.body, '待核查 <strong>60</strong> 份');
  t.match(page.body, '同一网络本轮在超过 2 个网格提交；该网络此前已计入的网上答卷也一并暂存');

  // The committee checks one grid (say its residents' meeting on one Wi-Fi) and accepts its two: they count, and the
  // committee sees how much of that grid's n came in by its decision, on the review page and in the results API.
  const grid = poll.targetGrids[0];
  t.equal((await committee.post(`/rounds/${poll.round.code}/review/grid/${grid}/accept`, {})).statusCode, 303);
  t.equal(nOf(repos, poll, grid), BASELINE_PER_GRID + 2);
  t.equal(count(db, 'receipts'), 2, 'their suggestions open their receipts now, as given');
  const after = await committee.get(`/rounds/${poll.round.code}/review`);
  t.match(after.body, '各网格样本中经核查采纳的网上答卷');
  t.match(after.body, new RegExp(`${grid}</span></td><td>5</td><td>2</td><td>40%</td>`));
  const api = await committee.get(`/api/rounds/${poll.round.code}/results?unit=T-S01-01`);
  t.equal(api.statusCode, 200);
  const reply: unknown = JSON.parse(api.body);
  if (!isResultsReply(reply)) throw new Error('not a results reply');
  t.equal(reply.unit.acceptedAfterReview, 2, 'the village: 2 of its n came in through review');
  t.same(reply.children.filter((c) => c.acceptedAfterReview > 0).map((c) => [c.code, c.n, c.acceptedAfterReview]), [[grid, 5, 2]]);
});

t.test('150 tries at one grid from one address: at most the round’s limit per network is counted', async (t) => {
  const { app, db, repos, poll } = await stuffingApp(t);
  const grid = poll.targetGrids[0];
  const before = nOf(repos, poll, 'T-S01');
  const statuses = await STUFFING_REPLAYS[1].send(app, poll);
  const counted = count(db, 'responses') - BASELINE;
  t.equal(counted, DEFAULT_INTEGRITY_SETTINGS.networkMaxPerRound, 'the first few count, the rest wait for review');
  t.equal(count(db, 'held_responses'), statuses.filter((s) => s === 200).length - counted, 'every other thanked post is held');
  t.equal(nOf(repos, poll, grid), BASELINE_PER_GRID + counted);
  t.equal(nOf(repos, poll, 'T-S01'), before + counted);
});

t.test('150 tries at one grid from 59 addresses: at most the grid’s burst floor is counted', async (t) => {
  const { app, db, repos, poll } = await stuffingApp(t);
  const grid = poll.targetGrids[0];
  t.same(await STUFFING_REPLAYS[2].send(app, poll), Array(150).fill(200), 'all thanked');
  const counted = count(db, 'responses') - BASELINE;
  t.equal(counted, DEFAULT_INTEGRITY_SETTINGS.burstMinPerHour, 'a grid with no history: the floor in the hour');
  t.equal(count(db, 'held_responses'), 150 - counted);
  t.equal(nOf(repos, poll, grid), BASELINE_PER_GRID + counted);
});

t.test('addresses rotating inside one IPv6 /64 are one network', async (t) => {
  const { app, db, repos, poll } = await stuffingApp(t);
  const before = townships(repos, poll);
  // Into one grid, each post from another address of the /64 (written compressed, expanded or in capitals).
  const forms = (i: number) => [`2001:db8:77:5:${i.toString(16)}::1`, `2001:0DB8:0077:0005:0:0:${i.toString(16)}:2`, `2001:db8:77:5::${i.toString(16)}`][i % 3];
  for (let i = 1; i <= 20; i++) t.equal(await fakeResponse(app, poll, poll.otherGrids[0], forms(i)), 200);
  t.equal(count(db, 'responses') - BASELINE, DEFAULT_INTEGRITY_SETTINGS.networkMaxPerRound, 'as many as from one address');
  // Spread over the township's grids, from the same /64: the ones counted above are held again too.
  for (const [i, grid] of poll.targetGrids.entries()) t.equal(await fakeResponse(app, poll, grid, `2001:db8:77:5:ffff::${(i + 1).toString(16)}`), 200);
  t.equal(count(db, 'responses'), BASELINE, 'none counted without review');
  t.same(townships(repos, poll), before);
  t.equal(count(db, 'held_responses', "review = 'held'"), 50);
});

t.test('residents behind one NAT at a normal pace, below the thresholds, stay counted', async (t) => {
  const { app, db, repos, poll } = await stuffingApp(t);
  const [home, neighbour] = poll.targetGrids;
  const { networkMaxPerRound, networkMaxGridsPerRound } = DEFAULT_INTEGRITY_SETTINGS;
  t.equal(networkMaxGridsPerRound, 2);
  // A compound on one carrier address: four residents of its grid and one of the next grid.
  for (let i = 0; i < networkMaxPerRound - 1; i++) t.equal(await fakeResponse(app, poll, home, '100.64.1.1'), 200);
  t.equal(await fakeResponse(app, poll, neighbour, '100.64.1.1'), 200);
  t.equal(count(db, 'responses') - BASELINE, networkMaxPerRound, 'all counted');
  t.equal(count(db, 'held_responses'), 0, 'none held');
  t.equal(nOf(repos, poll, home), BASELINE_PER_GRID + networkMaxPerRound - 1);
  t.equal(nOf(repos, poll, neighbour), BASELINE_PER_GRID + 1);
});

t.test('2 posts into each of a township’s 30 grids from 60 addresses: at most the township’s burst floor is counted', async (t) => {
  const { app, db, repos, poll } = await stuffingApp(t);
  const before = nOf(repos, poll, 'T-S01');
  let sender = 0;
  for (const grid of poll.targetGrids) for (let i = 0; i < 2; i++) t.equal(await fakeResponse(app, poll, grid, `192.0.2.${(sender += 1)}`), 200);
  const counted = count(db, 'responses') - BASELINE;
  t.equal(counted, DEFAULT_INTEGRITY_SETTINGS.areaBurstMinPerHour, 'a township with no history: the area floor in the hour');
  t.equal(nOf(repos, poll, 'T-S01'), before + counted);
  t.ok(repos.review.list(poll.round.id, 'held').every((h) => h.reasons.includes('areaBurst')));
});
