// Small helpers shared by the chart builders: XML escaping, coordinates, axis ticks. Charts are plain strings of SVG
// drawn on the server, so a page needs no chart library and prints the same as it shows.

/** Escapes text for XML character data and attribute values. Every label passes through here. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A coordinate with at most two decimals: enough for a crisp drawing, short enough to keep pages small. */
export function coord(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** An id fragment safe to use in `id="…"` and `url(#…)`: ids of inline SVGs are shared by the whole page. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}

/** Shortens a label to `max` characters with an ellipsis; the full text goes in a tooltip `<title>`. */
export function truncate(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Roughly how wide a label is in ems: CJK and other wide characters count 1, the rest 0.55. */
export function textWidthEm(label: string): number {
  let width = 0;
  for (const ch of label) width += /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55;
  return width;
}

/** "Nice" tick values (steps of 1, 2 or 5 × 10^k) covering [min, max], about `target` of them. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  const rough = (max - min) / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  // Integer multiples of the step avoid 0.30000000000000004-style labels.
  for (let i = Math.ceil(min / step - 1e-9); i * step <= max + step * 1e-9; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A domain rounded outwards to nice values around the data, with a little room on each side. */
export function niceDomain(values: number[], bounds: [number, number] = [-Infinity, Infinity], step = 5): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [Math.max(bounds[0], 0), Math.min(bounds[1], 100)];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = Math.max((hi - lo) * 0.1, step / 2);
  let from = Math.floor((lo - pad) / step) * step;
  let to = Math.ceil((hi + pad) / step) * step;
  from = Math.max(bounds[0], from);
  to = Math.min(bounds[1], to);
  if (to <= from) to = from + step;
  return [from, to];
}

/** Maps a value in [d0, d1] to [r0, r1], clamped so marks never leave the plot. */
export function scaleLinear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => {
    const clamped = Math.min(Math.max(v, Math.min(d0, d1)), Math.max(d0, d1));
    return r0 + ((clamped - d0) / span) * (r1 - r0);
  };
}

/** Default number format of the charts: two decimals, the way scores are written in the field. */
export function twoDecimals(value: number): string {
  return value.toFixed(2);
}

/** The font stack of every chart: the page's own CJK fonts, so labels match the tables. */
export const CHART_FONT = 'system-ui, -apple-system, &quot;PingFang SC&quot;, &quot;Microsoft YaHei&quot;, &quot;Noto Sans CJK SC&quot;, sans-serif';

/** The opening `<svg>` tag with its accessible name: role img, aria-label and a `<title>`/`<desc>` pair. */
export function svgOpen(id: string, width: number, height: number, title: string, description: string): string {
  const t = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" viewBox="0 0 ${coord(width)} ${coord(height)}" ` +
    `width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="${t}" aria-describedby="${id}-desc" ` +
    `font-family="${CHART_FONT}" font-size="12">` +
    `<title>${t}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
  );
}
