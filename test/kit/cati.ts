// Fixtures for the phone-interview tests: the small district, an open round that collects by phone, staff of each
// role, and roster contacts written straight into `contacts` (the roster import has tests of its own), their
// numbers sealed with the box the app opens them with.
import { createHash } from 'node:crypto';
import type { Db } from '../../server/platform/db.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Unit } from '../../server/core/units/unit.js';
import { RosterKeys } from '../../server/features/roster/roster-keys.js';
import { openRound, smallDistrict, type SmallDistrict } from './fixtures.js';
import { testConfig } from './helper.js';
import type { Survey } from '../../server/core/survey/model.js';
import type { StaffSession } from './staff-session.js';
import { shownFor, type Plain } from './resident.js';

export const PASSWORD = 'staff password 123';

export interface CatiWorld extends SmallDistrict {
  round: Round;
  /** Grid D01-T1-V1-G1, the grid worker's. */
  myGrid: Unit;
  /** D01-T1-V1-G2: same township, another grid. */
  neighbourGrid: Unit;
  /** D01-T2-V1-G1: another township. */
  farGrid: Unit;
}

/** A fictional mainland mobile number, unique per index (the 170 range is not handed to residents). */
export function fakeNumber(i: number): string {
  return `170${String(10_000_000 + i).slice(-8)}`;
}

export function maskNumber(n: string): string {
  return `${n.slice(0, 3)}****${n.slice(-4)}`;
}

/** Adds roster contacts to a grid; returns their ids in order. */
export function addContacts(db: Db, gridId: number, numbers: readonly string[], category = '常住居民'): number[] {
  const box = new RosterKeys(testConfig().secret ?? '').box;
  const insert = db.prepare(
    `INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, category, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction(() => numbers.map((n) => {
    const hash = createHash('sha256').update(`test:${n}`).digest('hex');
    return Number(insert.run(gridId, box.seal(n), hash, maskNumber(n), category, new Date().toISOString()).lastInsertRowid);
  }))();
}

/** The district, an open round with the phone channel (quota 5 per grid), and staff: grid worker, a second grid
 * worker of the same grid, a worker of the neighbouring grid, the township and the committee. */
export function catiWorld(repos: Repos): CatiWorld {
  const district = smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', { channels: ['web', 'phone'], quotaPerGrid: 5 });
  const byCode = (code: string) => district.grids.find((g) => g.code === code) ?? district.grids[0];
  const myGrid = byCode('D01-T1-V1-G1');
  const neighbourGrid = byCode('D01-T1-V1-G2');
  const farGrid = byCode('D01-T2-V1-G1');
  const user = (username: string, displayName: string, role: 'grid' | 'township' | 'committee', unitId: number | null) =>
    repos.users.create({ username, displayName, password: PASSWORD, role, unitId });
  user('grid', '网格员王五', 'grid', myGrid.id);
  user('grid2', '网格员赵六', 'grid', myGrid.id);
  user('neighbour', '网格员钱七', 'grid', neighbourGrid.id);
  user('township', '镇综治中心李四', 'township', district.townships[0].id);
  user('committee', '政法委张三', 'committee', null);
  return { ...district, round, myGrid, neighbourGrid, farGrid };
}

/** The contact id a "下一个号码" reply redirected to. */
export function drawnContact(location: unknown): number | undefined {
  const m = /\/calls\/(\d+)$/.exec(String(location ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** Form fields of answers (q_<id>), and the question ids the screen showed. */
export function answerFields(survey: Survey, plain: Plain): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = { shown: shownFor(survey, plain) };
  for (const [id, v] of Object.entries(plain)) fields[`q_${id}`] = v;
  return fields;
}

/** Local China time `hours` from now, as a datetime-local field holds it. */
export function chinaLocal(hours: number): string {
  return new Date(Date.now() + (8 + hours) * 3600_000).toISOString().slice(0, 16);
}

export async function takeNext(s: StaffSession, code: string): Promise<number | undefined> {
  await s.get(`/cati/${code}`);
  const res = await s.post(`/cati/${code}/next`, {});
  return drawnContact(res.headers.location);
}
