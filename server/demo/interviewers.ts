// The demo's phone interviewers: two staff accounts in each township's 综治中心 who phone the township's grids. The
// second one of the first township (the xiangzhen login's own, so that login sees the mark) fills interviews in
// rather than asking them (server/demo/simulate/modes.ts), so the interviewers' page marks exactly one 需核查.
import type { Repos } from '../platform/repos.js';
import type { Unit } from '../core/units/unit.js';
import { DEMO_WEB_SHIFT, type ModePlan, type SimInterviewer } from './simulate/modes.js';

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
  return { interviewers, webShift: DEMO_WEB_SHIFT };
}
