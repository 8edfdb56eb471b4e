// simulateRound on a real database: responses land through the same repository as web submissions, phone
// interviews come with their call dispositions, dates fall in the round's month, and a seed reproduces everything.
import t, { type Test } from 'tap';
import { testDb } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { simulateRound } from '../../server/demo/simulate-round.js';
import type { Db } from '../../server/platform/db.js';
import type { Repos } from '../../server/platform/repos.js';
import { closeRoundById } from '../../server/features/rounds/rounds-service.js';

const NOW = new Date('2025-03-10T12:00:00+08:00');

function answerRows(db: Db): unknown[] {
  return db.prepare('SELECT r.grid_id, a.question_id, a.option_code, a.text_value FROM answers a JOIN responses r ON r.id = a.response_id ORDER BY a.rowid').all();
}

function setUp(t: Test): { db: Db; repos: Repos } {
  const { db, repos } = testDb(t);
  smallDistrict(repos);
  return { db, repos };
}

t.test('a round is filled grid by grid, with phone calls behind the phone interviews', async (t) => {
  const { db, repos } = setUp(t);
  const round = openRound(repos, 'hunan-100', { channels: ['web', 'phone'] });
  const done = simulateRound(repos, round, { seed: 11, now: NOW });

  const counts = repos.responses.countByGrid(round.id);
  t.equal(counts.size, 8, 'every grid of the round has responses');
  const complete = [...counts.values()].reduce((s, c) => s + c.complete, 0);
  const screenedOut = [...counts.values()].reduce((s, c) => s + c.screenedOut, 0);
  t.equal(done.responses, complete + screenedOut);
  t.equal(done.screenedOut, screenedOut);
  t.ok(complete >= 8 * 5 && complete <= 8 * 15, `${complete} completes for 8 grids with quota 10`);

  const byChannel = db.prepare<[], { channel: string; status: string; n: number }>(
    'SELECT channel, status, COUNT(*) AS n FROM responses GROUP BY channel, status',
  ).all();
  const phoneComplete = byChannel.find((r) => r.channel === 'phone' && r.status === 'complete')?.n ?? 0;
  t.ok(phoneComplete > 0, 'some interviews by phone');
  t.ok((byChannel.find((r) => r.channel === 'simulated')?.n ?? 0) > 0, 'the rest through the link, marked simulated');
  const calls = repos.calls.countsByDisposition(round.id);
  t.equal(calls.complete, phoneComplete, 'one complete call per phone interview');
  t.ok(calls.refusal + calls.non_contact + calls.unknown_household > phoneComplete, 'more failed calls than interviews');
  t.equal(Object.values(calls).reduce((s, n) => s + n, 0), done.calls);
  const linked = db.prepare<[], { n: number }>(
    "SELECT COUNT(*) AS n FROM calls c JOIN responses r ON r.id = c.response_id WHERE r.channel = 'phone'",
  ).get();
  t.equal(linked?.n, phoneComplete + (byChannel.find((r) => r.channel === 'phone' && r.status === 'screened_out')?.n ?? 0), 'phone responses link their call');
  const firstGrid = [...counts.keys()][0];
  const oneGrid = repos.calls.countsByDisposition(round.id, [firstGrid]);
  t.ok(oneGrid.complete <= calls.complete);

  const dates = db.prepare<[], { lo: string; hi: string }>('SELECT MIN(created_at) AS lo, MAX(created_at) AS hi FROM responses').get();
  t.ok(dates && dates.lo >= '2024-12-31T16:00:00.000Z' && dates.hi < '2025-01-31T16:00:00.000Z', `dated in January 2025 (China time): ${dates?.lo} … ${dates?.hi}`);
  const receipts = repos.receipts.listForRound(round.id);
  t.ok(receipts.some((r) => r.source === 'suggestion'), 'suggestions open receipts');
});

t.test('the same seed gives the same responses; n sets the total exactly', async (t) => {
  const a = setUp(t);
  const b = setUp(t);
  const ra = openRound(a.repos);
  const rb = openRound(b.repos);
  simulateRound(a.repos, ra, { seed: 5, now: NOW });
  simulateRound(b.repos, rb, { seed: 5, now: NOW });
  t.same(answerRows(a.db), answerRows(b.db));

  const c = setUp(t);
  const rc = openRound(c.repos);
  const done = simulateRound(c.repos, rc, { n: 37, seed: 5, now: NOW });
  t.equal(done.responses, 37);
  const again = simulateRound(c.repos, rc, { n: 3, now: NOW });
  t.equal(again.responses, 3, 'without a seed a second run adds new respondents');
});

t.test('levels drive the scores; rounds that are not open are refused', async (t) => {
  const { db, repos } = setUp(t);
  const round = openRound(repos);
  const grids = repos.rounds.gridIds(round);
  const levels = new Map(grids.map((id, i) => [id, i < 4 ? 0.6 : 0.95]));
  simulateRound(repos, round, { seed: 2, levels, now: NOW, n: 800 });
  // Scores are the questionnaire's (migration 005 dropped the answers' copies): the mean of Q8's scored answers.
  const q8 = repos.surveys.getVersion(round.surveyVersionId)?.survey.questions.find((q) => q.id === 'Q8');
  const scoreOf = new Map((q8?.options ?? []).flatMap((o) => (o.excluded || o.score === undefined ? [] : [[o.code, o.score] as const])));
  const mean = (ids: number[]) => {
    const codes = db
      .prepare<[], { option_code: string }>(`SELECT a.option_code FROM answers a JOIN responses r ON r.id = a.response_id WHERE a.question_id = 'Q8' AND r.grid_id IN (${ids.join(',')})`)
      .all();
    const scores = codes.flatMap((c) => { const s = scoreOf.get(c.option_code); return s === undefined ? [] : [s]; });
    return scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
  };
  const low = mean(grids.slice(0, 4));
  const high = mean(grids.slice(4));
  t.ok(high - low > 15, `police satisfaction ${low.toFixed(1)} in low grids, ${high.toFixed(1)} in high grids`);

  // The same levels given as a function of the grid code (as the demo gives them) have the same effect.
  const other = setUp(t);
  const round2 = openRound(other.repos);
  const asked: string[] = [];
  simulateRound(other.repos, round2, {
    seed: 2,
    now: NOW,
    n: 800,
    levels: (code) => {
      asked.push(code);
      return code.startsWith('D01-T1') ? 0.6 : 0.95;
    },
  });
  t.same([...new Set(asked)].sort(), other.repos.rounds.gridIds(round2).map((id) => other.repos.units.getById(id)?.code).sort(), 'asked once per grid');
  t.same(answerRows(other.db), answerRows(db), 'same levels, same seed: the same answers whichever way the levels are given');

  closeRoundById(repos, round.id);
  const closed = repos.rounds.getById(round.id);
  if (!closed) throw new Error('round missing');
  t.throws(() => simulateRound(repos, closed, { n: 1 }), /不在进行中/);
});

t.test('without n, grids are filled up to their targets: a second run adds little or nothing', async (t) => {
  const { repos } = setUp(t);
  const round = openRound(repos);
  simulateRound(repos, round, { n: 20, now: NOW });
  const first = simulateRound(repos, round, { now: NOW });
  const completes = [...repos.responses.countByGrid(round.id).values()].map((c) => c.complete);
  t.ok(completes.every((n) => n >= 1 && n <= 14), `completes per grid ${completes.join(',')}`);
  t.ok(first.responses > 0);
  const second = simulateRound(repos, round, { now: NOW });
  t.equal(second.responses, 0, 'already at target');
});
