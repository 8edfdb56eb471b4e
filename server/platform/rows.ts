// SQLite rows come back with the columns' snake_case names; the product's types use camelCase. A row whose columns
// are exactly its type's fields needs no hand-written mapping, which would repeat every field name twice.

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The row's type with each column renamed to camelCase: display_name → displayName. */
export type CamelRow<R> = { [K in keyof R & string as Camel<K>]: R[K] };

/** The same row with camelCase keys (values untouched). */
export function camelRow<R extends object>(row: R): CamelRow<R> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  return out as CamelRow<R>;
}
