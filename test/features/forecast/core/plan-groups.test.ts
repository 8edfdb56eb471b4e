// the plan names questions by the numbers printed on the resident form with their short names, and reads
// by township: each township once, each question once within it, both ordered by effect.
import t from 'tap';
import { planImprovements, type PlanItem } from '../../../../server/features/forecast/core/improve.js';
import { questionLabel } from '../../../../server/features/forecast/core/layout.js';
import { groupPlan } from '../../../../server/features/forecast/core/plan-groups.js';
import { frameOf, hunan, syntheticDistrict } from '../../../kit/forecast-domain.js';

const survey = hunan();

t.test('questions are named as the resident form numbers them, with their short names', async (t) => {
  // The form numbers the two screening questions 1 and 2, so Q1 is 3, its follow-up 3.1, and Q8 is 10.
  t.equal(questionLabel(survey, 'Q8'), '第 10 题（公安执法）');
  t.equal(questionLabel(survey, 'Q6'), '第 8 题（涉黑涉恶）');
  t.equal(questionLabel(survey, 'Q1a'), '第 3.1 题（不安全原因）');
});

t.test('a plan reads by township, each question once, by effect', async (t) => {
  const frame = frameOf(survey, syntheticDistrict(survey, { grids: 9, perGrid: 12, seed: 'groups' }));
  const draws = { sampleSize: 200, draws: 1000, seed: 'groups' };
  const base = planImprovements(frame, survey, { ...draws, target: { kind: 'score', score: 0 }, wanted: 0.8, peers: [] });
  t.equal(base.status, 'already');
  const plan = planImprovements(frame, survey, { ...draws, target: { kind: 'score', score: 95 }, wanted: 0.8, peers: [] });
  t.ok(plan.items.length > 3, `${plan.items.length} items`);
  const groups = groupPlan(plan.items);
  const areas = groups.map((g) => g.areaName);
  t.same([...new Set(areas)], areas, 'each township once');
  t.ok(groups.length < plan.items.length, 'fewer blocks than items');
  for (const g of groups) {
    const ids = g.lines.map((l) => l.questionId);
    t.same([...new Set(ids)], ids, `${g.areaName}: each question once`);
    for (let i = 1; i < g.lines.length; i++) t.ok(g.lines[i - 1].gain >= g.lines[i].gain, `${g.areaName}: lines by effect`);
    for (const l of g.lines) t.equal(l.questionLabel, questionLabel(survey, l.questionId));
  }
  for (let i = 1; i < groups.length; i++) t.ok(groups[i - 1].gain >= groups[i].gain, 'townships by effect');
  t.equal(groups.reduce((s, g) => s + g.count, 0), plan.residents, 'every resident of the plan is in one line');
});

t.test('the answers a question moves from are folded into its one line', async (t) => {
  const item = (from: string, count: number, gain: number, area = 'A1', question = 'Q8'): PlanItem => ({
    areaCode: area, areaName: area === 'A1' ? '城关街道' : '东山镇', questionId: question, questionLabel: questionLabel(survey, question),
    from, to: 'A', fromLabel: from === 'B' ? '比较满意' : '不太满意', toLabel: '满意', count, gain, gainPerResident: gain / count, text: '',
  });
  const groups = groupPlan([item('B', 3, 0.3), item('C', 5, 0.5), item('C', 2, 0.6, 'A2'), item('B', 1, 0.05, 'A1', 'Q6')]);
  t.same(groups.map((g) => g.areaName), ['城关街道', '东山镇'], 'the township whose lines add more first');
  t.same(groups[0].lines.map((l) => l.text), [
    '第 10 题（公安执法）：再有 8 位居民答“满意”（原答“不太满意”5 位、“比较满意”3 位）',
    '第 8 题（涉黑涉恶）：再有 1 位居民答“满意”（原答“比较满意”1 位）',
  ]);
  t.equal(groups[0].count, 9);
  t.ok(Math.abs(groups[0].gain - 0.85) < 1e-12);
});
