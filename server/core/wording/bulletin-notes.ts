// The plain-Chinese lines every bulletin format prints (page, print, Word, image): the phone work in one sentence, the
// glossary under the first table, the rank-change rule and the open round's mark. Typed once so no two formats
// explain the same number differently.
import type { AaporRates } from '../results/types.js';
import { formatRate } from '../stats/format.js';
import { chinaMinute, readInstant } from '../time/china-time.js';
import { FLAT_LABEL } from './changes.js';

/** What the three words of a ranking table mean, printed under the first table that uses them. */
export const GLOSSARY =
  '读表说明：“95%区间”是按本次样本推算的得分可能范围（样本越少范围越宽，不超出 0–100 分）；' +
  '“可能 a–b 名”是考虑抽样误差后名次可能落在的范围；' +
  `“${FLAT_LABEL}”表示与上月相比的变化在抽样误差以内，不宜当作升降。`;

/** The rank-change rule (docs/statistics.md#rankings), stated on the page under its ranking. */
export const RANK_CHANGE_RULE =
  '名次变化只在两个月参加排名的单位基本相同（相同单位占 95% 以上）时列出；两个月参加排名的单位不同，名次不可比，不列名次变化。';

/** "进行中（截至 2026-12-07 15:30）": an open round's tables are provisional. */
export function inProgressLabel(computedAt: string): string {
  const at = readInstant(computedAt);
  return `进行中（截至 ${at ? chinaMinute(at) : computedAt}）`;
}

/** Calls that reached someone eligible (AAPOR's contacts: complete, partial, refusal, other). */
function reached(a: AaporRates): number {
  const c = a.counts;
  return c.I + c.P + c.R + c.O;
}

/**
 * The round's phone work in one sentence ("本月拨打电话 N 个，接通 …，完成访问 …，应答率约 …%"). The rate is RR3,
 * AAPOR's response rate with unknown numbers counted eligible in proportion e; the full table is the appendix's.
 */
export function callsSentence(a: AaporRates, when: string): string {
  const c = a.counts;
  const dialled = Object.values(c).reduce((s, x) => s + x, 0);
  const rate = a.RR3 === null ? '' : `，应答率约 ${formatRate(a.RR3)}`;
  return `${when}拨打电话 ${dialled} 个，接通并找到合格受访者 ${reached(a)} 个，完成访问 ${c.I} 个${rate}。`;
}
