// Who may take which receipt step, role by role: the committee and administrators anything; township staff within
// their township (and not closing what the committee handed on); grid workers answer what was handed to them, to
// their grid or village, or what still waits in their grid — and never hand on, close or dismiss.
import t from 'tap';
import type { StaffUser } from '../../../server/core/auth/staff.js';
import type { UnitTree } from '../../../server/core/auth/scope.js';
import { can, refusalOf, type AssignTarget, type ReceiptScopeFacts } from '../../../server/core/auth/permissions.js';

// The receipt verbs asked as the rules were once named: null when allowed, else the refusal.
const assignProblem = (u: StaffUser, receipt: ReceiptScopeFacts, target: AssignTarget, units: UnitTree) => refusalOf(can(u, 'receipt.assign', { receipt, target, units }));
const answerProblem = (u: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree) => refusalOf(can(u, 'receipt.answer', { receipt, units }));
const closeProblem = (u: StaffUser, receipt: ReceiptScopeFacts, assigner: StaffUser | undefined, units: UnitTree) => refusalOf(can(u, 'receipt.close', { receipt, assigner, units }));
const dismissProblem = (u: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree) => refusalOf(can(u, 'receipt.dismiss', { receipt, units }));

// 1 district; townships 10, 20; villages 11 (in 10), 21 (in 20); grids 111, 112 (in 11), 211 (in 21).
const PARENT: Record<number, number | null> = { 1: null, 10: 1, 20: 1, 11: 10, 21: 20, 111: 11, 112: 11, 211: 21 };
const tree: UnitTree = {
  isWithin(unitId, ancestorId) {
    for (let u: number | null = unitId; u !== null && u !== undefined; u = PARENT[u] ?? null) if (u === ancestorId) return true;
    return false;
  },
};
const user = (id: number, role: StaffUser['role'], unitId: number | null): StaffUser => ({ id, username: `u${id}`, displayName: `用户${id}`, role, unitId });
const admin = user(1, 'admin', null);
const committee = user(2, 'committee', null);
const township = user(3, 'township', 10);
const otherTownship = user(4, 'township', 20);
const worker = user(5, 'grid', 111);
const neighbour = user(6, 'grid', 112);
const farWorker = user(7, 'grid', 211);
const receipt = (over: Partial<ReceiptScopeFacts> = {}): ReceiptScopeFacts => ({ gridId: 111, state: 'open', assigneeId: null, assigneeUnitId: null, assignedBy: null, ...over });
const toUser = (u: StaffUser): AssignTarget => ({ kind: 'user', user: u });

t.test('assigning', async (t) => {
  const r = receipt();
  for (const u of [admin, committee, township]) {
    t.equal(assignProblem(u, r, toUser(worker), tree), null, `${u.role} hands on to the grid's worker`);
    t.equal(assignProblem(u, r, { kind: 'unit', unitId: 11, level: 'village' }, tree), null, `${u.role} hands on to the village`);
    t.equal(assignProblem(u, r, { kind: 'unit', unitId: 111, level: 'grid' }, tree), null, `${u.role} hands on to the grid`);
  }
  t.equal(assignProblem(committee, r, toUser(township), tree), null, 'the committee hands on to the township');
  t.match(assignProblem(township, r, toUser(farWorker), tree), '不负责该回执所在的网格');
  t.match(assignProblem(township, r, toUser(neighbour), tree), '不负责该回执所在的网格', 'a worker of another grid, same village');
  t.match(assignProblem(township, r, toUser(committee), tree), '只能交办给网格员或乡镇');
  t.match(assignProblem(township, r, { kind: 'unit', unitId: 21, level: 'village' }, tree), '只能交办给该回执所在的村（社区）或网格');
  t.match(assignProblem(township, r, { kind: 'unit', unitId: 10, level: 'township' }, tree), '只能交办给村（社区）或网格');
  t.match(assignProblem(otherTownship, r, toUser(worker), tree), '该回执不在您的管辖范围内');
  t.match(assignProblem(worker, r, toUser(worker), tree), '网格员不能交办回执');
  t.match(assignProblem(user(8, 'township', null), r, toUser(worker), tree), '该回执不在您的管辖范围内', 'an account without a unit sees nothing');
});

t.test('answering', async (t) => {
  for (const u of [admin, committee, township]) t.equal(answerProblem(u, receipt({ state: 'assigned', assigneeId: worker.id }), tree), null, `${u.role} may answer`);
  t.equal(answerProblem(worker, receipt(), tree), null, 'a waiting receipt of their own grid');
  t.match(answerProblem(neighbour, receipt(), tree), '不在您的管辖范围内', 'not a waiting receipt of another grid');
  t.equal(answerProblem(worker, receipt({ state: 'assigned', assigneeId: worker.id }), tree), null, 'handed to them');
  t.match(answerProblem(neighbour, receipt({ state: 'assigned', assigneeId: worker.id }), tree), '只有承办人可以答复');
  t.equal(answerProblem(neighbour, receipt({ state: 'assigned', assigneeUnitId: 11 }), tree), null, 'handed to their village');
  t.equal(answerProblem(worker, receipt({ state: 'assigned', assigneeUnitId: 111 }), tree), null, 'handed to their grid');
  t.match(answerProblem(neighbour, receipt({ state: 'assigned', assigneeUnitId: 111 }), tree), '只有承办人可以答复', 'handed to another grid');
  t.match(answerProblem(otherTownship, receipt(), tree), '不在您的管辖范围内');
});

t.test('closing and dismissing', async (t) => {
  const byTownship = receipt({ state: 'answered', assignedBy: township.id });
  const byCommittee = receipt({ state: 'answered', assignedBy: committee.id });
  t.equal(closeProblem(township, byTownship, township, tree), null, 'the township closes what it handed on');
  t.equal(closeProblem(township, receipt({ state: 'answered' }), undefined, tree), null, 'and what its workers answered directly');
  t.match(closeProblem(township, byCommittee, committee, tree), '须由其核实后办结');
  t.equal(closeProblem(committee, byCommittee, committee, tree), null);
  t.equal(closeProblem(admin, byTownship, township, tree), null);
  t.match(closeProblem(worker, byTownship, township, tree), '网格员不能办结回执');
  t.match(closeProblem(otherTownship, byTownship, township, tree), '不在您的管辖范围内');
  for (const u of [admin, committee, township]) t.equal(dismissProblem(u, receipt(), tree), null, `${u.role} may dismiss`);
  t.match(dismissProblem(worker, receipt(), tree), '网格员不能将回执标记为无需处理');
  t.match(dismissProblem(otherTownship, receipt(), tree), '不在您的管辖范围内');
});
