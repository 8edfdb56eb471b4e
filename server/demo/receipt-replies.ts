// The demo's receipt work: most problems residents raised in past months were answered back within days, the
// oldest months almost all of them, the latest fewer, and some townships are quicker than others — so
// 问题解决反馈率 in the bulletin differs between units and months the way it does in practice.
import type { Repos } from '../storage/index.js';
import type { Round } from '../domain/rounds/round.js';
import { createRng } from '../domain/simulate/rng.js';
import { canApply } from '../domain/receipts/workflow.js';

const REPLIES: readonly string[] = [
  '网格员已上门了解情况，问题已反映至村（社区），现已处理完毕，并向居民作了回复。',
  '已联系相关部门现场核实并整改，居民对处理结果表示认可。',
  '已将情况转派出所，民警已加强该区域夜间巡逻，并向居民反馈。',
  '已组织人民调解员对双方进行调解，双方达成一致意见。',
  '已协调供电所和社区完成维修，居民确认问题已解决。',
  '已在该小区开展防范电信网络诈骗宣传，并向居民告知反诈专线 96110。',
  '已联系物业公司落实整改，社区将持续跟踪。',
  '已向居民解释相关政策和办理流程，居民表示理解。',
  '已纳入村（社区）近期工作计划，并向居民说明了处理时限，后续将继续跟进。',
];

const DAY_MS = 86_400_000;

/**
 * Answers a share of the round's receipts (`share` on average; each township a little above or below), dated one
 * to ten days after they were opened and never after `now`. Returns how many were answered.
 */
export function answerReceipts(repos: Repos, round: Round, share: number, seed: number, now: Date): number {
  const rng = createRng(seed, round.code, 'receipts');
  const townshipOf = new Map<number, number>();
  const townshipShare = new Map<number, number>();
  let answered = 0;
  for (const receipt of repos.receipts.listForRound(round.id)) {
    // Only what the workflow lets be answered (a receipt answered earlier stays as it is).
    if (!canApply('answer', receipt.state)) continue;
    let township = townshipOf.get(receipt.gridId);
    if (township === undefined) {
      township = repos.units.ancestors(receipt.gridId).find((u) => u.level === 'township')?.id ?? 0;
      townshipOf.set(receipt.gridId, township);
    }
    let p = townshipShare.get(township);
    if (p === undefined) {
      p = Math.min(1, Math.max(0, share + rng.uniform(-0.12, 0.08)));
      townshipShare.set(township, p);
    }
    if (!rng.chance(p)) continue;
    const at = Date.parse(receipt.createdAt) + rng.uniform(1, 10) * DAY_MS;
    if (at > now.getTime()) continue;
    if (repos.receipts.answer(receipt.id, rng.choice(REPLIES), new Date(at).toISOString())) answered++;
  }
  return answered;
}
