// Results are keyed by unit code, and codes can be anything an import or a URL carries. A record without a prototype
// keeps `__proto__` or `constructor` an ordinary key (an assignment to `__proto__` on a plain object changes its
// prototype instead, and the grid vanished from the results), and a lookup of an unknown code gives undefined instead
// of an inherited function.

/** A prototype-less record of the entries. */
export function codeRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** The value under `code` when it is the record's own (safe on plain objects too, e.g. after JSON.parse). */
export function ownEntry<T>(record: Readonly<Record<string, T>>, code: string): T | undefined {
  return Object.hasOwn(record, code) ? record[code] : undefined;
}
