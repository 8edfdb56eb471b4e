// `npm run bench`: every benchmark in sequence, each printing its numbers and how they compare with its target.
import { run as runForm } from './form.js';
import { run as runResults } from './results.js';

const log = (line: string) => process.stdout.write(line + '\n');
const only = process.argv[2];

const benches: Array<[string, (log: (line: string) => void) => Promise<void>]> = [
  ['form', runForm],
  ['results', runResults],
];

for (const [name, run] of benches) {
  if (only && only !== name) continue;
  log(`\n== bench: ${name}`);
  await run(log);
}
