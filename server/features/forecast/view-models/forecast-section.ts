// The forecast of the official poll as a section of the district's monthly bulletin (screen, print and Word): one
// paragraph in the committee's words from forecastSummary (features/forecast/forecast.ts), its caveat, and a link to the page
// with the plan. The same sentences go into the page and the .docx, so they cannot disagree.
import { formatRate, formatScore } from '../../../core/stats/index.js';
import type { ForecastSummary } from '../forecast.js';

export interface ForecastSectionView {
  /** What the forecast says (or why there is none), in plain official Chinese. */
  paragraph: string;
  /** What it leaves out, in one sentence. */
  caveat: string;
  href: string;
}

const CAVEAT =
  '预测把模拟民调受访者视为全区居民的代表，只计入正式民调样本量带来的抽样波动；受访人群、问卷措辞和访问时间的差别未计入，同类区县得分按最近公布值计。';

export function forecastSectionOf(summary: ForecastSummary): ForecastSectionView {
  return { paragraph: forecastParagraph(summary), caveat: CAVEAT, href: '/forecast' };
}

/** "按正式民调每次 200 人的样本模拟 10,000 次，……" — or the reason there is no forecast. */
export function forecastParagraph(s: ForecastSummary): string {
  if (!s.ok || s.expected === null) return `本期暂无正式民调预测：${s.reason ?? '数据不足'}`;
  const basis = s.rounds.length > 1 ? `最近 ${s.rounds.length} 轮模拟民调` : '本轮模拟民调';
  const ranges = [
    s.range80 ? `有 80% 的可能在 ${formatScore(s.range80[0])}–${formatScore(s.range80[1])} 分之间` : null,
    s.range95 ? `95% 的可能在 ${formatScore(s.range95[0])}–${formatScore(s.range95[1])} 分之间` : null,
  ].filter((x): x is string => x !== null);
  const rank = s.likeliestRank
    ? `在录入的 ${s.likeliestRank.of} 个区县中最可能排第 ${s.likeliestRank.rank} 名（可能性 ${formatRate(s.likeliestRank.probability)}）`
    : '未录入同类区县得分，暂不估计名次';
  const size = s.sampleSize ?? 0;
  return `按${basis}的结果模拟正式民调（每次随机抽取 ${size} 人），预计本区${s.compositeName ?? '综合得分'}为 ${formatScore(s.expected)} 分，${ranges.join('，')}；${rank}。`;
}
