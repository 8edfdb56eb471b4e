// `npm run bench`: every benchmark in sequence, each printing its numbers and how they compare with its target.
// Each benchmark runs in a process of its own, so that one's memory (the peak RSS the results benchmark reports) and
// warmed-up state never count against another. `node dist/bench/run.js NAME` runs one in this process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run as runForm } from './form.js';
import { run as runResults } from './results.js';
import { run as runReceipts } from './receipts.js';
import { run as runNextNumber } from './next-number.js';
import { run as runRankRanges } from './rank-ranges.js';
import { run as runBulletinDocx } from './bulletin-docx.js';
import { run as runRankingImage } from './ranking-image.js';
import { run as runForecast } from './forecast.js';
// Uploads read off the event loop (table worker).
import { run as runUpload } from './upload.js';
import { run as runEventLoop } from './event-loop.js';
import { run as runSmallArea } from './small-area.js';

const log = (line: string) => process.stdout.write(line + '\n');
const only = process.argv[2];

const benches: Array<[string, (log: (line: string) => void) => Promise<void>]> = [
  ['form', runForm],
  ['results', runResults],
  ['receipts', runReceipts],
  ['next-number', runNextNumber],
  ['rank-ranges', runRankRanges],
  ['bulletin-docx', runBulletinDocx],
  ['ranking-image', runRankingImage],
  ['forecast', runForecast],
  ['upload', runUpload],
  ['event-loop', runEventLoop],
  ['small-area', runSmallArea],
];

if (only === undefined) {
  let failed = 0;
  for (const [name] of benches) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (child.status !== 0) failed++;
  }
  process.exitCode = failed > 0 ? 1 : 0;
} else {
  const bench = benches.find(([name]) => name === only);
  if (!bench) {
    process.stderr.write(`unknown benchmark "${only}"; one of: ${benches.map(([n]) => n).join(', ')}\n`);
    process.exitCode = 2;
  } else {
    log(`\n== bench: ${bench[0]}`);
    await bench[1](log);
  }
}
