// The monthly bulletin (一月一通报) of one unit as a Word notice: the same view the page shows (every number formatted
// by view-models/, the same charts), laid out as numbered sections of a 公文.
import { Paragraph, type FileChild } from 'docx';
import type { BulletinContent } from '../../features/bulletin/core/content-types.js';
import type { DocumentMark } from '../../features/documents/core/official-notice.js';
import type { UnitLevel } from '../../core/units/unit.js';
import type { BulletinView, TableView } from '../../features/bulletin/view-models/bulletin.js';
import { bodyParagraph, chart, heading, note, noticeDocx, predrawCharts, table } from './notice.js';
import { openingOf } from './opening.js';
import { changeWithWord, FLAT_LABEL } from '../../core/wording/changes.js';
import { possibleRanks, rankCell } from '../../core/wording/ranks.js';
import type { ForecastSectionView } from '../../features/forecast/view-models/forecast-section.js';
import { INSUFFICIENT_LABEL } from '../../core/wording/samples.js';
import { DASH } from '../../features/bulletin/view-models/numbers.js';

const SECTION_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** 主送机关: the units the bulletin goes to, one level below its own. */
export const ADDRESSEES: Record<UnitLevel, string> = {
  district: '各乡镇（街道）政法委员、综治中心：',
  township: '各村（社区）：',
  village: '各网格：',
  grid: '',
};

type Section = { title: string; blocks: FileChild[] } | null;

/** An open round's tables say so (进行中（截至 …）): no rank changes, no 红榜/黑榜. */
function progress(view: BulletinView): FileChild[] {
  return view.inProgress ? [note(`${view.inProgress}：阶段结果，不列名次变化和红榜、黑榜。`)] : [];
}

function overviewSection(view: BulletinView): Section {
  if (view.empty || view.overview.insufficient) return null;
  const rows = view.indicators.map((i) => [i.name, i.value, i.interval, i.n, i.dontKnow, changeWithWord(i.change, i.changeWord)]);
  // Short item names, as the page (the full question is in 逐题得分).
  const weak = view.ownWeak.length > 0 ? [note(`最薄弱的三项：${view.ownWeak.map((w) => `第 ${w.number} 题 ${w.shortName}（${w.value}）`).join('；')}`)] : [];
  // A roster sweep says how much of the roster it reached, as its page does (core/results/sweep-coverage.ts).
  const reach = view.sweepCoverage ? [bodyParagraph(`已回访（按花名册）：${view.sweepCoverage}。`)] : [];
  return {
    title: '总体情况',
    blocks: [
      ...progress(view),
      ...reach,
      table(['指标', '本月', '95% 区间', '有效回答', '不了解占比', '较上月'], rows, [false, true, true, true, true, true]),
      note(view.glossary),
      ...weak,
    ],
  };
}

// Villages and grids with a small-area model carry the page's three model columns (docs/statistics.md#small-area-estimates).
const MODEL_HEADERS = ['模型估计', '模型 95% 区间', '本单位样本权重'];

function rankingRows(t: TableView, showParent: boolean): string[][] {
  return t.rows.map((r) => {
    const parent = showParent ? [r.parentName] : [];
    const model = t.hasModel ? (r.insufficient ? [DASH, DASH, DASH] : [r.modelScore || DASH, r.modelInterval || DASH, r.gamma || DASH]) : [];
    if (r.insufficient) return [INSUFFICIENT_LABEL, r.name, ...parent, r.done, DASH, DASH, DASH, DASH, ...model];
    const mark = r.highlight === 'top' ? '（红榜）' : r.highlight === 'bottom' ? '（黑榜）' : '';
    const rank = rankCell(r.rank, r.rankRange);
    const change = changeWithWord(r.scoreChange, r.scoreWord);
    return [rank, `${r.name}${mark}`, ...parent, r.done, r.composite, r.interval, change, r.rankChange, ...model];
  });
}

function rankingSection(title: string, t: TableView | null, view: BulletinView, svg: { svg: string; caption: string } | null, showParent = false): Section {
  if (!t) return null;
  const model = t.hasModel ? MODEL_HEADERS : [];
  const headers = [t.rankHeader, t.levelName, ...(showParent ? ['所属乡镇（街道）'] : []), t.doneHeader, view.composite.name, '95% 区间', '较上月', '名次变化', ...model];
  const numeric = [true, false, ...(showParent ? [false] : []), true, true, true, true, true, ...model.map(() => true)];
  return {
    title,
    blocks: [
      ...progress(view),
      table(headers, rankingRows(t, showParent), numeric),
      ...(t.rankNote ? [note(t.rankNote)] : []),
      note(t.rankRule),
      ...t.modelNote.map((line) => note(line)),
      ...(svg ? chart(svg.svg, svg.caption) : []),
    ],
  };
}

function honoursSection(view: BulletinView): Section {
  const h = view.honours;
  if (!h) return null;
  const list = (rows: typeof h.top) => rows.map((r) => `${r.name}（${r.composite}）`).join('、') || '无';
  const lists = h.none
    ? [bodyParagraph(`${h.scope}中没有得分明显高于或低于总体的单位，本期不列红榜、黑榜。`)]
    : [bodyParagraph(`${h.scope}红榜：${list(h.top)}。`), bodyParagraph(`${h.scope}黑榜：${list(h.bottom)}。`)];
  return { title: '红榜与黑榜', blocks: [...lists, ...(h.footnote ? [note(h.footnote)] : [])] };
}

function insufficientNote(view: BulletinView): FileChild[] {
  const names = [...(view.children?.insufficient ?? []), ...(view.villages?.insufficient ?? [])].map((r) => r.name);
  const unique = [...new Set(names)];
  return unique.length > 0 ? [note(`样本不足（少于 ${view.minSample} 份）、不计得分和排名的单位：${unique.join('、')}。`)] : [];
}

function weakSection(view: BulletinView): Section {
  if (view.weak.length === 0) return null;
  const rows = view.weak.map((w) => [w.parentName ? `${w.name}（${w.parentName}）` : w.name, w.items.map((i) => `第 ${i.number} 题 ${i.shortName}（${i.value}）`).join('；')]);
  return { title: '各单位薄弱项', blocks: [table(['单位', '得分最低的三项'], rows)] };
}

function itemsSection(view: BulletinView): Section {
  if (view.items.length === 0) return null;
  const rows = view.items.map((i) => [i.number, `${i.name}${i.weak ? '（薄弱）' : ''}`, i.value, i.interval, i.n, changeWithWord(i.change, i.changeWord)]);
  return { title: '逐题得分', blocks: [table(['题号', '题目', '本月', '95% 区间', '有效回答', '较上月'], rows, [true, false, true, true, true, true])] };
}

function receiptsSection(view: BulletinView): Section {
  const { total, rows } = view.receipts;
  if (total.opened === 0 && rows.every((r) => r.opened === 0)) return null;
  const line = (r: typeof total) => [r.name, String(r.opened), String(r.answered), String(r.closed), String(r.overdue), r.feedbackRate];
  return {
    title: '问题回执办理情况',
    blocks: [table(['单位', '新增回执（件）', '已答复（件）', '其中已办结（件）', '逾期未办（件）', '问题解决反馈率'], [...rows.map(line), line(total)], [false, true, true, true, true, true])],
  };
}

/** The phone work in one plain sentence; the AAPOR counts and rates are the appendix (aaporAppendix). */
function callsSection(view: BulletinView): Section {
  if (!view.aapor || !view.calls) return null;
  return { title: '电话访问情况', blocks: [bodyParagraph(view.calls), note('各项拨打结果和按美国民意研究协会（AAPOR）标准计算的各类应答率见文后附表。')] };
}

/** 附表: every disposition count and every AAPOR rate, for whoever checks the phone work. */
function aaporAppendix(view: BulletinView): FileChild[] {
  const a = view.aapor;
  if (!a) return [];
  const rates = a.groups.map((g) => [g.name, g.rates.map((r) => `${r.label} ${r.value}`).join('，')]);
  return [
    new Paragraph({ pageBreakBefore: true, children: [] }),
    heading('附表：电话访问结果明细（AAPOR 标准）'),
    table(['拨打结果', '号码数'], a.counts.map((c) => [c.label, String(c.value)]), [false, true]),
    table(['指标', '数值'], [...rates, ['资格估计 e', a.e]]),
    note('编号越大，对无法确认是否合格的号码越宽松；正文的“应答率”为 RR3。'),
  ];
}

function forecastSection(forecast: ForecastSectionView | null): Section {
  return forecast ? { title: '正式民调预测', blocks: [bodyParagraph(forecast.paragraph), note(forecast.caveat)] } : null;
}

// Mode gap (docs/statistics.md#answer-modes): the page's sentence and table.
function modeGapDocxSection(view: BulletinView): Section {
  const m = view.modeGaps;
  if (!m) return null;
  const rows = m.rows.map((r) => [r.pair, r.index, r.value, r.margin, r.verdict, String(r.grids)]);
  const blocks = [table(['比较', '指标', '差值', '误差范围（±）', '判断', '网格数'], rows, [false, false, true, true, false, true])];
  return { title: '不同回答方式的差异', blocks: m.sentence ? [bodyParagraph(m.sentence), ...blocks] : blocks };
}

function sections(view: BulletinView, forecast: ForecastSectionView | null): Section[] {
  if (view.empty) return [];
  const { charts } = view;
  return [
    overviewSection(view),
    rankingSection(`各${view.children?.levelName ?? ''}得分与排名`, view.children, view, charts.ranking),
    rankingSection('全区各村（社区）排名', view.villages, view, charts.villages, true),
    honoursSection(view),
    weakSection(view),
    itemsSection(view),
    charts.trend ? { title: '近期走势', blocks: chart(charts.trend.svg, charts.trend.caption) } : null,
    receiptsSection(view),
    forecastSection(forecast),
    callsSection(view),
    modeGapDocxSection(view),
  ];
}

/** The page's 阅读说明 in short: what the interval, the minimum sample and the ranks mean. */
function readingNotes(view: BulletinView): string[] {
  return [
    '说明：',
    '1. 95% 区间为按本月样本推算的得分可能范围；两个单位的区间相互重叠时，名次差别可能只是抽样误差，不宜过度解读。',
    `2. 完成答卷少于 ${view.minSample} 份的单位为样本不足，只列完成数，不计得分、不参加排名，也不上红黑榜。`,
    '3. 得分按网格常住人口加权；排名按得分保留两位小数，得分相同名次并列；较上月与名次变化与上一轮同一问卷比较。',
    `4. 较上月的变化未超出两轮抽样误差（95%）的标为“${FLAT_LABEL}”；“${possibleRanks('x–y')}”为按各单位得分及其误差模拟得出的名次范围。`,
  ];
}

/** The body of the bulletin: the opening paragraph, then the numbered sections that have something to say. */
export function bulletinBody(content: BulletinContent, view: BulletinView, forecast: ForecastSectionView | null = null): FileChild[] {
  const present = sections(view, forecast).filter((s): s is NonNullable<Section> => s !== null);
  const body: FileChild[] = [bodyParagraph(openingOf(content))];
  present.forEach((s, i) => body.push(heading(`${SECTION_NUMBERS[i] ?? String(i + 1)}、${s.title}`), ...s.blocks));
  body.push(...insufficientNote(view));
  if (view.stateNote) body.push(note(view.stateNote));
  body.push(...readingNotes(view).map((text) => note(text, true)));
  return body;
}

/** `forecast`: the district's forecast of the official poll, only in the committee's own bulletin. */
export async function bulletinDocx(content: BulletinContent, view: BulletinView, mark: DocumentMark, forecast: ForecastSectionView | null = null): Promise<Buffer> {
  const level = content.unit.level;
  const { ranking, villages, trend } = view.charts;
  await predrawCharts([ranking, villages, trend].flatMap((c) => (c ? [c.svg] : [])));
  return noticeDocx({ mark, title: view.title, addressees: ADDRESSEES[level], body: bulletinBody(content, view, forecast), closing: '特此通报。', appendix: aaporAppendix(view) });
}
