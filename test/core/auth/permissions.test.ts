// The permission verbs with plain values: every verb asked by every role, on an object and without one (whether the
// role may take the verb at all), and the one sentence each refusal says.
import t from 'tap';
import type { StaffRole, StaffUser } from '../../../server/core/auth/staff.js';
import type { UnitTree } from '../../../server/core/auth/scope.js';
import { assigneeProblem, can, ROLE_REFUSALS, type Verb, type VerbObjects } from '../../../server/core/auth/permissions.js';

// 1 district; townships 10, 20; villages 11 (in 10), 21 (in 20); grids 111, 112 (in 11), 211 (in 21).
const PARENT: Record<number, number | null> = { 1: null, 10: 1, 20: 1, 11: 10, 21: 20, 111: 11, 112: 11, 211: 21 };
const units: UnitTree = {
  isWithin(unitId, ancestorId) {
    for (let u: number | null = unitId; u !== null && u !== undefined; u = PARENT[u] ?? null) if (u === ancestorId) return true;
    return false;
  },
};
const user = (id: number, role: StaffRole, unitId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, unitId });
const ROLES: Record<StaffRole, StaffUser> = {
  admin: user(1, 'admin', null),
  committee: user(2, 'committee', null),
  township: user(3, 'township', 10),
  grid: user(5, 'grid', 111),
};

// A receipt of grid 111 handed by the township to the grid's worker, who has answered it.
const receipt = { gridId: 111, state: 'answered', assigneeId: 5, assigneeUnitId: null, assignedBy: 3 };
const onReceipt = { receipt, units };
const checked = { ...onReceipt, assigner: ROLES.township };

/** Per verb: the object asked about, and per role true (allowed) or the refusal's sentence. */
const CASES: { [V in Verb]: { on: VerbObjects[V]; expect: Record<StaffRole, true | string> } } = {
  'receipt.view': { on: onReceipt, expect: { admin: true, committee: true, township: true, grid: true } },
  'receipt.assign': {
    on: { ...onReceipt, target: { kind: 'user', user: ROLES.grid } },
    expect: { admin: true, committee: true, township: true, grid: '网格员不能交办回执，请答复或联系乡镇（街道）综治中心' },
  },
  'receipt.answer': { on: onReceipt, expect: { admin: true, committee: true, township: true, grid: true } },
  'receipt.close': { on: checked, expect: { admin: true, committee: true, township: true, grid: '网格员不能办结回执，由交办的上级核实后办结' } },
  'receipt.return': { on: checked, expect: { admin: true, committee: true, township: true, grid: '网格员不能退回回执，由交办的上级核实答复' } },
  'receipt.dismiss': { on: onReceipt, expect: { admin: true, committee: true, township: true, grid: '网格员不能将回执标记为无需处理，请联系乡镇（街道）综治中心' } },
  'review.decide': {
    on: { round: { state: 'open' } },
    expect: { admin: true, committee: true, township: '只有政法委（平安办）和系统管理员可以处理待核查答卷', grid: '只有政法委（平安办）和系统管理员可以处理待核查答卷' },
  },
  'account.create': {
    on: { account: { role: 'grid', unitId: 111 }, units },
    expect: { admin: true, committee: true, township: '您无权创建或修改网格员账号（不能高于自己的权限范围）', grid: '您无权创建或修改网格员账号（不能高于自己的权限范围）' },
  },
  'account.edit': {
    on: { account: { id: 99, role: 'grid', unitId: 111 }, units, change: 'reset' },
    expect: { admin: true, committee: true, township: '您无权管理该网格员账号', grid: '您无权管理该网格员账号' },
  },
  'round.manage': { on: undefined, expect: { admin: true, committee: true, township: '只有政法委（平安办）和系统管理员可以设置、开始和结束轮次', grid: '只有政法委（平安办）和系统管理员可以设置、开始和结束轮次' } },
  'callback.report': { on: undefined, expect: { admin: true, committee: true, township: '只有政法委（平安办）和系统管理员可以查看回访报告', grid: '只有政法委（平安办）和系统管理员可以查看回访报告' } },
  'interviewer.quality': { on: undefined, expect: { admin: true, committee: true, township: true, grid: '只有政法委（平安办）、系统管理员和乡镇（街道）工作人员可以查看访员质量' } },
  // An interviewer who worked only another township's grid: the committee may draw, township staff may not.
  'callback.drawInterviewer': {
    on: { gridIds: [211], units },
    expect: { admin: true, committee: true, township: '该访员不在您的管辖范围内：乡镇（街道）工作人员只能为在本乡镇（街道）访问的访员抽取回访样本', grid: '只有政法委（平安办）、系统管理员和乡镇（街道）工作人员可以为访员抽取回访样本' },
  },
  'receipt.setDueDays': { on: undefined, expect: { admin: true, committee: true, township: '只有政法委（平安办）和系统管理员可以设置本轮回执的办理期限', grid: '只有政法委（平安办）和系统管理员可以设置本轮回执的办理期限' } },
  'audit.view': { on: undefined, expect: { admin: true, committee: true, township: '只有政法委（平安办）和系统管理员可以查看操作日志', grid: '只有政法委（平安办）和系统管理员可以查看操作日志' } },
  'document.issue': { on: undefined, expect: { admin: true, committee: true, township: '只有政法委（平安办）和系统管理员可以发文、查看发文登记', grid: '只有政法委（平安办）和系统管理员可以发文、查看发文登记' } },
  'token.manage': {
    on: undefined,
    expect: { admin: true, committee: '您没有权限查看该内容：API 令牌只由系统管理员签发和吊销', township: '您没有权限查看该内容：API 令牌只由系统管理员签发和吊销', grid: '您没有权限查看该内容：API 令牌只由系统管理员签发和吊销' },
  },
};

const outcome = (p: ReturnType<typeof can>): true | string => (p.allowed ? true : p.message);

t.test('every verb, asked by every role about an object', async (t) => {
  for (const verb of Object.keys(CASES) as Verb[]) {
    for (const role of Object.keys(ROLES) as StaffRole[]) {
      t.equal(outcome(can(ROLES[role], verb, CASES[verb].on)), CASES[verb].expect[role], `${role} ${verb}`);
    }
  }
});

t.test('every verb asked without an object: whether the role may take it at all, refused in the same sentence', async (t) => {
  const atAll: Record<Verb, Record<StaffRole, boolean>> = {
    'receipt.view': { admin: true, committee: true, township: true, grid: true },
    'receipt.assign': { admin: true, committee: true, township: true, grid: false },
    'receipt.answer': { admin: true, committee: true, township: true, grid: true },
    'receipt.close': { admin: true, committee: true, township: true, grid: false },
    'receipt.return': { admin: true, committee: true, township: true, grid: false },
    'receipt.dismiss': { admin: true, committee: true, township: true, grid: false },
    'review.decide': { admin: true, committee: true, township: false, grid: false },
    'account.create': { admin: true, committee: true, township: false, grid: false },
    'account.edit': { admin: true, committee: true, township: false, grid: false },
    'round.manage': { admin: true, committee: true, township: false, grid: false },
    'callback.report': { admin: true, committee: true, township: false, grid: false },
    'interviewer.quality': { admin: true, committee: true, township: true, grid: false },
    'callback.drawInterviewer': { admin: true, committee: true, township: true, grid: false },
    'receipt.setDueDays': { admin: true, committee: true, township: false, grid: false },
    'audit.view': { admin: true, committee: true, township: false, grid: false },
    'document.issue': { admin: true, committee: true, township: false, grid: false },
    'token.manage': { admin: true, committee: false, township: false, grid: false },
  };
  for (const verb of Object.keys(atAll) as Verb[]) {
    for (const role of Object.keys(ROLES) as StaffRole[]) {
      const expected = atAll[verb][role] ? true : ROLE_REFUSALS[verb];
      t.equal(outcome(can(ROLES[role], verb)), expected, `${role} ${verb}`);
    }
  }
  // The defect this module removes: a grid worker handing on one receipt and a village's receipts at once was told
  // two different things. Both ask the same verb now.
  t.equal(outcome(can(ROLES.grid, 'receipt.assign')), outcome(can(ROLES.grid, 'receipt.assign', CASES['receipt.assign'].on)));
});

t.test('the object decides beyond the role', async (t) => {
  const outsider = user(4, 'township', 20);
  for (const verb of ['receipt.view', 'receipt.assign', 'receipt.answer', 'receipt.close', 'receipt.return', 'receipt.dismiss'] as const) {
    t.equal(outcome(can(outsider, verb, checked)), '该回执不在您的管辖范围内', `another township: ${verb}`);
  }
  t.equal(outcome(can(ROLES.township, 'receipt.close', { ...onReceipt, assigner: ROLES.committee })), '该回执由政法委（平安办）交办，须由其核实后办结');
  t.equal(outcome(can(ROLES.township, 'receipt.return', { ...onReceipt, assigner: ROLES.committee })), '该回执由政法委（平安办）交办，须由其核实答复后退回');
  t.equal(outcome(can(user(6, 'grid', 112), 'receipt.answer', onReceipt)), '该回执已交办给其他承办人，只有承办人可以答复');

  const closed = can(ROLES.committee, 'review.decide', { round: { state: 'closed' } });
  t.same(closed, { allowed: false, message: '本轮已结束（或尚未开始），待核查答卷不能再处理', state: true }, 'a closed round: the step, not the user, is refused (409)');
  t.equal(outcome(can(ROLES.committee, 'review.decide', { round: { state: 'draft' } })), '本轮已结束（或尚未开始），待核查答卷不能再处理');

  t.equal(outcome(can(ROLES.committee, 'account.create', { account: { role: 'admin', unitId: null }, units })), '您无权创建或修改系统管理员账号（不能高于自己的权限范围）');
  t.equal(outcome(can(ROLES.admin, 'account.edit', { account: { id: 1, role: 'admin', unitId: null }, units, change: 'disable' })), '不能停用自己的账号');
  t.equal(outcome(can(ROLES.admin, 'account.edit', { account: { id: 1, role: 'admin', unitId: null }, units })), true, 'opening one\'s own account is no change');
});

t.test('who may be handed a receipt: one rule', async (t) => {
  t.equal(assigneeProblem(ROLES.grid), null);
  t.equal(assigneeProblem(ROLES.township), null);
  t.equal(assigneeProblem(ROLES.committee), '只能交办给网格员或乡镇（街道）工作人员');
  t.equal(assigneeProblem(ROLES.admin), '只能交办给网格员或乡镇（街道）工作人员');
  t.equal(assigneeProblem(user(9, 'grid', null)), '用户9的账号没有所属单位，不能交办');
});

t.test('a call-back draw for an interviewer: township staff for one who worked a grid of their township', async (t) => {
  t.equal(outcome(can(ROLES.township, 'callback.drawInterviewer', { gridIds: [211, 112], units })), true, 'one of the grids is theirs');
  t.equal(outcome(can(ROLES.committee, 'callback.drawInterviewer', { gridIds: [], units })), true);
});
