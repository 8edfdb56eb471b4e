// Ranks with ties, changes against the previous round, equal weights when populations are missing, an empty round,
// the cache of a closed round, AAPOR rates from call records and receipt counts — each worked out by hand.
import t, { type Test } from 'tap';
import { testDb } from '../../kit/app.js';
import { createRepos } from '../../../server/platform/repos.js';
import { getResultsSeries, getRoundResults } from '../../../server/features/results/round-results.js';
import { R_DATA, answerGrids, smallRound, type GridAnswers } from '../../kit/results-domain.js';
import { closeRoundById, createRound, openRoundById } from '../../../server/features/rounds/rounds-service.js';

/** G1 best; G2 and G3 identical; G4 worst. Four interviews each. */
const TIES: GridAnswers[] = [
  { q1: 'AAAA', q2: 'AAAA', q3: 'YYYY', k1: 'AAAA' },
  { q1: 'BBBB', q2: 'BBBB', q3: 'YYYY', k1: 'AAAA' },
  { q1: 'BBBB', q2: 'BBBB', q3: 'YYYY', k1: 'AAAA' },
  { q1: 'CCCC', q2: 'CCCC', q3: 'NNNN', k1: 'BBBB' },
];

t.test('competition ranks with a tie: 1, 2, 2, 4', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, TIES);
  const r = getRoundResults(repos, s.round);
  t.same(s.grids.map((g) => r.units[g.code].rank), [1, 2, 2, 4]);
  // Every respondent of G2 answers B (80), B (60), Y (100): composite 0.5·80 + 0.2·100 + 0.15·60 + 0.15·100 = 84.
  t.equal(r.units[s.grids[1].code].composite.value?.toFixed(10), (84).toFixed(10));
  t.equal(r.units[s.grids[1].code].composite.se, 0, 'no spread, no error');
  t.same(s.townships.map((u) => r.units[u.code].rank), [1, 2], 'each level is ranked on its own');
});

/** TIES with G4 down to 3 interviews (under the minimum of 4): the same grids are ranked as in R_DATA's month. */
const TIES_G4_SHORT: GridAnswers[] = [...TIES.slice(0, 3), { q1: 'CCC', q2: 'CCC', q3: 'NNN', k1: 'BBB' }];

/** A closed March round of R_DATA (G4 under the minimum) and an April round of `april`, closed unless `open`. */
function twoMonths(t: Test, april: GridAnswers[], open = false) {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  closeRoundById(repos, s.round.id);
  const second = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 4 }).id);
  answerGrids(repos, s, april, second);
  const after = getRoundResults(repos, open ? second : closeRoundById(repos, second.id));
  return { repos, s, second, before: getRoundResults(repos, s.round), after };
}

t.test('changes since the previous round of the same questionnaire', async (t) => {
  const { repos, s, second, before, after } = twoMonths(t, TIES_G4_SHORT);
  t.equal(after.previousRoundCode, s.round.code);
  for (const g of s.grids) {
    const a = after.units[g.code];
    const b = before.units[g.code];
    const expected = b.rank === null || a.rank === null ? null : b.rank - a.rank;
    t.equal(a.rankChange, expected, `${g.code} rank change (${b.rank} → ${a.rank})`);
  }
  t.not(after.units[s.grids[1].code].rankChange, null, 'the same three grids ranked in both months: changes printed');
  const g4 = s.grids[3].code;
  t.equal(before.units[g4].insufficient, true);
  t.equal(after.units[g4].rankChange, null, 'no change against a round where the unit was not ranked');
  t.equal(after.units[g4].scoreChange, null, 'nor a score change');
  const g1 = s.grids[0].code;
  // G1: 66.6 in March (R), 100 in April: +33.40, the difference of the printed scores.
  t.equal(after.units[g1].scoreChange, 33.4);
  t.same(getResultsSeries(repos, second).map((r) => r.roundCode), [s.round.code, second.code], 'oldest first');
  t.same(getResultsSeries(repos, second, 1).map((r) => r.roundCode), [second.code]);
});

t.test('no rank change between rankings of different units (docs/statistics.md#rankings)', async (t) => {
  // March ranks G1–G3 (G4 has 3 interviews); April ranks all four: 3 shared of 4, not the same ranking.
  const { s, before, after } = twoMonths(t, TIES);
  t.same(s.grids.map((g) => before.units[g.code].rank !== null), [true, true, true, false]);
  t.same(s.grids.map((g) => after.units[g.code].rank), [1, 2, 2, 4]);
  t.same(s.grids.map((g) => after.units[g.code].rankChange), [null, null, null, null], 'no grid has a rank change');
  t.not(after.units[s.grids[0].code].scoreChange, null, 'score changes stay (they need no ranking)');
  t.equal(after.units['D01-T1'].rankChange, before.units['D01-T1'].rank! - after.units['D01-T1'].rank!, 'townships: the same two ranked');
});

t.test('an open round carries no rank changes', async (t) => {
  const { s, after } = twoMonths(t, TIES_G4_SHORT, true);
  t.equal(after.state, 'open');
  for (const u of Object.values(after.units)) t.equal(u.rankChange, null, `${u.code}: none while open`);
  t.not(after.units[s.grids[0].code].scoreChange, null, 'score changes are shown (with their verdicts)');
});

t.test('grids without a population: everyone weighs the same, and the page can say so', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t, [1000, null, 1500, 500]);
  answerGrids(repos, s, R_DATA);
  const r = getRoundResults(repos, s.round);
  t.equal(r.units.D01.equalWeights, true);
  t.equal(r.units['D01-T1'].equalWeights, true);
  t.equal(r.units['D01-T2'].equalWeights, false, 'a township whose grids all have populations keeps its weights');
  // Equal weights: the plain mean of the 16 substantive Q1 answers, (350 + 210 + 330 + 150) / 16 = 65.
  t.equal(r.units.D01.items.Q1.value, 65);
  // Don't-knows stay out of the denominator but count in their share: 2 of 18 asked.
  t.equal(r.units.D01.items.Q1.n, 16);
  t.equal(r.units.D01.items.Q1.dontKnow, 2 / 18);
});

t.test('an empty round: nulls and zeros, never NaN', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  const r = getRoundResults(repos, s.round);
  t.notMatch(JSON.stringify(r), /NaN|Infinity/);
  for (const u of Object.values(r.units)) {
    t.equal(u.n, 0);
    t.equal(u.composite.value, null);
    t.equal(u.composite.se, null);
    t.equal(u.items.Q1.value, null);
    t.equal(u.knowledge?.value, null);
    t.equal(u.rank, null);
    t.equal(u.insufficient, true);
    t.same(u.weakest, []);
  }
  t.equal(r.aapor, null, 'no phone work');
  t.same(r.receipts.D01, { opened: 0, answered: 0, closed: 0, overdue: 0, feedbackRate: null });
  t.equal(Object.keys(r.units).length, 1 + 2 + 2 + 4, 'every unit of the round is there');
});

t.test('a closed round is computed once and kept', async (t) => {
  const { db, repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  const closed = closeRoundById(repos, s.round.id);
  const first = getRoundResults(repos, closed);
  t.ok(db.prepare('SELECT 1 FROM results_cache WHERE round_id = ?').get(closed.id), 'stored in results_cache');
  // The repository refuses answers to a closed round; answers written behind the application's back (the state
  // flipped by hand around them) do not change a closed round's results either.
  t.throws(() => answerGrids(repos, s, TIES, closed), { name: 'RoundRefusedError' });
  db.prepare("UPDATE rounds SET state = 'open' WHERE id = ?").run(closed.id);
  answerGrids(repos, s, TIES, closed);
  db.prepare("UPDATE rounds SET state = 'closed' WHERE id = ?").run(closed.id);
  const again = getRoundResults(createRepos(db), closed);
  t.equal(again.computedAt, first.computedAt, 'read from the cache by a fresh process');
  t.equal(again.units.D01.n, 18);
  t.same(again.units.D01.composite, first.units.D01.composite);
});

t.test('AAPOR rates from the final call dispositions, receipts opened, answered and overdue', async (t) => {
  const { db, repos } = testDb(t);
  const s = smallRound(repos, t);
  const grid = s.grids[0].id;
  const call = db.prepare('INSERT INTO calls (round_id, grid_id, contact_id, disposition, created_at) VALUES (?, ?, ?, ?, ?)');
  const counts: Array<[string, number]> = [
    ['complete', 400], ['partial', 30], ['refusal', 250], ['non_contact', 180], ['other', 20],
    ['unknown_household', 600], ['unknown_other', 50], ['not_eligible', 470],
  ];
  const contact = Number(
    db.prepare(`INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, created_at) VALUES (?, 'x', 'h1', '138****0000', '2025-03-01')`).run(grid).lastInsertRowid,
  );
  db.transaction(() => {
    for (const [d, n] of counts) for (let i = 0; i < n; i++) call.run(s.round.id, grid, null, d, '2025-03-02');
    // One roster number called three times: only its final outcome (complete) counts, and once.
    call.run(s.round.id, grid, contact, 'non_contact', '2025-03-03');
    call.run(s.round.id, grid, contact, 'refusal', '2025-03-04');
    call.run(s.round.id, grid, contact, 'complete', '2025-03-05');
  })();
  const day = 86_400_000;
  const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
  const receipt = (gridId: number, createdAt: string, dueAt: string | null) =>
    repos.receipts.create({ roundId: s.round.id, gridId, responseId: null, source: 'staff', questionId: null, body: '路灯坏了', createdAt, dueAt });
  const answered = receipt(grid, ago(20), ago(10));
  repos.receipts.answer(answered, { action: '已修复', text: '已修复', method: 'phone' });
  receipt(grid, ago(20), ago(1)); // past its due date
  receipt(grid, ago(10), null); // no due date, waiting longer than 7 days
  receipt(grid, ago(1), null); // recent
  receipt(s.grids[2].id, ago(1), new Date(Date.now() + day).toISOString()); // due tomorrow, other township

  const r = getRoundResults(repos, s.round);
  t.same(r.aapor?.counts, { I: 401, P: 30, R: 250, NC: 180, O: 20, UH: 600, UO: 50, NE: 470 });
  const std = r.aapor;
  t.ok(std && std.RR1 !== null && Math.abs(std.RR1 - 401 / (401 + 30 + 250 + 180 + 20 + 600 + 50)) < 1e-12, 'RR1 = I / all cases');
  t.same(r.receipts['D01-T1-V1-G1'], { opened: 4, answered: 1, closed: 0, overdue: 2, feedbackRate: 0.25 });
  t.same(r.receipts['D01-T1'], r.receipts['D01-T1-V1-G1'], 'a township adds up its grids');
  t.same(r.receipts.D01, { opened: 5, answered: 1, closed: 0, overdue: 2, feedbackRate: 0.2 });
});

t.test('an open round follows every new response', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  const first = getRoundResults(repos, s.round);
  t.equal(getRoundResults(repos, s.round).computedAt, first.computedAt, 'nothing written: the same computation');
  answerGrids(repos, s, [{ q1: 'A', q2: 'A', q3: 'Y', k1: 'A' }]);
  const after = getRoundResults(repos, s.round);
  t.equal(after.units.D01.n, 19, 'a new response counts at once');
  t.equal(after.units[s.grids[0].code].n, 7);
});

t.test('printed changes are the difference of the printed numbers', async (t) => {
  const { printedChange } = await import('../../../server/core/results/compute.js');
  // 83.284 prints 83.28 and 83.516 prints 83.52: the reader sees −0.24, though the raw difference is −0.232.
  t.equal(printedChange(83.284, 83.516, 'score'), -0.24);
  t.equal(printedChange(80.006, 80.004, 'score'), 0.01, '80.01 − 80.00, though the raw difference is 0.002');
  // 87.04% prints 87.0% and 85.96% prints 86.0%: +1.0 point, the raw difference +1.08 would print +1.1.
  t.equal(printedChange(0.8704, 0.8596, 'rate'), 0.01);
  t.equal(printedChange(null, 80, 'score'), null);
  t.equal(printedChange(80, undefined, 'rate'), null);
});
