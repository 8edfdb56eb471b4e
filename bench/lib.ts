// Shared pieces of the benchmarks: autocannon runs against 127.0.0.1 only, bounded in time.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

export type Log = (line: string) => void;

export interface LoadResult {
  rps: number;
  p99ms: number;
  errors: number;
  non2xx: number;
  /**
   * CPU time of the main thread per request, in µs (null where /proc is not readable). The server and the load
   * generator share that thread, so on a busy machine, where requests per second swing with what else runs, the
   * ratio of these is the steadier comparison of two servers; threads the server hands work to are not counted.
   */
  cpuUsPerRequest: number | null;
  /** CPU time of the whole process per request, in µs: every thread, the server's helpers (writer thread, GC) included. */
  processCpuUsPerRequest: number | null;
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const before = mainThreadCpuMs();
  const processBefore = process.cpuUsage();
  const result = await autocannon({ connections: 10, duration: 5, ...opts });
  const after = mainThreadCpuMs();
  const processUsed = process.cpuUsage(processBefore);
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p99ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuUsPerRequest: before !== null && after !== null && requests > 0 ? ((after - before) * 1000) / requests : null,
    processCpuUsPerRequest: requests > 0 ? (processUsed.user + processUsed.system) / requests : null,
  };
}

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** User and system CPU time of the main thread so far, in ms, from /proc/self/task/<pid>/stat (Linux only). */
export function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is the 3rd field, utime 14th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** "CPU per request: a µs vs b µs (a/b = x%)" — how much of the main thread each request of two servers takes. */
export function cpuComparison(server: LoadResult, baseline: LoadResult): string {
  if (server.cpuUsPerRequest === null || baseline.cpuUsPerRequest === null) return 'main-thread CPU not measurable here';
  const whole = server.processCpuUsPerRequest !== null && baseline.processCpuUsPerRequest !== null
    ? `; whole process ${server.processCpuUsPerRequest.toFixed(0)} µs vs ${baseline.processCpuUsPerRequest.toFixed(0)} µs`
    : '';
  return `main-thread CPU per request ${server.cpuUsPerRequest.toFixed(0)} µs vs bare ${baseline.cpuUsPerRequest.toFixed(0)} µs (bare/this = ${ratio(baseline.cpuUsPerRequest, server.cpuUsPerRequest)})${whole}`;
}

export function ratio(a: number, b: number): string {
  return b > 0 ? `${((a / b) * 100).toFixed(1)}%` : 'n/a';
}

export function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

/** Logs a staff user in through the login form (its CSRF token included); the session's cookies for app.inject. */
export async function logIn(app: FastifyInstance, username: string, password: string): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  const keep = (res: { cookies: Array<{ name: string; value: string }> }) => { for (const c of res.cookies) cookies[c.name] = c.value; };
  const page = await app.inject({ method: 'GET', url: '/login' });
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await app.inject({
    method: 'POST', url: '/login', cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`bench login as ${username} failed: ${res.statusCode}`);
  keep(res);
  return cookies;
}
