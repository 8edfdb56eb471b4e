// The district bulletin states the mode gap in one sentence and a small table (page, workbook); a grid's bulletin has
// none; no bulletin names an interviewer or says 需核查 (docs/statistics.md#answer-modes, #interviewers).
import t from 'tap';
import { build, injectAs, PASSWORD } from '../../kit/app.js';
import { xlsxText } from '../../kit/xlsx.js';
import { GRIDS, POPULATIONS, groupsOf, honestyWorld, type HonestyWorld } from '../../kit/honesty-rounds.js';
import { modeGaps, modeSplitOfGroups } from '../../../server/core/results/mode-gaps.js';
import { resultsPlan } from '../../../server/core/results/plan.js';
import { formatScore } from '../../../server/core/stats/index.js';

t.test('district bulletin: the mode-gap sentence and table; grid bulletin: none; never 需核查', async (t) => {
  let world: HonestyWorld | undefined;
  const { app } = await build(t, { seed: (r) => void (world = honestyWorld(r, t, PASSWORD, { web: 8, phone: 8 })) });
  if (!world) throw new Error('no world');
  const w = world;
  const round = w.rounds[3];
  const split = modeSplitOfGroups(groupsOf(w.generated[3]), resultsPlan(w.survey), w.survey);
  const gap = modeGaps(split.counts, new Set(GRIDS), POPULATIONS, resultsPlan(w.survey), w.survey, split.tallies).find((g) => g.index === 'composite' && g.modes[0] === 'web');
  const committee = await injectAs(app, 'committee');
  const page = await committee.get(`/rounds/${round.code}/bulletin?unit=D01`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '不同回答方式的差异', 'the section');
  t.match(page.body, '在两种方式都有回答的网格中，扫码自助填答', 'the sentence names web against phone');
  t.match(page.body, `${formatScore(Math.abs(gap?.value ?? NaN))} 分`, 'with the gap as computed');
  t.notMatch(page.body, '需核查', 'no 需核查 in a bulletin');
  t.notMatch(page.body, '访员3', 'no interviewer named');
  const grid = w.grids.get(GRIDS[0])?.code ?? '';
  const gridPage = await committee.get(`/rounds/${round.code}/bulletin?unit=${grid}`);
  t.notMatch(gridPage.body, '不同回答方式的差异', 'a grid bulletin has no mode gap');
  const file = await committee.get(`/rounds/${round.code}/export.xlsx?unit=D01`);
  t.equal(file.statusCode, 200);
  const text = await xlsxText(file.rawPayload);
  t.match(text, '扫码自助填答 − 电话访问', 'the workbook has the table');
});
