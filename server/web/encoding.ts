// Bodies that were not UTF-8 (a GBK form, a truncated byte sequence) decode to U+FFFD replacement characters.
// Storing them would keep garbage forever, so such submissions are refused with a clear message instead.
export function hasBrokenEncoding(value: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (typeof value === 'string') return value.includes('\uFFFD');
  if (Array.isArray(value)) return value.some((v) => hasBrokenEncoding(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\uFFFD') || hasBrokenEncoding(v, depth + 1));
  }
  return false;
}
