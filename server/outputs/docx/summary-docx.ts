// The half-year summary (半年一小结) as a Word notice: the same view as the page (view-models/summary.ts), its own
// months, each level's trend table and chart, the movers, the persistently last, the receipts and the roster sweep.
import type { FileChild } from 'docx';
import type { DocumentMark } from '../../features/documents/core/official-notice.js';
import type { UnitLevel } from '../../core/units/unit.js';
import type { SummarySection, SummaryView, TrendRow } from '../../features/bulletin/view-models/summary.js';
import { bodyParagraph, chart, heading, note, noticeDocx, table } from './notice.js';
import { ADDRESSEES } from './bulletin-docx.js';
import { changeWithWord, FLAT_LABEL } from '../../core/wording/changes.js';
import { possibleRanks, rankCell } from '../../core/wording/ranks.js';
import { INSUFFICIENT_LABEL } from '../../core/wording/samples.js';
import { DASH } from '../../features/bulletin/view-models/numbers.js';

const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The content's own 综述 when it has one (a string field `opening`), else null. */
function viewOpening(view: SummaryView): string | null {
  return 'opening' in view && typeof view.opening === 'string' && view.opening.trim() !== '' ? view.opening.trim() : null;
}

/** One paragraph from the headline numbers: the months, the unit's first and last month, the receipts. */
export function summaryOpening(view: SummaryView): string {
  const own = view.own;
  const known = own.values.filter((v) => v !== DASH && v !== INSUFFICIENT_LABEL);
  const trend = own.trendFlat ? `半年走势${FLAT_LABEL}` : `月均变化 ${changeWithWord(own.trend, own.trendWord)}`;
  const scores = known.length > 0 ? `${view.composite.name}各月依次为 ${own.values.join('、')}，半年得分 ${own.halfYear}（95% 区间 ${own.halfYearInterval}），${trend}。` : '';
  const r = view.receipts.total;
  const receipts = r.opened > 0 ? `半年共产生问题回执 ${r.opened} 件，已答复 ${r.answered} 件，逾期 ${r.overdue} 件，问题解决反馈率 ${r.feedbackRate}。` : '';
  return `${view.rangeLabel}，${view.unitName}共开展月度模拟民调 ${view.monthCount} 次。${scores}${receipts}现将半年情况小结如下：`;
}

/** The trend as the page prints it: the slope and its word (上升, 下降, 基本持平). */
function trendCell(r: TrendRow): string {
  return changeWithWord(r.trend, r.trendWord);
}

/** The page's 阅读说明 in short, formulas included. */
function readingNotes(view: SummaryView): string[] {
  return [
    '说明：',
    `1. 半年得分为样本充足各月得分的平均数 H = Σmᵢ ÷ k，标准误 SE(H) = √(ΣSEᵢ²) ÷ k，95% 区间 H ± 1.96 × SE(H)；至少 ${view.monthsForRank} 个月样本充足的单位参加半年排名。`,
    `2. 月均变化为各月得分对月份的加权最小二乘斜率 b（权重 1 ÷ SEᵢ²），SE(b) = 1 ÷ √(Σwᵢ(xᵢ − x̄)²)；|b| 不超过 1.96 × SE(b) 为“${FLAT_LABEL}”。进步最快、退步最多只列趋势明显的单位。`,
    `3. 持续靠后：半年得分的 95% 区间整体低于${view.unitName}半年得分的单位。`,
    `4. “${possibleRanks('a–b')}”为按各单位半年得分及其标准误模拟得出的名次范围（与月度通报同一规则）；区间相互重叠的单位，名次差别可能只是抽样误差。`,
  ];
}

function levelSection(s: SummarySection, view: SummaryView): Array<{ title: string; blocks: FileChild[] }> {
  const rows = s.rows.map((r) => [rankCell(r.halfYearRank, r.halfYearRankRange), r.parentName ? `${r.name}（${r.parentName}）` : r.name, ...r.values, r.halfYear, r.halfYearSe, r.halfYearInterval, trendCell(r)]);
  // Short month headings (7月): six months, the half-year and its SE fit A4 portrait without three-line headers.
  const headers = ['半年排名', s.levelName, ...view.monthHeads, '半年得分', '标准误', '95% 区间', '月均变化'];
  const numeric = headers.map((_, i) => i !== 1);
  const moves = (label: string, list: typeof s.improved) =>
    list.length > 0 ? bodyParagraph(`${label}：${list.map((c) => `${c.name}（${c.first} → ${c.last}，月均 ${c.slope}）`).join('；')}。`) : null;
  const persistent =
    s.persistent.length > 0
      ? bodyParagraph(`持续靠后的${s.levelName}：${s.persistent.map((p) => `${p.name}（半年得分 ${p.score}，${p.times} 个月明显低于${view.unitName}）`).join('、')}。`)
      : null;
  const blocks: FileChild[] = [
    ...(s.chart ? chart(s.chart.svg, s.chart.caption) : []),
    table(headers, rows, numeric),
    ...[moves(`进步最快的${s.levelName}`, s.improved), moves(`退步最多的${s.levelName}`, s.declined), persistent].filter((p) => p !== null),
  ];
  return [{ title: `各${s.levelName}半年走势`, blocks }];
}

function receiptsSection(view: SummaryView): { title: string; blocks: FileChild[] } | null {
  const { total, rows } = view.receipts;
  if (total.opened === 0) return null;
  const line = (r: typeof total) => [r.name, String(r.opened), String(r.answered), String(r.overdue), r.feedbackRate];
  return { title: '问题回执办理情况', blocks: [table(['单位', '回执（件）', '已答复（件）', '逾期（件）', '问题解决反馈率'], [...rows.map(line), line(total)], [false, true, true, true, true])] };
}

function sweepSection(view: SummaryView): { title: string; blocks: FileChild[] } | null {
  const s = view.sweep;
  if (!s || s.empty) return null;
  // The page's sentence and tables (view-models/summary.ts): coverage against the roster, not a quota.
  const reach = s.coverage ? `已回访 ${s.coverage}` : `共完成 ${s.n} 份答卷`;
  const intro = bodyParagraph(`${s.title}${view.unitName}${reach}，${s.compositeName} ${s.composite}（95% 区间 ${s.interval}）。`);
  const reached = s.coverage ? '已回访' : '完成';
  const rows = s.rows.map((r) => [r.name, r.coverage || String(r.n), r.insufficient ? INSUFFICIENT_LABEL : r.composite, r.interval]);
  const units = rows.length > 0 ? [table([s.levelName, reached, s.compositeName, '95% 区间'], rows, [false, true, true, true])] : [];
  const categoryRows = s.categories.map((c) => [c.category, ...(s.coverage ? [c.coverage] : []), String(c.n), c.composite, c.interval, ...c.indices]);
  const categoryHeaders = ['类别', ...(s.coverage ? ['已回访'] : []), '完成', s.compositeName, '95% 区间', ...s.indexNames];
  const categories = categoryRows.length > 0
    ? [note('按号码类别（各类别内等权计算）：', false), table(categoryHeaders, categoryRows, categoryHeaders.map((_, i) => i > 0))]
    : [];
  return { title: '民调数据库普测', blocks: [intro, ...units, ...categories] };
}

export function summaryBody(view: SummaryView): FileChild[] {
  const own = view.own;
  const ownTable = table(
    ['单位', ...view.monthHeads, '半年得分', '标准误', '95% 区间', '月均变化'],
    [[own.name, ...own.values, own.halfYear, own.halfYearSe, own.halfYearInterval, trendCell(own)]],
    [false, ...view.months.map(() => true), true, true, true, true],
  );
  const sections = [
    { title: `${view.unitName}${view.composite.name}走势`, blocks: [ownTable] as FileChild[] },
    ...view.sections.flatMap((s) => levelSection(s, view)),
    receiptsSection(view),
    sweepSection(view),
  ].filter((s) => s !== null);
  const body: FileChild[] = [bodyParagraph(viewOpening(view) ?? summaryOpening(view))];
  sections.forEach((s, i) => body.push(heading(`${SECTION_NUMBERS[i] ?? String(i + 1)}、${s.title}`), ...s.blocks));
  if (view.fewerMonths) body.push(note(`本期只有 ${view.monthCount} 个月的月度民调，小结按现有月份计算。`, true));
  body.push(...readingNotes(view).map((text) => note(text, true)));
  return body;
}

export function summaryDocx(view: SummaryView, level: UnitLevel, mark: DocumentMark): Promise<Buffer> {
  return noticeDocx({ mark, title: view.title, addressees: ADDRESSEES[level], body: summaryBody(view), closing: '特此小结。' });
}
