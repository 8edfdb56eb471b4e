// The life of a round: draft → open → closed, nothing else. Pure; the repository enforces it on every change.
// (The "new round" form and its defaults live in round-form.ts.)

import { ALL_CHANNELS, ROUND_STATE_LABELS, type ChannelName, type RoundState } from '../../../core/rounds/round.js';
import { Period } from '../../../core/time/period.js';

const NEXT: Readonly<Record<RoundState, RoundState | null>> = { draft: 'open', open: 'closed', closed: null };


export function canTransition(from: RoundState, to: RoundState): boolean {
  return NEXT[from] === to;
}

/** Null when the change is allowed, else a Chinese message saying why not. */
export function transitionProblem(code: string, from: RoundState, to: RoundState): string | null {
  if (canTransition(from, to)) return null;
  const verb = to === 'open' ? '开启' : to === 'closed' ? '结束' : '改回草稿';
  if (from === to) return `轮次 ${code} 已经是${ROUND_STATE_LABELS[to]}状态`;
  return `轮次 ${code} 当前为${ROUND_STATE_LABELS[from]}状态，不能${verb}（只能 草稿→进行中→已结束）`;
}


/** Parses the stored comma-separated channel list, keeping known channels in their canonical order. */
export function parseChannels(text: string): ChannelName[] {
  const given = new Set(text.split(',').map((c) => c.trim()));
  return ALL_CHANNELS.filter((c) => given.has(c));
}

/**
 * Null when `period` names a calendar month `YYYY-MM` (every kind of round), or a half year `YYYY-H1`/`YYYY-H2`
 * for a roster sweep; else a Chinese message saying what is expected. Years 2000–2100.
 */
export function periodProblem(period: string, kind: 'monthly' | 'sweep' | 'adhoc'): string | null {
  const parsed = Period.parse(period);
  if (parsed && parsed.year >= 2000 && parsed.year <= 2100 && (parsed.kind === 'month' || kind === 'sweep')) return null;
  if (period === '') return '请填写民调期间（如 2025-03）';
  return kind === 'sweep' ? `期间格式不正确：“${period}”，应为 2025-03 或 2025-H1` : `期间格式不正确：“${period}”，应为年-月，如 2025-03`;
}
