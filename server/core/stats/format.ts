// Numbers the way the bulletins in this field print them: scores with two decimals ("91.61"), rates as percentages
// with one decimal ("87.3%"), rank changes with arrows ("↑2", "↓1", "—"). A missing number prints as "—".

export type IntervalKind = 'score' | 'rate';

const MISSING = '—';

function present(x: number | null | undefined): x is number {
  return x !== null && x !== undefined && Number.isFinite(x);
}

/** toFixed, without printing "-0.00" for a value that rounds to zero. */
function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A 0–100 score: "91.61". */
export function formatScore(x: number | null | undefined): string {
  return present(x) ? fixed(x, 2) : MISSING;
}

/** A 0–1 rate as a percentage: 0.873 → "87.3%". */
export function formatRate(p: number | null | undefined): string {
  return present(p) ? `${fixed(p * 100, 1)}%` : MISSING;
}

/** Places moved: +2 → "↑2", −1 → "↓1", 0 → "—"; no previous rank (null) → "". */
export function formatRankChange(d: number | null | undefined): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return '';
  if (d === 0) return MISSING;
  return d > 0 ? `↑${d}` : `↓${-d}`;
}

/** A 95% interval: "89.12–94.10" for scores, "82.1%–94.6%" for rates; "—" when either end is missing. */
export function formatInterval(lo: number | null | undefined, hi: number | null | undefined, kind: IntervalKind): string {
  if (!present(lo) || !present(hi)) return MISSING;
  const f = kind === 'rate' ? formatRate : formatScore;
  return `${f(lo)}–${f(hi)}`;
}
