// The forecast of the official poll from a sampling frame: the simulated polls' spread, the analytic values they
// should match, and the rank among peers. What the forecast leaves out is said with it (CAVEATS), on every page.
import { analyticForecast, type AnalyticForecast } from './analytic.js';
import type { SampleFrame } from './frame.js';
import { rankProbabilities, type Peer, type RankChance } from './ranks.js';
import { drawOfficialPolls, spreadOf, type DrawOptions, type DrawSet, type ForecastSpread } from './simulate.js';

export const DEFAULT_DRAWS = 10_000;

export const CAVEATS: readonly string[] = [
  '把模拟民调受访者当作全区居民的代表：模拟民调的受访者（扫码、网格员电话、纸质）与正式民调随机电话抽到的居民可能不同，这种差别没有计入。',
  '只计入正式民调样本量带来的抽样波动；问卷措辞、访问员、时间点的差别没有计入。',
  '同类区县的成绩按录入的最近公布分数计算，视为固定不变（除非录入了其波动）。',
  '“需要多少人改变”以模拟民调受访者计，并假定这些改变在正式民调中同样存在。',
];

export interface Forecast {
  sampleSize: number;
  draws: number;
  /** Draws without a composite (a weighted item with no valid answer in the sample). */
  missingDraws: number;
  spread: ForecastSpread | null;
  analytic: AnalyticForecast | null;
  /** Empty when no peers were entered. */
  ranks: RankChance[];
  /** Responses the frame holds. */
  responses: number;
}

export interface ForecastRun {
  forecast: Forecast;
  set: DrawSet;
}

export function forecastOfficialPoll(frame: SampleFrame, options: DrawOptions, peers: readonly Peer[]): ForecastRun {
  const set = drawOfficialPolls(frame, options);
  return {
    set,
    forecast: {
      sampleSize: options.sampleSize,
      draws: options.draws,
      missingDraws: set.missing,
      spread: spreadOf(set),
      analytic: analyticForecast(frame, options.sampleSize),
      ranks: peers.length > 0 ? rankProbabilities(set, peers, options.seed) : [],
      responses: frame.size,
    },
  };
}

/** The most likely rank (the first of equals), or null without peers. */
export function likeliestRank(ranks: readonly RankChance[]): RankChance | null {
  let best: RankChance | null = null;
  for (const r of ranks) if (!best || r.probability > best.probability) best = r;
  return best;
}
