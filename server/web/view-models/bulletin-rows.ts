// One unit as a row of the bulletin's tables: rank, score, interval, changes, indices, all already formatted.
import type { RoundResults, UnitResult } from '../../domain/results/types.js';
import type { UnitLevel } from '../../domain/units/unit.js';
import { DASH, direction, interval, metric, rankChange, rate, signedChange, type MetricMeta } from './numbers.js';

export function bulletinHref(roundCode: string, unitCode: string): string {
  return `/rounds/${encodeURIComponent(roundCode)}/bulletin?unit=${encodeURIComponent(unitCode)}`;
}

export interface UnitRow {
  code: string;
  name: string;
  href: string;
  parentName: string;
  n: number;
  quota: number;
  completion: string;
  insufficient: boolean;
  rank: string;
  composite: string;
  interval: string;
  scoreChange: string;
  scoreDirection: string;
  rankChange: string;
  rankDirection: string;
  indices: string[];
  knowledge: string;
  highlight: '' | 'top' | 'bottom';
}

export interface RowContext {
  results: RoundResults;
  composite: MetricMeta;
  indices: MetricMeta[];
}

export function completion(n: number, quota: number): string {
  return quota > 0 ? rate(n / quota) : DASH;
}

export function unitRow(u: UnitResult, ctx: RowContext): UnitRow {
  const parent = u.parentCode ? ctx.results.units[u.parentCode] : undefined;
  const measured = !u.insufficient && u.n > 0;
  return {
    code: u.code,
    name: u.name,
    href: bulletinHref(ctx.results.roundCode, u.code),
    parentName: parent?.name ?? '',
    n: u.n,
    quota: u.quota,
    completion: completion(u.n, u.quota),
    insufficient: u.insufficient,
    rank: u.rank === null ? '' : String(u.rank),
    composite: measured ? metric(u.composite.value, ctx.composite.kind) : DASH,
    interval: measured ? interval(u.composite, ctx.composite.kind) : DASH,
    scoreChange: measured ? signedChange(u.scoreChange, ctx.composite.kind) : DASH,
    scoreDirection: measured ? direction(u.scoreChange) : '',
    rankChange: u.rank === null ? DASH : rankChange(u.rankChange),
    rankDirection: u.rank === null ? '' : direction(u.rankChange),
    indices: ctx.indices.map((ix) => (measured ? metric(u.indices[ix.id]?.value, ix.kind) : DASH)),
    knowledge: measured && u.knowledge ? rate(u.knowledge.value) : DASH,
    highlight: '',
  };
}

/** Ranked units first in rank order, then the unranked ones (too few interviews) by code. */
export function byRank(a: UnitResult, b: UnitResult): number {
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.code.localeCompare(b.code);
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return a.code.localeCompare(b.code);
}

/** The units of the round directly under `parentCode`, or every unit of `level` inside it. */
export function unitsUnder(results: RoundResults, parentCode: string, level?: UnitLevel): UnitResult[] {
  const all = Object.values(results.units);
  if (!level) return all.filter((u) => u.parentCode === parentCode).sort(byRank);
  const inside = (u: UnitResult): boolean => {
    for (let p = u.parentCode; p !== null; p = results.units[p]?.parentCode ?? null) if (p === parentCode) return true;
    return false;
  };
  return all.filter((u) => u.level === level && inside(u)).sort(byRank);
}

export interface ReceiptRow {
  name: string;
  href: string;
  opened: number;
  answered: number;
  overdue: number;
  feedbackRate: string;
}

export function receiptRow(u: UnitResult, results: RoundResults): ReceiptRow {
  const r = results.receipts[u.code];
  return {
    name: u.name,
    href: bulletinHref(results.roundCode, u.code),
    opened: r?.opened ?? 0,
    answered: r?.answered ?? 0,
    overdue: r?.overdue ?? 0,
    feedbackRate: rate(r?.feedbackRate ?? null),
  };
}

export interface WeakRow {
  name: string;
  href: string;
  parentName: string;
  items: Array<{ text: string; value: string }>;
}

/** `pageCode`: the unit whose page this is; its direct children need no parent name. */
export function weakRow(u: UnitResult, results: RoundResults, pageCode: string): WeakRow {
  return {
    name: u.name,
    href: bulletinHref(results.roundCode, u.code),
    parentName: u.parentCode && u.parentCode !== pageCode ? results.units[u.parentCode]?.name ?? '' : '',
    items: u.weakest.slice(0, 3).map((w) => ({ text: w.text, value: metric(w.value, 'score') })),
  };
}
