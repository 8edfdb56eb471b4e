// What the forecast page and the forecast API show, from the forecast state and plan (features/forecast/forecast*.ts): numbers
// formatted as the bulletins print them, rank chances as percentages with a bar, the plan's items in the committee's
// words, and the caveats stated plainly.
import { CAVEATS } from '../core/forecast.js';
import type { ImprovementPlan, PlanItem } from '../core/improve.js';
import type { BacktestByPool, BacktestRow, BacktestSummary } from '../core/backtest.js';
import { groupPlan } from '../core/plan-groups.js';
import { formatRate, formatScore } from '../../../core/stats/index.js';
import type { ForecastState } from '../forecast.js';
import type { ForecastReply } from '../schemas.js';

type Ready = Extract<ForecastState, { ok: true }>;

export function forecastReplyOf(state: ForecastState, plan: ImprovementPlan | null): ForecastReply {
  if (!state.ok) {
    return {
      ok: false, message: state.reason, compositeName: null, rounds: [], sampleSize: null, draws: null, expected: null, sd: null,
      range80: null, range95: null, ranks: [], plan: null, caveats: [...CAVEATS],
    };
  }
  const s = state.forecast.spread;
  return {
    ok: true,
    message: state.forecast.ranks.length === 0 ? '未录入同类区县得分，无法估计名次' : null,
    compositeName: state.basis.compositeName,
    rounds: state.basis.rounds,
    sampleSize: state.forecast.sampleSize,
    draws: state.forecast.draws,
    expected: s?.mean ?? null,
    sd: s?.sd ?? null,
    range80: s?.range80 ?? null,
    range95: s?.range95 ?? null,
    ranks: state.forecast.ranks,
    plan: plan && {
      target: plan.target.kind === 'score' ? { kind: 'score', value: plan.target.score } : { kind: 'rank', value: plan.target.rank },
      wanted: plan.wanted,
      status: plan.status,
      residents: plan.residents,
      items: plan.items,
      checkProbability: plan.check?.probability ?? null,
    },
    caveats: [...CAVEATS],
  };
}

function targetText(plan: ImprovementPlan): string {
  const goal = plan.target.kind === 'score' ? `得分达到 ${formatScore(plan.target.score)} 分` : `排名第 ${plan.target.rank} 名或更好`;
  return `以 ${formatRate(plan.wanted)} 的把握${goal}`;
}

function planStatusText(plan: ImprovementPlan): string {
  if (plan.status === 'already') return `按目前的数据，已有 ${formatRate(plan.check?.probability)} 的把握达到目标，无需额外改进。`;
  if (plan.status === 'unreachable') return '即使所有可改进的回答都变为最好的选项，也达不到该目标。';
  return `共需 ${plan.residents} 位居民改变回答（以本区模拟民调受访者计）。把方案代入数据重新模拟 ${'{draws}'} 次：达到目标的概率为 ${formatRate(plan.check?.probability)}，预计得分 ${formatScore(plan.check?.mean)} 分。`;
}

const pointsText = (gain: number) => `+${gain.toFixed(3)}`;

/** The plan by township and question, by effect (plan-groups.ts), with the points each adds as printed. */
function planGroupRows(plan: ImprovementPlan) {
  return groupPlan(plan.items).map((g) => ({ ...g, gainText: pointsText(g.gain), lines: g.lines.map((l) => ({ ...l, gainText: pointsText(l.gain) })) }));
}

function itemRow(i: PlanItem) {
  return { ...i, gainText: `+${i.gain.toFixed(3)}`, perResidentText: `+${i.gainPerResident.toFixed(4)}` };
}

/** One forecast of a back-test row as printed. */
function backtestCells(r: BacktestRow) {
  return {
    forecastText: formatScore(r.forecast),
    rangeText: r.range80 ? `${formatScore(r.range80[0])}–${formatScore(r.range80[1])}` : '—',
    errorText: r.error === null ? '—' : `${r.error > 0 ? '+' : ''}${formatScore(r.error)}`,
    insideText: r.inside80 === null ? '—' : r.inside80 ? '是' : '否',
  };
}

function backtestTotals(b: BacktestSummary) {
  return { compared: b.compared, meanErrorText: b.meanError === null ? '—' : formatScore(b.meanError), maeText: formatScore(b.meanAbsoluteError), insideText: formatRate(b.shareInside80) };
}

const POOL_LABELS = { phone: '只用电话访问', all: '全部答卷' } as const;

/** The back-test of both pools side by side, row by row (docs/statistics.md#answer-modes). */
export function backtestView(b: BacktestByPool) {
  return {
    rows: b.phone.rows.map((p, i) => {
      const all = b.all.rows[i];
      const used = b.used[i];
      return {
        roundCode: p.roundCode, period: p.period, outcomeText: formatScore(p.outcome), outcomeRank: p.outcomeRank,
        phone: backtestCells(p), all: all ? backtestCells(all) : null, usedText: used ? POOL_LABELS[used] : '—',
      };
    }),
    phone: backtestTotals(b.phone),
    all: backtestTotals(b.all),
  };
}

export function forecastPageOf(state: Ready, plan: ImprovementPlan, levers: PlanItem[], backtest: BacktestByPool) {
  const s = state.forecast.spread;
  const ranks = state.forecast.ranks.map((r) => ({ rank: r.rank, percent: formatRate(r.probability), width: Math.round(r.probability * 100) }));
  return {
    basis: {
      ...state.basis,
      rounds: state.basis.rounds.map((r) => ({ ...r, shareText: formatRate(r.share) })),
    },
    sampleSize: state.forecast.sampleSize,
    draws: state.forecast.draws.toLocaleString('en-US'),
    responses: state.forecast.responses,
    expected: formatScore(s?.mean),
    sd: formatScore(s?.sd),
    range80: s ? `${formatScore(s.range80[0])}–${formatScore(s.range80[1])}` : '—',
    range95: s ? `${formatScore(s.range95[0])}–${formatScore(s.range95[1])}` : '—',
    analytic: state.forecast.analytic ? { mean: formatScore(state.forecast.analytic.mean), sd: formatScore(state.forecast.analytic.sd) } : null,
    missingDraws: state.forecast.missingDraws,
    ranks,
    peers: state.peers.map((p) => ({ ...p, scoreText: formatScore(p.score), sdText: p.sd === null ? '—' : formatScore(p.sd) })),
    plan: {
      targetText: targetText(plan),
      statusText: planStatusText(plan).replace('{draws}', state.forecast.draws.toLocaleString('en-US')),
      reached: plan.status === 'reached',
      items: plan.items.map(itemRow),
      groups: planGroupRows(plan),
    },
    levers: levers.map(itemRow),
    backtest: backtestView(backtest),
    caveats: CAVEATS,
  };
}
