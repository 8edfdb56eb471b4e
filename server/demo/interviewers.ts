// The demo's phone interviewers: two staff accounts in each township's 综治中心 who phone the township's grids. The
// second one of the first township (the xiangzhen login's own, so that login sees the mark) fills interviews in
// rather than asking them (server/demo/simulate/modes.ts), so the interviewers' page marks exactly one 需核查. In the
// first village (社区/村) of each township the grid workers key in paper questionnaires, each in their own grid (the
// wanggeyuan login's grid among them), so the paper − phone gap has something to measure.
import type { Repos } from '../platform/repos.js';
import type { Unit } from '../core/units/unit.js';
import { DEMO_PAPER_SHARE, DEMO_PAPER_SHIFT, DEMO_WEB_SHIFT, type ModePlan, type SimInterviewer } from './simulate/modes.js';

const PER_TOWNSHIP = 2;
const NAMES = ['甲', '乙'];

/** Username of the demo's fabricating interviewer. */
export const DEMO_FABRICATOR = 'fangyuan12';

/** Creates the interviewer accounts (with the demo password) and returns how the demo's interviews are collected. */
export function seedDemoInterviewers(repos: Repos, townships: readonly Unit[], password: string): ModePlan {
  const interviewers = new Map<number, SimInterviewer[]>();
  townships.forEach((township, t) => {
    const staff: SimInterviewer[] = [];
    for (let k = 0; k < PER_TOWNSHIP; k++) {
      const username = `fangyuan${t + 1}${k + 1}`;
      const user = repos.users.create({ username, displayName: `${township.name}综治中心 访员${NAMES[k]}`, password, role: 'township', unitId: township.id });
      staff.push({ id: user.id, fabricates: username === DEMO_FABRICATOR });
    }
    for (const grid of repos.units.descendants(township.id, 'grid')) interviewers.set(grid.id, staff);
  });
  const paperKeyers = seedPaperKeyers(repos, townships, password);
  return { interviewers, webShift: DEMO_WEB_SHIFT, paperKeyers, paperShare: DEMO_PAPER_SHARE, paperShift: DEMO_PAPER_SHIFT };
}

/** A grid worker for each grid of each township's first village (an existing account of the grid kept), by grid id. */
function seedPaperKeyers(repos: Repos, townships: readonly Unit[], password: string): Map<number, number> {
  const keyers = new Map<number, number>();
  for (const township of townships) {
    const [village] = repos.units.descendants(township.id, 'village').sort((a, b) => a.code.localeCompare(b.code));
    if (!village) continue;
    for (const grid of repos.units.descendants(village.id, 'grid')) {
      const existing = repos.users.list().find((u) => u.role === 'grid' && u.unitId === grid.id);
      const worker = existing ?? repos.users.create({
        username: `wg${grid.code.replace(/\D/g, '')}`, displayName: `${grid.name}网格员`, password, role: 'grid', unitId: grid.id,
      });
      keyers.set(grid.id, worker.id);
    }
  }
  return keyers;
}
