// The demo district with its closed months, for tests that read a bulletin's outputs over real-looking data: October
// 2026 against September, as the committee (weifa) downloads them.
import type { Test } from 'tap';
import { build, logIn } from './app.js';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { demoDatabase } from './demo-db.js';

export async function demoMonths(t: Test) {
  const built = await build(t, { from: await demoDatabase() });
  const rounds = built.repos.rounds.list();
  const october = rounds.find((r) => r.period === '2026-10');
  const september = rounds.find((r) => r.period === '2026-09');
  if (!october || !september) throw new Error('the demo has September and October 2026');
  const committee = await logIn(built.app, 'weifa', DEMO_PASSWORD);
  return { ...built, october, september, committee };
}
