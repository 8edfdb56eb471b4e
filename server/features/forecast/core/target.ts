// The committee's target for "what would it take", as typed in the page's form or the API's query: a score or a
// rank, and the probability to reach it with (a percentage 50–99, or a fraction). Absent fields take the defaults.
import { checkRank, checkScore } from './settings.js';
import type { ForecastTarget } from './improve.js';

export interface TargetInput {
  target?: 'score' | 'rank';
  score?: string;
  rank?: string;
  p?: string;
}

export type TargetChoice = { ok: true; target: ForecastTarget; wanted: number } | { ok: false; message: string };

export function checkWanted(text: string | undefined, fallback: number): { ok: true; value: number } | { ok: false; message: string } {
  const t = (text ?? '').trim().replace(/%$/, '');
  if (t === '') return { ok: true, value: fallback };
  const n = /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
  const p = n > 0 && n < 1 ? n : n / 100;
  if (!(p >= 0.5 && p <= 0.99)) return { ok: false, message: '达到目标的概率应为 50%–99% 之间' };
  return { ok: true, value: p };
}

export function checkTarget(input: TargetInput, fallback: ForecastTarget, wantedFallback: number): TargetChoice {
  const wanted = checkWanted(input.p, wantedFallback);
  if (!wanted.ok) return wanted;
  const kind = input.target ?? (input.rank ? 'rank' : input.score ? 'score' : fallback.kind);
  if (kind === 'score') {
    if (!input.score?.trim()) return fallback.kind === 'score' ? { ok: true, target: fallback, wanted: wanted.value } : { ok: false, message: '请填写目标得分' };
    const s = checkScore(input.score, '目标得分');
    return s.ok ? { ok: true, target: { kind: 'score', score: s.value }, wanted: wanted.value } : s;
  }
  if (!input.rank?.trim()) return fallback.kind === 'rank' ? { ok: true, target: fallback, wanted: wanted.value } : { ok: false, message: '请填写目标名次' };
  const r = checkRank(input.rank);
  if (!r.ok) return r;
  return r.value === null ? { ok: false, message: '请填写目标名次' } : { ok: true, target: { kind: 'rank', rank: r.value }, wanted: wanted.value };
}
