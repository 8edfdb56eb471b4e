// Ranking image benchmark: the demo district's ranking pictures for work groups — its townships and all
// its villages — from the bulletin content to the PNG, as the route draws them. Prints the time of each step (the
// round's results are computed once beforehand, as the bulletin page would have; the content comes from the bulletin
// service, previous rounds included, as the route gets it) and the picture's size.
// SAFEPOLL_BENCH_PNG=folder also writes the pictures there, to look at.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/platform/db.js';
import { createRepos } from '../server/platform/repos.js';
import { seedDemoIfEmpty } from '../server/demo/seed.js';
import { getRoundResults } from '../server/features/results/round-results.js';
import { bulletinFor } from '../server/features/bulletin/bulletin-service.js';
import { topUnit } from '../server/core/results/summary.js';
import { RANKING_IMAGE_WIDTH } from '../server/outputs/charts/ranking-image.js';
import { rankedTableOf, rankingImageSvg } from '../server/features/bulletin/view-models/bulletin-charts.js';
import { svgToPng } from '../server/outputs/images/raster.js';
import { verdict, type Log } from './lib.js';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export async function run(log: Log): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-bench-ranking-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    await seedDemoIfEmpty(db, { log: () => undefined, now: new Date('2026-11-22T10:00:00+08:00') });
    const repos = createRepos(db);
    const round = repos.rounds.list().find((r) => r.state === 'closed');
    if (!round) throw new Error('demo has no closed round');
    const results = getRoundResults(repos, round);
    const unit = topUnit(results);
    if (!unit) throw new Error('demo round has no top unit');
    const out = process.env.SAFEPOLL_BENCH_PNG;
    if (out) mkdirSync(out, { recursive: true });
    for (const level of ['township', 'village'] as const) {
      const samples: Array<{ content: number; svg: number; png: number }> = [];
      let png: Buffer = Buffer.alloc(0);
      for (let i = 0; i < RUNS; i++) {
        const content = timed(() => bulletinFor(repos, round, unit));
        const table = rankedTableOf(content.value, level);
        if (!table) throw new Error(`no ${level} ranking`);
        const svg = timed(() => rankingImageSvg(content.value, table, `${unit.name}平安办`));
        const raster = timed(() => svgToPng(svg.value, RANKING_IMAGE_WIDTH));
        samples.push({ content: content.ms, svg: svg.ms, png: raster.ms });
        png = raster.value;
      }
      const total = median(samples.map((s) => s.content + s.svg + s.png));
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      log(
        `ranking image, ${unit.name} ${level} (${w}×${h} px, ${(png.length / 1024).toFixed(0)} KB): median of ${RUNS} ${total.toFixed(0)} ms ` +
          `(content ${median(samples.map((s) => s.content)).toFixed(0)}, SVG ${median(samples.map((s) => s.svg)).toFixed(1)}, PNG ${median(samples.map((s) => s.png)).toFixed(0)}; first ${(samples[0].content + samples[0].svg + samples[0].png).toFixed(0)}) ` +
          `(target < 1000 ms) ${verdict(total < 1000)}`,
      );
      if (out) writeFileSync(join(out, `demo-${level}.png`), png);
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
