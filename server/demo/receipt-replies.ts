// The demo's receipt work, through the same repository steps staff take on the receipts page: most problems residents
// raised in past months were handed to the grid, answered back within days and closed after checking; the oldest
// months almost all of them, the latest fewer, and some townships are quicker than others — so 问题解决反馈率 in the
// bulletin differs between units and months the way it does in practice. A few are left 已交办 (some overdue), a few
// turn out to be duplicates (无需处理), and the rest stay 待处理: every state appears.
import type { Repos } from '../platform/repos.js';
import type { Round } from '../core/rounds/round.js';
import { ANSWER_METHODS, type Receipt } from '../features/receipts/core/receipt.js';
import { DEFAULT_DUE_DAYS, dueDate } from '../features/receipts/core/deadline.js';
import { createRng } from '../core/stats/rng.js';
import { DAY_MS } from '../core/time/china-time.js';

type Rng = ReturnType<typeof createRng>;

const REPLIES: ReadonlyArray<[action: string, reply: string]> = [
  ['网格员上门了解情况，问题已反映至村（社区）并处理完毕。', '已上门向居民说明处理结果。'],
  ['联系相关部门现场核实并整改。', '已告知居民整改情况，居民对处理结果表示认可。'],
  ['情况已转派出所，民警加强了该区域夜间巡逻。', '已向居民反馈巡逻安排。'],
  ['组织人民调解员对双方进行调解，双方达成一致意见。', '已向双方告知调解结果。'],
  ['协调供电所和社区完成维修。', '已电话告知居民，居民确认问题已解决。'],
  ['在该小区开展防范电信网络诈骗宣传。', '已向居民告知反诈专线 96110 和宣传安排。'],
  ['联系物业公司落实整改，社区将持续跟踪。', '已向居民说明整改时限。'],
  ['向居民解释相关政策和办理流程。', '居民表示理解。'],
  ['纳入村（社区）近期工作计划。', '已向居民说明处理时限，后续将继续跟进。'],
];

interface DemoContext {
  repos: Repos;
  rng: Rng;
  now: number;
  dueDays: number;
  /** The demo's grid workers by grid: receipts of their grid are handed to them, else to the grid itself. */
  workerOf: Map<number, number>;
}

/** One receipt's life up to `now`: handed on, answered, closed, each a few days after the last. True when answered. */
function work(ctx: DemoContext, receipt: Receipt, answerShare: number): boolean {
  const { repos, rng, now } = ctx;
  const created = Date.parse(receipt.createdAt);
  if (rng.chance(0.02)) {
    repos.receipts.dismiss(receipt.id, 'duplicate', '同一居民重复反映', { at: new Date(Math.min(now, created + DAY_MS)).toISOString() });
    return false;
  }
  const assignedAt = created + rng.uniform(0.2, 2) * DAY_MS;
  if (assignedAt > now || rng.chance(0.1)) return false;
  const worker = ctx.workerOf.get(receipt.gridId) ?? null;
  const to = { userId: worker, unitId: worker === null ? receipt.gridId : null };
  repos.receipts.assign(receipt.id, to, dueDate(new Date(assignedAt), ctx.dueDays), { at: new Date(assignedAt).toISOString() });
  const answeredAt = assignedAt + rng.uniform(1, 9) * DAY_MS;
  if (answeredAt > now || !rng.chance(answerShare)) return false;
  const [action, text] = rng.choice(REPLIES);
  repos.receipts.answer(receipt.id, { action, text, method: rng.choice(ANSWER_METHODS) }, { at: new Date(answeredAt).toISOString(), by: worker });
  const closedAt = answeredAt + rng.uniform(1, 4) * DAY_MS;
  if (closedAt <= now && rng.chance(0.8)) repos.receipts.close(receipt.id, { at: new Date(closedAt).toISOString() });
  return true;
}

/**
 * Works the round's 待处理 receipts: about `share` of them answered (each township a little above or below), never
 * dated after `now`. Returns how many were answered.
 */
export function answerReceipts(repos: Repos, round: Round, share: number, seed: number, now: Date): number {
  const workerOf = new Map<number, number>();
  for (const u of repos.users.list()) if (u.role === 'grid' && u.unitId !== null) workerOf.set(u.unitId, u.id);
  const ctx: DemoContext = { repos, rng: createRng(seed, round.code, 'receipts'), now: now.getTime(), dueDays: repos.receipts.dueDays(round.id) ?? DEFAULT_DUE_DAYS, workerOf };
  const townshipOf = new Map<number, number>();
  const townshipShare = new Map<number, number>();
  let answered = 0;
  for (const receipt of repos.receipts.listForRound(round.id)) {
    // Only what is still waiting (praise and empty texts were 无需处理 from the start).
    if (receipt.state !== 'open') continue;
    let township = townshipOf.get(receipt.gridId);
    if (township === undefined) {
      township = repos.units.ancestors(receipt.gridId).find((u) => u.level === 'township')?.id ?? 0;
      townshipOf.set(receipt.gridId, township);
    }
    let p = townshipShare.get(township);
    if (p === undefined) {
      p = Math.min(1, Math.max(0, share + ctx.rng.uniform(-0.12, 0.08)));
      townshipShare.set(township, p);
    }
    // Handed on and not answered is the part that does not get a reply: the answer share is raised by the 10% never
    // handed on, so about `share` of the receipts end answered.
    if (work(ctx, receipt, Math.min(1, p / 0.88))) answered++;
  }
  return answered;
}
