// One bulletin content model: what the monthly bulletin (一月一通报) of one unit in one round says — headline,
// ranked tables of the levels below, 红榜/黑榜, weak items, AAPOR, receipts, notes — as numbers, kinds and labels.
// The HTML page, the XLSX and the CSV format this; a Word export or an image would format the same content.
import type { Estimate, RoundResults, UnitResult } from '../../../core/results/types.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Survey } from '../../../core/survey/model.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { periodLabel } from '../../../core/time/period.js';
import { printedChange } from '../../../core/results/compute.js';
import { surveyMetrics, type MetricKind, type SurveyMetrics } from '../../../core/results/metrics.js';
import { ancestorsOf, isTopOfRound, levelLines, levelsBelow, unitLine, unitsUnder, type UnitLine } from './unit-line.js';
import type { Coverage } from '../../../core/results/sweep-coverage.js';
import { honoursOf, NO_MARKS, namedWeak, rankedTable, receiptLine, trendOf, weakUnits, type LineSource } from './content-parts.js';
import type { BulletinContent, Headline, Indicator, ItemIndicator, QuestionLabel } from './content-types.js';
import type { CallbackTally } from '../../callbacks/core/check.js';
import { changeVerdict } from '../../../core/stats/change.js';
import { questionShortName } from '../../../core/survey/short-names.js';
import { questionNumbers } from '../../../core/survey/numbering.js';
import { openingParagraph } from './opening.js';
import { callsSentence, inProgressLabel } from '../../../core/wording/bulletin-notes.js';

export interface BulletinSource {
  round: Round;
  survey: Survey;
  results: RoundResults;
  /** Rounds of the same questionnaire up to this one, oldest first (for the previous round and the trend). */
  series: RoundResults[];
  unit: UnitResult;
  /** The round's call-back checks (真实度回访), when the caller has them; absent means none were drawn. */
  callbacks?: CallbackTally | null;
  /** A roster sweep's reach of the unit's roster; absent for other rounds. */
  sweepCoverage?: Coverage | null;
}

const KIND_TITLES: Record<Round['kind'], string> = {
  monthly: '平安建设模拟民调通报',
  sweep: '平安建设民调数据库普测通报',
  adhoc: '平安建设专项民调通报',
};

export function bulletinTitle(unitName: string, round: Pick<Round, 'kind' | 'period'>): string {
  return `${unitName}${KIND_TITLES[round.kind]}（${periodLabel(round.period)}）`;
}

/** A grid is named with its village (第1网格 alone says nothing on a printed page). */
function fullName(results: RoundResults, unit: UnitResult): string {
  const parent = unit.parentCode ? results.units[unit.parentCode] : undefined;
  return unit.level === 'grid' && parent && !unit.name.startsWith(parent.name) ? `${parent.name}${unit.name}` : unit.name;
}

function indicator(name: string, estimate: Estimate | null | undefined, kind: MetricKind, previous: Estimate | null | undefined): Indicator {
  return {
    name,
    kind,
    estimate: estimate ?? null,
    change: printedChange(estimate?.value, previous?.value, kind),
    verdict: changeVerdict(estimate, previous),
  };
}

function indicators(unit: UnitResult, previous: UnitResult | undefined, metrics: SurveyMetrics): Indicator[] {
  const { composite, indices } = metrics;
  return [
    indicator(composite.name, unit.composite, composite.kind, previous?.composite),
    ...indices.map((ix) => indicator(ix.name, unit.indices[ix.id], ix.kind, previous?.indices[ix.id])),
    ...(unit.knowledge ? [indicator('应知应会率', unit.knowledge, 'rate', previous?.knowledge)] : []),
  ];
}

/** Every scored question of a village or grid, its weakest three marked; none above the village. */
function itemIndicators(survey: Survey, unit: UnitResult, previous: UnitResult | undefined, numbers: Map<string, string>): ItemIndicator[] {
  if (unit.level !== 'grid' && unit.level !== 'village') return [];
  const weakIds = new Set(unit.weakest.map((w) => w.questionId));
  return survey.questions
    .filter((q) => unit.items[q.id] !== undefined)
    .map((q) => ({ questionId: q.id, number: numbers.get(q.id) ?? '', weak: weakIds.has(q.id), ...indicator(q.text, unit.items[q.id], 'score', previous?.items[q.id]) }));
}

function headline(unit: UnitResult, line: UnitLine, isTop: boolean): Headline {
  const reportable = line.reportable;
  return {
    n: unit.n,
    quota: unit.quota,
    completion: unit.quota > 0 ? unit.n / unit.quota : null,
    screenedOut: unit.screenedOut,
    composite: reportable ? unit.composite : null,
    rank: isTop ? null : unit.rank,
    rankRange: isTop ? null : line.rankRange,
    rankChange: unit.rankChange,
    scoreChange: unit.scoreChange,
    scoreVerdict: line.scoreVerdict,
    insufficient: unit.insufficient,
    empty: unit.n === 0,
  };
}

export function bulletinContent(source: BulletinSource): BulletinContent {
  const { round, survey, results, series, unit } = source;
  const metrics = surveyMetrics(survey);
  const previousRound = series.find((r) => r.roundCode === results.previousRoundCode) ?? null;
  const src: LineSource = { results, previous: previousRound, metrics };
  const line = unitLine(unit, results, metrics, previousRound);
  const previousUnit = previousRound?.units[unit.code];
  const isTop = isTopOfRound(results, unit);
  const ancestors = ancestorsOf(results, unit);
  const top = isTop ? unit : ancestors[0];

  const children = unitsUnder(results, unit.code);
  const villages = unit.level === 'district' ? unitsUnder(results, unit.code, 'village') : [];
  // An open round's ranking is not final: no 红榜/黑榜 (docs/statistics.md#rankings).
  const open = round.state !== 'closed';
  const { honours, marks } = open ? { honours: null, marks: NO_MARKS } : honoursOf(unit, unit.level === 'district' ? villages : children, src);
  const questionText = new Map(survey.questions.map((q) => [q.id, q.text]));
  const numbers = questionNumbers(survey);
  const label = (id: string): QuestionLabel => ({ number: numbers.get(id) ?? '', shortName: questionShortName(survey, id) });

  const content: Omit<BulletinContent, 'opening'> = {
    inProgress: open ? inProgressLabel(results.computedAt) : null,
    calls: results.aapor ? callsSentence(results.aapor, round.kind === 'monthly' ? '本月' : '本轮') : null,
    round: { code: round.code, kind: round.kind, state: round.state, period: round.period, surveyKey: round.surveyKey },
    title: bulletinTitle(fullName(results, unit), round),
    surveyTitle: survey.title,
    computedAt: results.computedAt,
    minSample: results.minSample,
    metrics,
    hasKnowledge: Object.values(results.units).some((u) => u.knowledge !== null),
    unit: line,
    levelLabel: LEVEL_LABELS[unit.level],
    isTop,
    rankScope: top?.level === 'district' ? '全区' : '本轮',
    ancestors: ancestors.map((u) => ({ code: u.code, name: u.name })),
    previous: previousRound ? { roundCode: previousRound.roundCode, period: previousRound.period } : null,
    hasSummary: round.kind === 'monthly' && round.state === 'closed',
    headline: headline(unit, line, isTop),
    indicators: indicators(unit, previousUnit, metrics),
    items: itemIndicators(survey, unit, previousUnit, numbers),
    ownWeak: namedWeak(unit.weakest, label).map((w) => ({ ...w, text: questionText.get(w.questionId) ?? w.text })),
    aapor: results.aapor,
    callbacks: isTop && source.callbacks && source.callbacks.drawn > 0 ? source.callbacks : null,
    children: rankedTable(children, src, marks),
    villages: rankedTable(villages, src, marks),
    honours,
    weak: weakUnits([...children, ...villages], src, unit.code, label),
    receipts: { total: receiptLine(unit, results), rows: children.map((u) => receiptLine(u, results)) },
    trend: trendOf(series, unit, children),
    sweepCoverage: source.sweepCoverage ?? null,
    levels: levelsBelow(unit.level).map((level) => ({ level, levelLabel: LEVEL_LABELS[level], lines: levelLines(results, unit.code, level, metrics, previousRound) })),
  };
  return { ...content, opening: openingParagraph(content) };
}
