// The round rules on their own: the one path of states, the period formats, the stored channel list.
import t from 'tap';
import { canTransition, parseChannels, periodProblem, transitionProblem } from '../../../../server/features/rounds/core/round-rules.js';

t.test('draft → open → closed is the only path', async (t) => {
  t.ok(canTransition('draft', 'open'));
  t.ok(canTransition('open', 'closed'));
  for (const [from, to] of [['draft', 'closed'], ['open', 'draft'], ['closed', 'open'], ['closed', 'draft'], ['open', 'open']] as const) {
    t.notOk(canTransition(from, to), `${from} → ${to}`);
  }
  t.equal(transitionProblem('R1', 'draft', 'open'), null);
  t.equal(transitionProblem('R1', 'open', 'open'), '轮次 R1 已经是进行中状态');
  t.equal(transitionProblem('R1', 'draft', 'closed'), '轮次 R1 当前为草稿状态，不能结束（只能 草稿→进行中→已结束）');
  t.match(transitionProblem('R1', 'closed', 'open'), '当前为已结束状态，不能开启');
});

t.test('a period is a calendar month; a sweep may name a half year', async (t) => {
  for (const ok of ['2025-01', '2025-12', '2000-06', '2100-01']) t.equal(periodProblem(ok, 'monthly'), null, ok);
  for (const bad of ['2025-13', '2025-00', '2025-1', '202503', '2025/03', '1999-12', '2101-01', '2025-H1', ' 2025-03']) {
    t.match(periodProblem(bad, 'monthly'), '应为年-月，如 2025-03', bad);
  }
  t.equal(periodProblem('2025-H2', 'sweep'), null);
  t.match(periodProblem('2025-H3', 'sweep'), '应为 2025-03 或 2025-H1');
  t.match(periodProblem('2025-H1', 'adhoc'), '期间格式不正确');
  t.equal(periodProblem('', 'monthly'), '请填写民调期间（如 2025-03）');
});

t.test('stored channels come back known and in order', async (t) => {
  t.same(parseChannels('paper,web'), ['web', 'paper']);
  t.same(parseChannels('phone, fax'), ['phone']);
  t.same(parseChannels(''), []);
});
