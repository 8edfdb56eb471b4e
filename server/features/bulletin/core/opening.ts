// The opening paragraph (综述) of a bulletin, written from its numbers in plain official Chinese: the unit's score
// and its change (基本持平 when within noise), how many units were ranked and who is first and last, who stands out,
// the weakest items and the receipts. A pure function of the content, so the page, the print, the Word document
// and any image say the same words.
import type { BulletinContent, UnitTableContent } from './content-types.js';
import { formatRate, formatScore } from '../../../core/stats/format.js';
import { periodLabel } from '../../../core/time/period.js';
import { directionWord, FLAT_LABEL, verdictWord } from '../../../core/wording/changes.js';
import { possibleOrdinalRanks } from '../../../core/wording/ranks.js';

export type OpeningSource = Omit<BulletinContent, 'opening'>;

/** "甲、乙和丙". */
function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`;
}

// Official prose (公文) writes numbers without the spaces the screen pages put around them: "完成有效答卷20份".
function points(x: number): string {
  return `${formatScore(Math.abs(x))}分`;
}

const COUNT_WORDS = ['', '一', '两', '三'];

/** "三项", "两项", "一项"; digits beyond three. */
function itemCount(k: number): string {
  return `${COUNT_WORDS[k] ?? String(k)}项`;
}

function scoreSentence(c: OpeningSource): string {
  const h = c.headline;
  const name = c.metrics.composite.name;
  const e = h.composite;
  if (!e || e.value === null) return '';
  const interval = e.lo !== null && e.hi !== null ? `（95%区间${formatScore(e.lo)}–${formatScore(e.hi)}）` : '';
  const since = c.round.kind === 'monthly' ? '较上月' : '较上一轮';
  let change = '';
  if (h.scoreChange !== null && h.scoreVerdict !== null) {
    const moved = h.scoreChange === 0 ? '' : `${directionWord(h.scoreChange)}${points(h.scoreChange)}，`;
    if (h.scoreVerdict === 'flat') change = `，${since}${FLAT_LABEL}（${moved}在抽样误差范围内）`;
    else change = `，${since}${verdictWord(h.scoreVerdict)}${points(h.scoreChange)}`;
  }
  const possible = possibleOrdinalRanks(h.rankRange);
  const rank = h.rank !== null ? `，在${c.rankScope}同级单位中排第${h.rank}名${possible ? `（${possible}）` : ''}` : '';
  return `${name}为${points(e.value)}${interval}${change}${rank}。`;
}

function rankingSentence(table: UnitTableContent | null): string {
  if (!table) return '';
  const ranked = table.rows.filter((r) => r.rank !== null && r.composite.value !== null);
  const thin = table.insufficient.length > 0 ? `（另有${table.insufficient.length}个样本不足，未参加排名）` : '';
  if (ranked.length < 2) return ranked.length === 0 && thin ? `各${table.levelLabel}均样本不足，未排名。` : '';
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  return (
    `参加排名的${table.levelLabel}${ranked.length}个${thin}，` +
    `${first.name}得分最高（${points(first.composite.value ?? 0)}），${last.name}最低（${points(last.composite.value ?? 0)}）。`
  );
}

function honoursSentence(c: OpeningSource): string {
  const h = c.honours;
  if (!h) return '';
  if (h.top.length === 0 && h.bottom.length === 0) {
    return `各${h.levelLabel}得分与${h.referenceName}的差别均在抽样误差范围内，没有明显高于或低于${h.referenceName}的单位。`;
  }
  const parts: string[] = [];
  if (h.top.length > 0) parts.push(`明显高于${h.referenceName}的有${listOf(h.top.map((l) => l.name))}`);
  if (h.bottom.length > 0) parts.push(`明显低于${h.referenceName}的有${listOf(h.bottom.map((l) => l.name))}`);
  return `${h.levelLabel}中，${parts.join('；')}。`;
}

function weakSentence(c: OpeningSource): string {
  if (c.ownWeak.length === 0) return '';
  const items = c.ownWeak.map((w) => `${w.shortName}（${points(w.value)}）`);
  return `${c.isTop && c.unit.level === 'district' ? '全区' : c.unit.name}得分最低的${itemCount(c.ownWeak.length)}是${listOf(items)}。`;
}

function receiptSentence(c: OpeningSource): string {
  const r = c.receipts.total.receipts;
  const when = c.round.kind === 'monthly' ? '本月' : '本轮';
  if (r.opened === 0) return `${when}没有新增问题回执。`;
  const open = r.opened - r.answered;
  const overdue = r.overdue > 0 ? `，其中逾期${r.overdue}件` : '';
  const rate = r.feedbackRate !== null ? `，问题解决反馈率${formatRate(r.feedbackRate)}` : '';
  return `${when}新增问题回执${r.opened}件，已答复${r.answered}件${rate}；尚未答复${open}件${overdue}。`;
}

/** The 综述 paragraph of a bulletin. */
export function openingParagraph(c: OpeningSource): string {
  const h = c.headline;
  const who = c.unit.name;
  const when = periodLabel(c.round.period);
  if (h.empty) return `${when}，${who}暂无有效答卷，本期不计得分和排名。`;
  const sample = `${when}，${who}共完成有效答卷${h.n}份${h.quota > 0 ? `（配额${h.quota}份）` : ''}`;
  if (h.insufficient) return `${sample}，少于最低样本数${c.minSample}份，本期不计得分和排名。${receiptSentence(c)}`;
  const tables = c.unit.level === 'district' ? [c.children, c.villages] : [c.children];
  return [`${sample}。`, scoreSentence(c), ...tables.map(rankingSentence), honoursSentence(c), weakSentence(c), receiptSentence(c)].join('');
}
