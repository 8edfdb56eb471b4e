// The demo district's roster (民调数据库): a fixed number of contacts per grid, by category, with FICTIONAL numbers.
// Every demo number lies in the block 199 99xx xxxx (19999000000–19999999999), chosen to be recognisable as made up
// (a demo number must never be one a real person could be called on by mistake: do not replace these with random,
// real-looking numbers); nothing else in the demo uses the block. Deterministic: the
// same grids get the same numbers on every fresh demo.
import type { Repos } from '../platform/repos.js';
import type { NewContact } from '../features/roster/contacts-repo.js';
import type { Unit } from '../core/units/unit.js';
import { parsePhone } from '../core/privacy/phone.js';

/** Contacts per grid: more than any demo grid calls in one month (at most about 80), so every demo call has a
 * contact of its own. */
export const DEMO_CONTACTS_PER_GRID = 100;
const FICTIONAL_PREFIX = '19999';
const FICTIONAL_BLOCK = 1_000_000;

/** Category of the i-th contact of a grid: about 60% residents, 20% migrants, the rest firms, schools, key groups. */
function categoryOf(i: number): string {
  const slot = i % 20;
  if (slot < 12) return '常住居民';
  if (slot < 16) return '流动人口';
  if (slot < 18) return '企业';
  if (slot < 19) return '学校';
  return '重点人群';
}

/** The n-th fictional number (n < 1,000,000). */
export function demoNumber(n: number): string {
  if (n < 0 || n >= FICTIONAL_BLOCK) throw new Error(`demo roster: number ${n} outside the fictional block`);
  return `${FICTIONAL_PREFIX}${String(n).padStart(6, '0')}`;
}

/**
 * Imports the roster of these grids and returns each grid's contact ids in roster order. With more grids than the
 * fictional block holds, the grids past it get fewer (or no) contacts; their calls then have no contact, as a call
 * typed in by hand would.
 */
export function seedDemoRoster(repos: Repos, grids: readonly Unit[]): Map<number, number[]> {
  const rows: NewContact[] = [];
  grids.forEach((grid, g) => {
    for (let i = 0; i < DEMO_CONTACTS_PER_GRID; i++) {
      const n = g * DEMO_CONTACTS_PER_GRID + i;
      if (n >= FICTIONAL_BLOCK) return;
      const parsed = parsePhone(demoNumber(n));
      if (!parsed.ok) throw new Error(`demo roster: ${parsed.problem}`);
      rows.push({ gridId: grid.id, canonical: parsed.phone.canonical, masked: parsed.phone.masked, category: categoryOf(i), name: null, note: null });
    }
  });
  const ids = repos.contacts.importMany(rows, null, { source: 'demo' });
  const byGrid = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const list = byGrid.get(row.gridId);
    if (list) list.push(ids[i]);
    else byGrid.set(row.gridId, [ids[i]]);
  });
  return byGrid;
}
