// The anomaly watch over real stored history and a clock the test moves: a grid's usual hourly rate comes from its
// past hours, and a network's window forgets it after an hour.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { preparePoll } from '../../kit/resident-poll.js';
import { ArrivalWatch, networkOf } from '../../../server/features/review/arrival-watch.js';
import { DEFAULT_INTEGRITY_SETTINGS } from '../../../server/features/review/core/settings.js';
import type { Answers } from '../../../server/core/survey/model.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2025-03-10T09:10:00.000Z');

function setup(t: Parameters<typeof testDb>[0]) {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  let now = NOW;
  const watch = new ArrivalWatch(repos, 'test secret', () => now);
  const store = (hoursAgo: number, n: number) => {
    for (let i = 0; i < n; i++) {
      const createdAt = new Date(NOW - hoursAgo * HOUR).toISOString();
      repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'screened_out', survey: poll.survey, answers: {}, createdAt });
    }
  };
  let seq = 0;
  const arrive = (address: string) => {
    seq += 1;
    const answers: Answers = { [poll.suggestionId]: { kind: 'text', text: `第${seq}条` } };
    return watch.judge({ round: poll.round, gridId: poll.gridId, address, answers, judgePattern: true });
  };
  return { db, repos, poll, watch, store, arrive, advance: (ms: number) => (now += ms) };
}

t.test('a burst is judged against the grid’s past hours: median + k × MAD', async (t) => {
  const { repos, poll, store, arrive } = setup(t);
  // Past hours with 2, 3, 3, 4 and 10 arrivals: median 3, MAD 1; k = 5 → threshold 8 (the village has this grid only).
  [2, 3, 3, 4, 10].forEach((n, i) => store(i + 1, n));
  repos.review.saveSettings(poll.round.id, poll.round.code, { ...DEFAULT_INTEGRITY_SETTINGS, burstMinPerHour: 1, quotaMultiple: 100 }, null);
  const reasons = Array.from({ length: 9 }, (_, i) => arrive(`198.51.100.${i + 1}`));
  t.same(reasons.slice(0, 8), Array(8).fill([]), 'up to 8 in the hour count');
  t.same(reasons[8], ['burst'], 'the 9th is held');
});

t.test('past a multiple of the quota, every arrival is held', async (t) => {
  const { poll, store, arrive } = setup(t);
  // Quota 10 × 3 = 30 responses: 29 stored hours ago, the 30th counts, the 31st is held.
  store(30, 29);
  t.equal(poll.round.quotaPerGrid, 10);
  t.same(arrive('198.51.100.1'), []);
  t.same(arrive('198.51.100.2'), ['quota']);
});

t.test('a network’s window lasts an hour', async (t) => {
  const { arrive, advance } = setup(t);
  const max = DEFAULT_INTEGRITY_SETTINGS.networkMaxPerGridHour;
  for (let i = 0; i < max; i++) t.same(arrive('203.0.113.9'), [], `arrival ${i + 1} from one network counts`);
  t.same(arrive('203.0.113.9'), ['network']);
  t.same(arrive('::ffff:203.0.113.9'), ['network'], 'the same address over IPv6-mapped IPv4');
  advance(61 * 60 * 1000);
  t.same(arrive('203.0.113.9'), [], 'an hour later it counts again');
});

t.test('an arrival the write refused (a duplicate) is withdrawn: it does not count towards the windows', async (t) => {
  const { poll, watch, arrive } = setup(t);
  const max = DEFAULT_INTEGRITY_SETTINGS.networkMaxPerGridHour;
  for (let i = 0; i < max + 2; i++) {
    const answers: Answers = { [poll.suggestionId]: { kind: 'text', text: `重复${i}` } };
    watch.judgeArrival({ round: poll.round, gridId: poll.gridId, address: '203.0.113.7', answers, judgePattern: true }).withdraw();
  }
  for (let i = 0; i < max; i++) t.same(arrive('203.0.113.7'), [], `arrival ${i + 1} from the network counts`);
  t.same(arrive('203.0.113.7'), ['network'], 'only stored arrivals filled the window');
});

t.test('thresholds saved while arrivals are judged apply to the next arrival', async (t) => {
  const { repos, poll, arrive } = setup(t);
  t.same(arrive('203.0.113.8'), []);
  repos.review.saveSettings(poll.round.id, poll.round.code, { ...DEFAULT_INTEGRITY_SETTINGS, networkMaxPerGridHour: 1 }, null);
  t.same(arrive('203.0.113.8'), ['network'], 'the second arrival from the network is held under the new limit');
});

t.test('networks: an IPv4 address, an IPv6 /64', async (t) => {
  t.equal(networkOf('::ffff:10.1.2.3'), '10.1.2.3');
  t.equal(networkOf('2001:db8:1:2:aaaa::1'), networkOf('2001:DB8:1:2:bbbb::2'));
  t.not(networkOf('2001:db8:1:2::1'), networkOf('2001:db8:1:3::1'));
});

t.test('IPv6: one /64 however the address is written', async (t) => {
  const net = networkOf('2001:db8:1:2::1');
  t.equal(networkOf('2001:0db8:0001:0002:ffff:0:0:9'), net);
  t.equal(networkOf('2001:DB8:1:2:a:b:c:d'), net);
  t.equal(networkOf('2001:db8:1:2::'), net);
  t.not(networkOf('2001:db8::1'), networkOf('2001:db8:0:1::1'), 'a different /64 is another network');
  t.equal(networkOf('2001:db8::1'), networkOf('2001:db8:0:0:1::1'));
});

t.test('a village’s or township’s last hour is judged like a grid’s', async (t) => {
  const { repos, poll, arrive } = setup(t);
  const s = { ...DEFAULT_INTEGRITY_SETTINGS, burstMinPerHour: 1000, quotaMultiple: 100, areaBurstMinPerHour: 3 };
  repos.review.saveSettings(poll.round.id, poll.round.code, s, null);
  const reasons = Array.from({ length: 4 }, (_, i) => arrive(`198.51.100.${i + 1}`));
  t.same(reasons.slice(0, 3), [[], [], []], 'up to the area floor in the hour');
  t.same(reasons[3], ['areaBurst']);
});

t.test('a network’s answers in the round are read from what is stored: an hour or a restart does not reset them', async (t) => {
  const { repos, poll, watch } = setup(t);
  let seq = 0;
  const storeVia = (w: ArrivalWatch) => {
    seq += 1;
    const answers: Answers = { [poll.suggestionId]: { kind: 'text', text: `回合${seq}` } };
    const judged = w.judgeArrival({ round: poll.round, gridId: poll.gridId, address: '203.0.113.20', answers, judgePattern: true });
    const stored = repos.responses.insert({
      roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers, hold: judged.reasons, networkKey: judged.networkKey,
    });
    if (stored.ok) judged.stored();
    return judged.reasons;
  };
  const max = DEFAULT_INTEGRITY_SETTINGS.networkMaxPerRound;
  for (let i = 0; i < max; i++) t.same(storeVia(watch), [], `answer ${i + 1} of the network counts`);
  const restarted = new ArrivalWatch(repos, 'test secret', () => NOW + 3 * HOUR);
  t.same(storeVia(restarted), ['networkRound'], 'three hours later, after a restart, the next one is held');
});

t.test('network keys are cleared once their round is no longer open', async (t) => {
  const { db, repos, poll } = setup(t);
  const answers: Answers = { [poll.suggestionId]: { kind: 'text', text: '关闭前' } };
  repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers, networkKey: 'k1' });
  const keys = () => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses WHERE network_key IS NOT NULL').get()?.n;
  repos.review.forgetClosedNetworks();
  t.equal(keys(), 1, 'kept while the round is open');
  db.prepare("UPDATE rounds SET state = 'closed' WHERE id = ?").run(poll.round.id);
  // The watch sweeps on its first arrival (any round): the closed round's keys go.
  new ArrivalWatch(repos, 'test secret', () => NOW).judge({ round: poll.round, gridId: poll.gridId, address: '203.0.113.1', answers, judgePattern: false });
  t.equal(keys(), 0);
});
