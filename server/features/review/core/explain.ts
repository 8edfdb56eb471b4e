// Why a response was held, in a sentence the reviewer can check against what they know of the grid: the
// reason the arrival watch recorded (anomaly.ts) with the round's threshold it crossed. The thresholds are the
// round's current ones; a hold made before they were changed crossed the ones of that time.
import { HOLD_REASON_LABELS, type HoldReason } from './anomaly.js';
import type { IntegritySettings } from './settings.js';

export function holdReasonText(reason: HoldReason, s: IntegritySettings): string {
  const detail: Record<HoldReason, string> = {
    burst: `本网格一小时内的提交量超过通常每小时量的中位数加 ${s.burstMadMultiplier} 倍绝对中位差（且至少 ${s.burstMinPerHour} 份）`,
    network: `同一网络一小时内向本网格提交超过 ${s.networkMaxPerGridHour} 份`,
    quota: `本网格答卷已超过配额的 ${s.quotaMultiple} 倍`,
    pattern: `${s.patternWindowMinutes} 分钟内本网格出现超过 ${s.patternMaxInWindow} 份完全相同的答案`,
    spread: `同一网络本轮在超过 ${s.networkMaxGridsPerRound} 个网格提交；该网络此前已计入的网上答卷也一并暂存`,
    networkRound: `同一网络本轮（各网格合计）提交超过 ${s.networkMaxPerRound} 份`,
    areaBurst: `所在村（社区）或乡镇（街道）一小时内的提交量超过其通常每小时量的中位数加 ${s.burstMadMultiplier} 倍绝对中位差（且至少 ${s.areaBurstMinPerHour} 份）`,
  };
  return `${HOLD_REASON_LABELS[reason]}：${detail[reason]}`;
}
