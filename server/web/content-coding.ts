// Which compression a client accepts, read from its Accept-Encoding header (RFC 9110 §12.5.3): codings with q=0 are
// refused, `*` stands for any coding not named, and among equally weighted codings the server's order decides (br
// first: smaller than gzip for the same text).
export type ContentCoding = 'br' | 'gzip';

/** The coding to send from `available` (in the server's order of preference), or null for the plain bytes. */
export function chooseCoding(header: string | string[] | undefined, available: readonly ContentCoding[]): ContentCoding | null {
  if (header === undefined) return null;
  const weights = new Map<string, number>();
  for (const item of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = item.trim().toLowerCase().split(';');
    if (name === '') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: ContentCoding | null = null;
  let bestWeight = 0;
  for (const coding of available) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
