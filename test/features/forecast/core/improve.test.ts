// "What would it take": the plan, applied to the data, reaches the target in the simulation; items read as the
// committee speaks; a target already met or out of reach says so.
import t from 'tap';
import { analyticForecast } from '../../../../server/features/forecast/core/analytic.js';
import { applyPlan, checkPlan, planImprovements, strongestLevers } from '../../../../server/features/forecast/core/improve.js';
import { drawOfficialPolls, shareAtLeast, spreadOf } from '../../../../server/features/forecast/core/simulate.js';
import { chanceOfRankAtBest, rankProbabilities } from '../../../../server/features/forecast/core/ranks.js';
import { frameOf, hunan, syntheticDistrict } from '../../../kit/forecast-domain.js';

const survey = hunan();
const grids = syntheticDistrict(survey, { grids: 30, perGrid: 12, seed: 'improve' });
const frame = frameOf(survey, grids);
const base = analyticForecast(frame, 200);
const mean = base?.mean ?? 0;
const sd = base?.sd ?? 1;
const draws = { sampleSize: 200, draws: 4000, seed: 11 };

t.test('a score target: the plan applied to the data reaches it with the stated probability', async (t) => {
  const target = { kind: 'score' as const, score: Math.round((mean + 2 * sd) * 100) / 100 };
  const plan = planImprovements(frame, survey, { ...draws, target, wanted: 0.8, peers: [] });
  t.equal(plan.status, 'reached');
  t.ok(plan.items.length > 0 && plan.residents > 0);
  t.equal(plan.residents, plan.items.reduce((s, i) => s + i.count, 0));
  // The check, again from the items alone: re-pick the responses, re-draw every poll.
  const after = drawOfficialPolls(applyPlan(frame, plan.items), draws);
  t.ok(shareAtLeast(after, target.score) >= 0.8, `reached with ${shareAtLeast(after, target.score)}`);
  t.equal(plan.check?.probability, shareAtLeast(after, target.score), 'the page prints the check');
  const before = drawOfficialPolls(frame, draws);
  t.ok(shareAtLeast(before, target.score) < 0.8, 'not reached before');
  for (let i = 1; i < plan.items.length; i++) t.ok(plan.items[i - 1].gainPerResident >= plan.items[i].gainPerResident, 'ranked by gain per resident');
  const item = plan.items[0];
  t.match(item.text, /^(城关街道|东山镇|西河乡)：第 [\d.]+ 题（[^）]+）再有 \d+ 位居民从“[^”]+”变为“[^”]+”$/);
  t.not(item.from, item.to);
});

t.test('a rank target among peers: the plan applied reaches that rank with the stated probability', async (t) => {
  const peers = [
    { name: '甲县', score: mean + 3 * sd, sd: null },
    { name: '乙县', score: mean + 1.5 * sd, sd: null },
    { name: '丙县', score: mean - 2 * sd, sd: null },
  ];
  const plan = planImprovements(frame, survey, { ...draws, target: { kind: 'rank', rank: 2 }, wanted: 0.9, peers });
  t.equal(plan.status, 'reached');
  const after = drawOfficialPolls(applyPlan(frame, plan.items), draws);
  const p = chanceOfRankAtBest(rankProbabilities(after, peers, draws.seed), 2);
  t.ok(p >= 0.9, `rank 2 or better with ${p}`);
});

t.test('a target already reached needs no plan; one out of reach says so', async (t) => {
  const easy = planImprovements(frame, survey, { ...draws, target: { kind: 'score', score: mean - 5 * sd }, wanted: 0.8, peers: [] });
  t.equal(easy.status, 'already');
  t.same(easy.items, []);
  t.ok((easy.check?.probability ?? 0) >= 0.8);
  const impossible = planImprovements(frame, survey, { ...draws, target: { kind: 'score', score: 100.5 }, wanted: 0.8, peers: [] });
  t.equal(impossible.status, 'unreachable');
  t.equal(impossible.check, null);
});

t.test('the strongest levers are by gain per resident, and moving them raises the forecast', async (t) => {
  const levers = strongestLevers(frame, survey, 5);
  t.equal(levers.length, 5);
  for (let i = 1; i < levers.length; i++) t.ok(levers[i - 1].gainPerResident >= levers[i].gainPerResident);
  const one = [{ ...levers[0], count: Math.min(levers[0].count, 5) }];
  const check = checkPlan(frame, one, { ...draws, target: { kind: 'score', score: mean }, wanted: 0.5, peers: [] });
  const before = spreadOf(drawOfficialPolls(frame, draws))?.mean ?? 0;
  t.ok(check.mean > before, `${check.mean} > ${before}`);
});
