// What a staff member may do, as verbs the routes ask: `can(user, 'receipt.assign', { receipt, target, units })`.
// Each verb's rule is written here once, and a refusal is one Chinese sentence the page shows as it is (the web layer
// turns it into the 403, or the 409 for a step the object's state no longer allows: server/web/permissions.ts).
// Called without its object, a verb asks whether the user's role may take it at all (to offer a form or a menu).
//
// The rules, in the repository's words: docs/rules.md#roles-and-scopes, #receipts, #staff-accounts and #anomaly-review.
// Roles (see scope.ts for what each sees): the committee and administrators may do anything; township staff work
// within their township — they hand receipts to its grid workers or villages (or grids), answer or dismiss them, and
// close what they handed on (not what the committee handed on: the level that assigned checks the work); grid workers
// answer what was handed to them or to their grid (or what still waits in their grid: the worker who took the
// problem may answer it himself). Accounts are managed by administrators (all) and the committee (township and grid
// accounts), never above one's own scope and never one's own role, password or access.
import { canSeeUnit, seesEverything, type UnitTree } from './scope.js';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole, type StaffUser } from './staff.js';
import type { UnitLevel } from '../units/unit.js';

/** A receipt's parts the rules look at (features/receipts' Receipt has them). */
export interface ReceiptScopeFacts {
  gridId: number;
  state: string;
  assigneeId: number | null;
  assigneeUnitId: number | null;
  assignedBy: number | null;
}

/** To whom a receipt is handed: a staff user, or a unit (village or grid). */
export type AssignTarget = { kind: 'user'; user: StaffUser } | { kind: 'unit'; unitId: number; level: UnitLevel };

/** An account as the rules see it: its id (absent for one not yet created), role and unit. */
export interface AccountFacts {
  id?: number;
  role: StaffRole;
  unitId: number | null;
}

/** The changes made to an existing account; without one, the question is whether the manager may open it at all. */
export type AccountChange = 'scope' | 'disable' | 'enable' | 'reset';

interface OnReceipt {
  receipt: ReceiptScopeFacts;
  units: UnitTree;
}

/** The object each verb is asked about. */
export interface VerbObjects {
  'receipt.view': OnReceipt;
  /** Without a target: whether the user may hand this receipt on to anyone (the page's form). */
  'receipt.assign': OnReceipt & { target?: AssignTarget };
  'receipt.answer': OnReceipt;
  /** `assigner`: who handed the receipt on (undefined when nobody did). */
  'receipt.close': OnReceipt & { assigner: StaffUser | undefined };
  'receipt.return': OnReceipt & { assigner: StaffUser | undefined };
  'receipt.dismiss': OnReceipt;
  /** Held answers are decided while their round is open. */
  'review.decide': { round: { state: string } };
  'account.create': { account: AccountFacts; units: UnitTree };
  'account.edit': { account: AccountFacts; units: UnitTree; change?: AccountChange };
  /** Creating, opening and closing rounds, their phone-interview rules, call-back draws and thresholds for 需核查. */
  'round.manage': undefined;
  /** The call-back report across interviewers. */
  'callback.report': undefined;
  /** The interviewer quality page (访员质量; township staff see their township's interviewers). */
  'interviewer.quality': undefined;
  /**
   * A call-back draw of one interviewer's phone interviews (from the interviewer quality page): the committee for
   * anyone, township staff for an interviewer who worked their township (`gridIds`: the grids of their interviews).
   */
  'callback.drawInterviewer': { gridIds: readonly number[]; units: UnitTree };
  /** A round's default number of days to handle a receipt. */
  'receipt.setDueDays': undefined;
  'audit.view': undefined;
  'token.manage': undefined;
  /** 发文: giving a notice its 文号 and keeping the file as issued, and the register of issued notices. */
  'document.issue': undefined;
}

/** Verbs decided by the role alone: who may take them. */
type RoleVerb = 'round.manage' | 'callback.report' | 'receipt.setDueDays' | 'audit.view' | 'token.manage' | 'document.issue' | 'interviewer.quality';

function isRoleVerb(verb: Verb): verb is RoleVerb {
  return (
    verb === 'round.manage' || verb === 'callback.report' || verb === 'receipt.setDueDays' || verb === 'audit.view' || verb === 'token.manage' ||
    verb === 'document.issue' || verb === 'interviewer.quality'
  );
}

export type Verb = keyof VerbObjects;

/** Allowed, or refused with the sentence to show; `state`: the user may, but not in the object's present state. */
export type Permission = { allowed: true } | { allowed: false; message: string; state?: true };

const ALLOWED: Permission = { allowed: true };
const refused = (message: string): Permission => ({ allowed: false, message });

/** The one sentence per verb when the user may not take it (their role; for an answer, not being whom it was handed to). */
export const ROLE_REFUSALS: Readonly<Record<Verb, string>> = {
  'receipt.view': '该回执不在您的管辖范围内',
  'receipt.assign': '网格员不能交办回执，请答复或联系乡镇（街道）综治中心',
  'receipt.answer': '该回执已交办给其他承办人，只有承办人可以答复',
  'receipt.close': '网格员不能办结回执，由交办的上级核实后办结',
  'receipt.return': '网格员不能退回回执，由交办的上级核实答复',
  'receipt.dismiss': '网格员不能将回执标记为无需处理，请联系乡镇（街道）综治中心',
  'review.decide': '只有政法委（平安办）和系统管理员可以处理待核查答卷',
  'account.create': '您没有权限管理账号',
  'account.edit': '您没有权限管理账号',
  'round.manage': '只有政法委（平安办）和系统管理员可以设置、开始和结束轮次',
  'callback.report': '只有政法委（平安办）和系统管理员可以查看回访报告',
  'interviewer.quality': '只有政法委（平安办）、系统管理员和乡镇（街道）工作人员可以查看访员质量',
  'callback.drawInterviewer': '只有政法委（平安办）、系统管理员和乡镇（街道）工作人员可以为访员抽取回访样本',
  'receipt.setDueDays': '只有政法委（平安办）和系统管理员可以设置本轮回执的办理期限',
  'audit.view': '只有政法委（平安办）和系统管理员可以查看操作日志',
  // The page has always answered with the generic sentence; the reason follows it.
  'token.manage': '您没有权限查看该内容：API 令牌只由系统管理员签发和吊销',
  'document.issue': '只有政法委（平安办）和系统管理员可以发文、查看发文登记',
};

/** Who takes each role-decided verb: the committee and administrators, and for API tokens administrators only. */
const ROLE_VERBS: Readonly<Record<RoleVerb, (user: StaffUser) => boolean>> = {
  'round.manage': seesEverything,
  'callback.report': seesEverything,
  'receipt.setDueDays': seesEverything,
  'audit.view': seesEverything,
  'token.manage': (user) => user.role === 'admin',
  'document.issue': seesEverything,
  // Township staff see their own township's interviewers (the page filters by scope).
  'interviewer.quality': (user) => seesEverything(user) || user.role === 'township',
};

/** What the committee says when township staff try to check what the committee handed on. */
const COMMITTEE_CHECKS: Readonly<Record<'receipt.close' | 'receipt.return', string>> = {
  'receipt.close': '该回执由政法委（平安办）交办，须由其核实后办结',
  'receipt.return': '该回执由政法委（平安办）交办，须由其核实答复后退回',
};

const MANAGEABLE: Readonly<Record<StaffRole, readonly StaffRole[]>> = {
  admin: STAFF_ROLES,
  committee: ['township', 'grid'],
  township: [],
  grid: [],
};

/** The roles the user may give to an account (empty: the user manages no accounts). */
export function manageableRoles(user: StaffUser): readonly StaffRole[] {
  return MANAGEABLE[user.role];
}

/** Who may be handed a receipt at all: grid workers and township staff, with a unit to work in. The one rule. */
export function assigneeProblem(who: StaffUser): string | null {
  if (who.role !== 'grid' && who.role !== 'township') return '只能交办给网格员或乡镇（街道）工作人员';
  if (who.unitId === null) return `${who.displayName}的账号没有所属单位，不能交办`;
  return null;
}

function targetProblem(user: StaffUser, receipt: ReceiptScopeFacts, target: AssignTarget, units: UnitTree): string | null {
  if (target.kind === 'user') {
    const who = target.user;
    const problem = assigneeProblem(who);
    if (problem !== null || who.unitId === null) return problem;
    // The assignee must work where the problem is: the grid's own worker, or staff of a unit above it.
    if (!units.isWithin(receipt.gridId, who.unitId)) return `${who.displayName}不负责该回执所在的网格`;
    if (!seesEverything(user) && !canSeeUnit(user, who.unitId, units)) return `${who.displayName}不在您的管辖范围内`;
    return null;
  }
  if (target.level !== 'village' && target.level !== 'grid') return '只能交办给村（社区）或网格';
  if (!units.isWithin(receipt.gridId, target.unitId)) return '只能交办给该回执所在的村（社区）或网格';
  if (!canSeeUnit(user, target.unitId, units)) return '该单位不在您的管辖范围内';
  return null;
}

/** True when the receipt was handed to this grid worker, to their grid, or to the village their grid is in. */
function handedTo(user: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree): boolean {
  if (receipt.assigneeId !== null) return receipt.assigneeId === user.id;
  if (receipt.assigneeUnitId !== null) return user.unitId !== null && units.isWithin(user.unitId, receipt.assigneeUnitId);
  return false;
}

type ReceiptVerb = Exclude<Extract<Verb, `receipt.${string}`>, RoleVerb>;

/** Whether the role may take a receipt verb at all: grid workers only view and answer. */
function roleMayTake(user: StaffUser, verb: ReceiptVerb): boolean {
  return user.role !== 'grid' || verb === 'receipt.view' || verb === 'receipt.answer';
}

function receiptPermission(user: StaffUser, verb: ReceiptVerb, on: VerbObjects[ReceiptVerb]): Permission {
  const { receipt, units } = on;
  // A receipt handed on is answered by whom it was handed to (a grid worker of the village it went to included).
  if (verb === 'receipt.answer' && user.role === 'grid' && receipt.state !== 'open') {
    return handedTo(user, receipt, units) ? ALLOWED : refused(ROLE_REFUSALS['receipt.answer']);
  }
  if (!canSeeUnit(user, receipt.gridId, units)) return refused(ROLE_REFUSALS['receipt.view']);
  if (!roleMayTake(user, verb)) return refused(ROLE_REFUSALS[verb]);
  if (verb === 'receipt.assign' && 'target' in on && on.target !== undefined) {
    const problem = targetProblem(user, receipt, on.target, units);
    if (problem !== null) return refused(problem);
  }
  // Handed on by the committee: the committee checks it.
  const checking = verb === 'receipt.close' || verb === 'receipt.return' ? verb : null;
  if (checking !== null && !seesEverything(user) && 'assigner' in on && on.assigner && seesEverything(on.assigner)) {
    return refused(COMMITTEE_CHECKS[checking]);
  }
  return ALLOWED;
}

const SELF_REFUSALS: Readonly<Record<AccountChange, string | null>> = {
  scope: '不能修改自己的角色和范围，请由其他管理员操作',
  disable: '不能停用自己的账号',
  enable: null,
  reset: '不能重置自己的密码，请在“我的账号”中修改密码',
};

function reachable(user: StaffUser, account: AccountFacts, units: UnitTree): boolean {
  return manageableRoles(user).includes(account.role) && (account.unitId === null || canSeeUnit(user, account.unitId, units));
}

function accountPermission(user: StaffUser, verb: 'account.create' | 'account.edit', on: VerbObjects['account.edit'] | undefined): Permission {
  if (on === undefined) return manageableRoles(user).length > 0 ? ALLOWED : refused(ROLE_REFUSALS[verb]);
  const { account, units } = on;
  if (verb === 'account.create') {
    if (!manageableRoles(user).includes(account.role)) return refused(`您无权创建或修改${ROLE_LABELS[account.role]}账号（不能高于自己的权限范围）`);
    if (account.unitId !== null && !canSeeUnit(user, account.unitId, units)) return refused('该单位不在您的管理范围内');
    return ALLOWED;
  }
  const self = on.change === undefined ? null : SELF_REFUSALS[on.change];
  if (account.id === user.id && self !== null) return refused(self);
  return reachable(user, account, units) ? ALLOWED : refused(`您无权管理该${ROLE_LABELS[account.role]}账号`);
}

/** Why no held response of a round that is not open can be decided (the page's refusal and the decision's own check). */
export const REVIEW_ROUND_NOT_OPEN = '本轮已结束（或尚未开始），待核查答卷不能再处理';

/** Whether `user` may take `verb` (on `on`, when given), and if not, the one sentence that says why. */
export function can<V extends Verb>(user: StaffUser, verb: V, on?: VerbObjects[V]): Permission {
  if (isRoleVerb(verb)) return ROLE_VERBS[verb](user) ? ALLOWED : refused(ROLE_REFUSALS[verb]);
  switch (verb) {
    case 'review.decide': {
      if (!seesEverything(user)) return refused(ROLE_REFUSALS[verb]);
      const round = (on as VerbObjects['review.decide'] | undefined)?.round;
      return round === undefined || round.state === 'open' ? ALLOWED : { allowed: false, message: REVIEW_ROUND_NOT_OPEN, state: true };
    }
    case 'account.create':
    case 'account.edit':
      return accountPermission(user, verb, on as VerbObjects['account.edit'] | undefined);
    case 'callback.drawInterviewer': {
      if (!seesEverything(user) && user.role !== 'township') return refused(ROLE_REFUSALS[verb]);
      const scope = on as VerbObjects['callback.drawInterviewer'] | undefined;
      if (scope === undefined || seesEverything(user) || scope.gridIds.some((h) => canSeeUnit(user, h, scope.units))) return ALLOWED;
      return refused('该访员不在您的管辖范围内：乡镇（街道）工作人员只能为在本乡镇（街道）访问的访员抽取回访样本');
    }
    default: {
      const receiptVerb = verb as ReceiptVerb;
      if (on === undefined) return roleMayTake(user, receiptVerb) ? ALLOWED : refused(ROLE_REFUSALS[receiptVerb]);
      return receiptPermission(user, receiptVerb, on as VerbObjects[ReceiptVerb]);
    }
  }
}

/** The refusal's sentence, or null when allowed (for rules that compose a permission with form checks). */
export function refusalOf(permission: Permission): string | null {
  return permission.allowed ? null : permission.message;
}
