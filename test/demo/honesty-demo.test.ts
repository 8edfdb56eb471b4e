// What the demo shows of the honesty checks (docs/statistics.md#answer-modes, docs/statistics.md#interviewers): its
// web respondents are simulated a little rosier than its phone respondents, so the latest closed round's district
// results carry a web − phone mode gap of a plausible size, beyond noise; grid workers of a few grids key in paper
// questionnaires answered about as phone respondents answer, so a paper − phone gap is measured and is within noise;
// and of the townships' phone interviewers and the paper keyers exactly the one who fills interviews in
// (DEMO_FABRICATOR) is marked 需核查.
import t from 'tap';
import { build } from '../kit/app.js';
import { DEMO_FABRICATOR } from '../../server/demo/interviewers.js';
import { getRoundResults, roundUnits } from '../../server/features/results/round-results.js';
import { interviewerReport } from '../../server/features/interviewers/interviewers-service.js';
import { demoDatabase } from '../kit/demo-db.js';


t.test('the demo: a plausible web − phone gap and one interviewer marked among honest ones', async (t) => {
  const { repos } = await build(t, { from: await demoDatabase() });
  const latest = repos.rounds.list().find((r) => r.state === 'closed');
  if (!latest) throw new Error('the demo has closed rounds');
  t.equal(latest.period, '2026-10');

  const gaps = getRoundResults(repos, latest).modeGaps?.QH ?? [];
  const gap = gaps.find((g) => g.modes[0] === 'web' && g.modes[1] === 'phone' && g.index === 'composite');
  t.comment(`web − phone: ${gap?.value?.toFixed(2)} ± ${gap?.se?.toFixed(2)} over ${gap?.grids} grids`);
  // Web respondents' latent level is 5 points above phone respondents' (DEMO_WEB_SHIFT); one interviewer's rosy
  // fabrications lift the phone side a little. A couple of points, beyond noise, and not a wild one.
  t.ok(gap && gap.value !== null && gap.value > 0.5 && gap.value < 5, `gap ${gap?.value} of plausible size`);
  t.equal(gap?.real, true, 'beyond noise');
  t.ok((gap?.grids ?? 0) >= 100, 'over most grids (those with both modes)');

  // Paper respondents' latent level is 0.01 above phone respondents' (DEMO_PAPER_SHIFT, about 0.4 points), while the
  // fabricator's rosy calls lift the phone side of the first township's paper grids: no real paper effect to find.
  const paper = gaps.find((g) => g.modes[0] === 'paper' && g.modes[1] === 'phone' && g.index === 'composite');
  t.comment(`paper − phone: ${paper?.value?.toFixed(2)} ± ${paper?.se?.toFixed(2)} over ${paper?.grids} grids`);
  t.ok(paper && paper.value !== null && paper.se !== null, 'the paper − phone gap is measured');
  t.ok((paper?.grids ?? 0) >= 20 && (paper?.grids ?? 0) <= 29, 'over the paper grids (those with phone interviews too)');
  t.equal(paper?.real, false, 'within noise: paper answers are not a different poll');
  t.ok(Math.abs(paper?.value ?? 99) < 3, `a gap of ${paper?.value} points, small`);

  const report = interviewerReport(repos, latest, roundUnits(repos, latest));
  const names = new Map(report.rows.map((r) => [r.interviewerId, repos.users.getById(r.interviewerId)?.username]));
  const phoneStaff = report.rows.filter((r) => r.phone > 0);
  t.equal(phoneStaff.length, 12, 'two phone interviewers in each of six townships');
  const keyers = report.rows.filter((r) => r.paper > 0);
  t.ok(keyers.length >= 20, `${keyers.length} grid workers keyed paper questionnaires`);
  t.ok(keyers.every((r) => r.phone === 0 && repos.users.getById(r.interviewerId)?.role === 'grid'), 'each a grid worker, on paper only');
  t.ok(keyers.some((r) => names.get(r.interviewerId) === 'wanggeyuan'), 'the grid login among them');
  const marked = report.rows.filter((r) => r.reasons.length > 0);
  t.same(marked.map((r) => names.get(r.interviewerId)), [DEMO_FABRICATOR], 'exactly the fabricating interviewer is marked');
  t.ok(marked[0]?.reasons.includes('gap') && marked[0]?.reasons.includes('short'), `reasons: ${marked[0]?.reasons.join(', ')}`);
  t.ok(phoneStaff.every((r) => r.interviews >= 30), 'every phone interviewer has enough interviews to be judged');
});
