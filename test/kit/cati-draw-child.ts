// A second process drawing numbers from the same database file (cati-concurrency.test.ts): prints "ready", waits for
// a line on stdin, then draws one number for each interviewer as fast as it can and prints the contact ids as JSON.
import { createInterface } from 'node:readline';
import { openDatabase } from '../../server/platform/db.js';
import { createRepos } from '../../server/platform/repos.js';
import { minutesLater } from '../../server/features/phone-interviews/core/next-number.js';

const [file, roundId, gridIds, interviewerIds] = process.argv.slice(2);
const db = openDatabase(file);
const repos = createRepos(db);
const grids = gridIds.split(',').map(Number);
const interviewers = interviewerIds.split(',').map(Number);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  const drawn: number[] = [];
  for (const interviewer of interviewers) {
    const now = new Date();
    const contact = repos.cati.draw(Number(roundId), grids, interviewer, grids, now, minutesLater(now, 30));
    if (contact !== undefined) drawn.push(contact);
  }
  db.close();
  process.stdout.write(JSON.stringify(drawn) + '\n');
  lines.close();
});
