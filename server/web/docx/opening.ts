// The opening paragraph of a Word bulletin. The bulletin's own 综述 (a sentence-by-sentence summary of the numbers in
// plain official Chinese) belongs to the content model; until the content carries one, this says the headline
// numbers in one paragraph. Replaceable: when the content has its text, that text is used as is.
import type { BulletinContent } from '../../domain/bulletin/content-types.js';
import type { BulletinView, TableView } from '../view-models/bulletin.js';

/** The content's own 综述 when it has one (a string field `opening`), else null. */
export function contentOpening(content: BulletinContent): string | null {
  if ('opening' in content && typeof content.opening === 'string' && content.opening.trim() !== '') return content.opening.trim();
  return null;
}

function firstAndLast(table: TableView | null): string {
  const ranked = (table?.rows ?? []).filter((r) => r.rank !== '').sort((a, b) => Number(a.rank) - Number(b.rank));
  if (!table || ranked.length < 2) return '';
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  return `参与排名的 ${ranked.length} 个${table.levelName}中，${first.name}得分最高（${first.composite}），${last.name}得分最低（${last.composite}）。`;
}

/** One paragraph from the headline numbers: fieldwork, the score with its change and rank, first and last below. */
export function generatedOpening(view: BulletinView): string {
  const o = view.overview;
  const parts = [`${view.periodLabel}，${view.unitName}平安建设民调共完成有效答卷 ${o.n} 份（配额 ${o.quota} 份，完成率 ${o.completion}）。`];
  if (view.empty) parts.push('本轮暂无有效答卷，暂无得分和排名。');
  else if (o.insufficient) parts.push(`完成答卷少于 ${view.minSample} 份，本期不计得分和排名。`);
  else {
    const change = o.scoreChange === '—' ? '' : `，较上月 ${o.scoreChange}`;
    const rank = o.rank ? `，在${view.rankScope}同级单位中排第 ${o.rank} 名` : '';
    parts.push(`${view.composite.name} ${o.composite}（95% 区间 ${o.interval}）${change}${rank}。`);
    parts.push(firstAndLast(view.children));
  }
  const r = view.receipts.total;
  if (r.opened > 0) parts.push(`本轮共产生问题回执 ${r.opened} 张，已答复 ${r.answered} 张，逾期 ${r.overdue} 张。`);
  parts.push('现将有关情况通报如下：');
  return parts.join('');
}

export function openingOf(content: BulletinContent, view: BulletinView): string {
  return contentOpening(content) ?? generatedOpening(view);
}
