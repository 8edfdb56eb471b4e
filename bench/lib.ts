// Shared pieces of the benchmarks: autocannon runs against 127.0.0.1 only, bounded in time.
import autocannon from 'autocannon';

export type Log = (line: string) => void;

export interface LoadResult {
  rps: number;
  p99ms: number;
  errors: number;
  non2xx: number;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 10, duration: 5, ...opts });
  return {
    rps: result.requests.average,
    p99ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function ratio(a: number, b: number): string {
  return b > 0 ? `${((a / b) * 100).toFixed(1)}%` : 'n/a';
}

export function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}
