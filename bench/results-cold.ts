// A closed round's results computed cold in a process of its own: the database opened afresh, nothing of the round in
// memory or in results_cache, the code not yet warmed up — what the first read after a server's start (or
// `safepoll results`) costs when nothing was stored. The results benchmark generates its 200,000 responses in its
// own process, whose heap then holds the generation's garbage, which a server's never does; it prints its own figure
// for comparison. Prints one JSON line: wall and main-thread CPU ms (the CPU time is the steadier figure on a machine
// where other work runs: the wall clock then counts the time the process waited for a core).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/platform/db.js';
import { createRepos } from '../server/platform/repos.js';
import { getRoundResults } from '../server/features/results/round-results.js';
import { mainThreadCpuMs } from './lib.js';

export interface ColdResult {
  ms: number;
  /** Main-thread CPU time: steadier than the wall clock on a machine where other work runs. */
  cpuMs: number | null;
  composite: number | null;
  n: number;
}

const self = fileURLToPath(import.meta.url);

/** The round's results computed in a fresh process from the database at `path` (results_cache emptied first). */
export function coldInFreshProcess(path: string, roundId: number): ColdResult {
  const child = spawnSync(process.execPath, [self, path, String(roundId)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`cold results process failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as ColdResult;
}

function measure(path: string, roundId: number): ColdResult {
  const db = openDatabase(path);
  try {
    db.prepare('DELETE FROM results_cache WHERE round_id = ?').run(roundId);
    const repos = createRepos(db);
    const round = repos.rounds.getById(roundId);
    if (!round) throw new Error(`round ${roundId} missing`);
    const cpuBefore = mainThreadCpuMs();
    const start = performance.now();
    const results = getRoundResults(repos, round);
    const ms = performance.now() - start;
    const cpuAfter = mainThreadCpuMs();
    const root = Object.values(results.units).find((u) => u.level === 'district');
    return { ms, cpuMs: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null, composite: root?.composite.value ?? null, n: root?.n ?? 0 };
  } finally {
    db.close();
  }
}

if (process.argv[1] === self) {
  process.stdout.write(JSON.stringify(measure(process.argv[2], Number(process.argv[3]))) + '\n');
}
