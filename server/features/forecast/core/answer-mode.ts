// Which answers the forecast pools (docs/statistics.md#answer-modes): the official poll is a random telephone survey,
// so by default ('auto') the forecast rests on phone interviews when its window holds at least the official sample
// size of them, and otherwise on every response with the mode gap stated as a caveat. The committee may fix it to
// 'phone' or 'all'; 'phone' without a single phone interview falls back to all responses, and says so.
export type ForecastAnswerMode = 'auto' | 'phone' | 'all';

export const FORECAST_ANSWER_MODES: readonly ForecastAnswerMode[] = ['auto', 'phone', 'all'];

export function isForecastAnswerMode(v: unknown): v is ForecastAnswerMode {
  return v === 'auto' || v === 'phone' || v === 'all';
}

export interface ModeChoice {
  used: 'phone' | 'all';
  /** What the page prints about it. */
  note: string;
}

export function chooseAnswerMode(setting: ForecastAnswerMode, phoneInterviews: number, sampleSize: number, gapSentence: string | null): ModeChoice {
  const caveat = gapSentence ? `方式差异：${gapSentence}` : '';
  if (setting === 'all') return { used: 'all', note: `按设置使用全部答卷（扫码、电话、纸质）。${caveat}` };
  if (phoneInterviews > 0 && (setting === 'phone' || phoneInterviews >= sampleSize)) {
    return { used: 'phone', note: `只用电话访问答卷（${phoneInterviews} 份），与正式民调的电话抽样方式一致。` };
  }
  const why = phoneInterviews === 0 ? '所依据的轮次没有电话访问答卷' : `电话访问答卷只有 ${phoneInterviews} 份，少于正式民调样本量 ${sampleSize} 份`;
  return { used: 'all', note: `${why}，使用全部答卷；扫码自助填答的结果可能比电话访问偏高或偏低。${caveat}` };
}
