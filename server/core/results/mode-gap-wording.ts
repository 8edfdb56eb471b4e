// The mode gap as a bulletin prints it (docs/statistics.md#answer-modes): one sentence on the composite's web − phone
// gap and a small table of every pair's composite and index gaps, the same words on the page, in print, in Word and
// in the workbook. A gap within noise is said to be within noise, whatever its sign.
import { Z_95, formatScore } from '../stats/index.js';
import type { Survey } from '../survey/model.js';
import type { ModeGap, AnswerMode } from './mode-gaps.js';

export const MODE_LABELS: Readonly<Record<AnswerMode, string>> = { web: '扫码自助填答', phone: '电话访问', paper: '纸质问卷' };

export interface ModeGapRow {
  pair: string;
  index: string;
  /** Printed: signed, two decimals; '—' without a value. */
  value: string;
  /** Half-width of the 95% interval, printed. */
  margin: string;
  verdict: string;
  grids: number;
}

export interface ModeGapSection {
  sentence: string;
  rows: ModeGapRow[];
}

function signed(v: number): string {
  return `${v > 0 ? '+' : ''}${formatScore(v)}`;
}

function verdictOf(g: ModeGap): string {
  if (g.value === null || g.se === null) return '无法判断';
  if (!g.real) return '在抽样误差以内';
  return g.value > 0 ? '明显偏高' : '明显偏低';
}

/** The section for a unit's gaps, or null when the unit has none. */
export function modeGapSection(gaps: readonly ModeGap[] | undefined, survey: Survey): ModeGapSection | null {
  if (!gaps || gaps.length === 0) return null;
  const names = new Map(survey.indices.map((ix) => [ix.id, ix.name]));
  const rows = gaps.map((g) => ({
    pair: `${MODE_LABELS[g.modes[0]]} − ${MODE_LABELS[g.modes[1]]}`,
    index: g.index === 'composite' ? (survey.composite.name || '综合得分') : (names.get(g.index) ?? g.index),
    value: g.value === null ? '—' : signed(g.value),
    margin: g.se === null ? '—' : formatScore(Z_95 * g.se),
    verdict: verdictOf(g),
    grids: g.grids,
  }));
  const main = gaps.find((g) => g.index === 'composite' && g.modes[0] === 'web') ?? gaps.find((g) => g.index === 'composite');
  if (!main || main.value === null) return { sentence: '', rows };
  const [a, b] = main.modes.map((m) => MODE_LABELS[m]);
  const size = `${formatScore(Math.abs(main.value))} 分（误差范围 ±${main.se === null ? '—' : formatScore(Z_95 * main.se)}，${main.grids} 个网格）`;
  const sentence = main.real
    ? `在两种方式都有回答的网格中，${a}的综合得分比${b}${main.value > 0 ? '高' : '低'} ${size}，超出抽样误差：${a}的结果不宜直接当作正式电话民调的预期。`
    : `在两种方式都有回答的网格中，${a}与${b}的综合得分相差 ${size}，在抽样误差以内。`;
  return { sentence, rows };
}
