// The opening paragraph (综述) for fixed result sets: every number it states comes from the content, a change within
// noise reads 基本持平, and a level where no interval clears the overall score names nobody.
import t from 'tap';
import { bulletinContent } from '../../../../server/features/bulletin/core/content.js';
import { openingParagraph } from '../../../../server/features/bulletin/core/opening.js';
import type { Survey } from '../../../../server/core/survey/model.js';
import { month, results, round, survey, unit } from '../../../kit/bulletin-content.js';

/** The kit's questionnaire with a short name on Q2, as a file would give it. */
const named: Survey = { ...survey, questions: survey.questions.map((q) => (q.id === 'Q2' ? { ...q, shortName: '满意度' } : q)) };

t.test('district: a real rise, the rankings, who stands out, weakest items, receipts', async (t) => {
  const sep = month('2026-09', null);
  const oct = month('2026-10', '2026-09-s', 5);
  // The district rose from 85 to 90 (SE 1 in both months): 5 > 1.96·√2 = 2.77, a real rise.
  oct.units.D.scoreChange = 5;
  const c = bulletinContent({ round: round('2026-10'), survey: named, results: oct, series: [sep, oct], unit: oct.units.D });
  t.equal(c.headline.scoreVerdict, 'rise');
  t.equal(
    c.opening,
    '2026年10月，单位D共完成有效答卷20份（配额20份）。民调综合得分为90.00分（95%区间88.00–92.00），较上月上升5.00分。' +
      '参加排名的乡镇（街道）2个（另有1个样本不足，未参加排名），单位T2得分最高（95.13分），单位T1最低（85.50分）。' +
      '参加排名的村（社区）4个，单位V2得分最高（96.00分），单位V3最低（65.00分）。' +
      '村（社区）中，明显高于全区的有单位V2；明显低于全区的有单位V3、单位V4和单位V1。' +
      '全区得分最低的一项是满意度（80.00分）。' +
      '本月新增问题回执4件，已答复3件，问题解决反馈率75.0%；尚未答复1件，其中逾期1件。',
  );
  t.equal(openingParagraph(c), c.opening, 'the same text from the content alone');
});

t.test('township: a change within noise is 基本持平; the rank with its range', async (t) => {
  const sep = month('2026-09', null);
  const oct = month('2026-10', '2026-09-s', 2);
  // T1: 80.5 → 82.5 with SE 1: 2 < 2.77 — within noise. The kit's printed change says −1.256: the words follow it.
  const c = bulletinContent({ round: round('2026-10'), survey: named, results: oct, series: [sep, oct], unit: oct.units.T1 });
  t.equal(c.headline.scoreVerdict, 'flat');
  t.equal(
    c.opening,
    '2026年10月，单位T1共完成有效答卷20份（配额20份）。民调综合得分为82.50分（95%区间80.50–84.50），' +
      '较上月基本持平（下降1.26分，在抽样误差范围内），在全区同级单位中排第2名。' +
      '参加排名的村（社区）2个，单位V1得分最高（82.00分），单位V3最低（62.00分）。' +
      '村（社区）中，明显低于单位T1的有单位V3。单位T1得分最低的一项是满意度（72.50分）。本月没有新增问题回执。',
  );
});

t.test('no unit stands out: the paragraph says the differences are within noise', async (t) => {
  // Three villages within 1 point of the district's 80, intervals ± 2: all overlap 80.
  const r = results('2026-10', [
    unit('D', 'district', null, 80),
    unit('T1', 'township', 'D', 80, { rank: 1 }),
    unit('V1', 'village', 'T1', 81, { rank: 1 }),
    unit('V2', 'village', 'T1', 80, { rank: 2 }),
    unit('V3', 'village', 'T1', 79, { rank: 3 }),
  ]);
  const c = bulletinContent({ round: round('2026-10'), survey: named, results: r, series: [r], unit: r.units.D });
  t.same([c.honours?.top, c.honours?.bottom], [[], []]);
  t.match(c.opening, '各村（社区）得分与全区的差别均在抽样误差范围内，没有明显高于或低于全区的单位。');
  t.match(c.honours?.footnote, '共 0 个、0 个');
});

t.test('too few interviews, and no interview at all', async (t) => {
  const r = month('2026-10', null);
  const thin = bulletinContent({ round: round('2026-10'), survey, results: r, series: [r], unit: r.units.T3 });
  t.equal(thin.opening, '2026年10月，单位T3共完成有效答卷3份（配额20份），少于最低样本数5份，本期不计得分和排名。本月没有新增问题回执。');
  const empty = results('2026-10', [unit('D', 'district', null, null)]);
  const none = bulletinContent({ round: round('2026-10'), survey, results: empty, series: [empty], unit: empty.units.D });
  t.equal(none.opening, '2026年10月，单位D暂无有效答卷，本期不计得分和排名。');
});

t.test('the lines carry rank ranges and change verdicts; weak items their short names', async (t) => {
  const sep = month('2026-09', null);
  const oct = month('2026-10', '2026-09-s', 2);
  const c = bulletinContent({ round: round('2026-10'), survey: named, results: oct, series: [sep, oct], unit: oct.units.D });
  // Villages 93, 82, 77, 62 with SE 1: 11 and more points apart, so every rank is certain.
  t.same(c.villages?.rows.map((l) => l.rankRange), [[1, 1], [2, 2], [3, 3], [4, 4]]);
  t.same(c.children?.rows.map((l) => l.rankRange), [[1, 1], [2, 2], null], 'unranked: no range');
  t.same(c.villages?.rows.map((l) => l.scoreVerdict), ['flat', 'flat', 'flat', 'flat'], '+2 with SEs 1: within noise');
  t.same(c.indicators.map((i) => i.verdict), ['flat', 'flat', 'flat']);
  t.same(c.weak.find((w) => w.line.code === 'V1')?.items.map((i) => [i.shortName, i.text]), [['满意度', '满意吗']]);
  t.equal(c.headline.rankRange, null, 'the district is not ranked');
});
