// The roster tests' district: the small fixture district with one login per role, and helpers to send a roster file
// through the staff pages (pasted or uploaded) and to look for numbers in clear in the database files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { smallDistrict } from './fixtures.js';
import { testConfig, type StaffSession, PASSWORD } from './app.js';
import { createRepos, type Repos } from '../../server/platform/repos.js';
import type { Db } from '../../server/platform/db.js';

/** Repositories keyed like the app the tests build (the configured test secret), so hashes and seals agree. */
export function appRepos(db: Db): Repos {
  return createRepos(db, { secret: testConfig().secret });
}

/** The fixture district (D01, townships D01-T1/T2, grids D01-T1-V1-G1 …) and committee/township/grid logins. */
export function withRosterStaff(repos: Repos): void {
  smallDistrict(repos);
  const id = (code: string) => repos.units.getByCode(code)?.id ?? null;
  repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
  repos.users.create({ username: 'township', displayName: '东城街道综治中心', password: PASSWORD, role: 'township', unitId: id('D01-T1') });
  repos.users.create({ username: 'grid', displayName: '东门社区网格员', password: PASSWORD, role: 'grid', unitId: id('D01-T1-V1-G1') });
}

export async function pasteCsv(s: StaffSession, csv: string): Promise<LightMyRequestResponse> {
  await s.get('/roster');
  return s.post('/roster/import', { csv });
}

/** Uploads a roster file from the roster page, as its file input does. */
export async function uploadFile(s: StaffSession, filename: string, data: Buffer): Promise<LightMyRequestResponse> {
  await s.get('/roster');
  return s.upload('/roster/upload', { name: filename, data });
}

/** Every way a number's digits could sit in a file in clear: as ASCII and as UTF-16 (SQLite stores UTF-8 here). */
export function clearTextHits(dir: string, canonicals: readonly string[]): string[] {
  const files = readdirSync(dir).filter((f) => /\.db(-wal|-shm)?$/.test(f));
  const hits: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    for (const c of canonicals) {
      const digits = c.replace('-', '');
      for (const form of new Set([c, digits])) if (bytes.includes(Buffer.from(form))) hits.push(`${file}: ${form}`);
    }
  }
  return hits;
}
