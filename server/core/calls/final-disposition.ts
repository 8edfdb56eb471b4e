// Which attempt decides a phone case (docs/statistics.md#aapor-rates): a contact called many times counts once, with
// the disposition of its latest attempt; a call without a roster contact is a case of its own. The repository fetches
// the final attempts' counts in one statement (CallsRepo) that follows `finalAttempts`; a test holds them together.
import { CALL_DISPOSITIONS, type CallDisposition } from './call.js';

export interface CallAttempt {
  id: number;
  gridId: number;
  contactId: number | null;
  disposition: CallDisposition;
}

export type DispositionCounts = Record<CallDisposition, number>;

/** One count of final dispositions, as the repository reads it (the disposition is text until checked). */
export interface FinalDispositionRow {
  gridId: number;
  /** Who made the deciding attempt (null for imported or simulated calls). */
  interviewerId?: number | null;
  /** The roster contact's category (null for a call without a contact or a contact without one). */
  category?: string | null;
  /** Whether the case is a roster contact (a call without one is a case of its own). */
  fromRoster?: boolean;
  disposition: string;
  n: number;
}

/** The attempts that decide each case: the latest (highest id) per contact, and every call without a contact. */
export function finalAttempts(attempts: readonly CallAttempt[]): CallAttempt[] {
  const latest = new Map<number, CallAttempt>();
  const own: CallAttempt[] = [];
  for (const a of attempts) {
    if (a.contactId === null) own.push(a);
    else if ((latest.get(a.contactId)?.id ?? -Infinity) < a.id) latest.set(a.contactId, a);
  }
  return [...own, ...latest.values()].sort((a, b) => a.id - b.id);
}

export function emptyDispositionCounts(): DispositionCounts {
  return { complete: 0, partial: 0, refusal: 0, non_contact: 0, other: 0, unknown_household: 0, unknown_other: 0, not_eligible: 0 };
}

function isDisposition(value: string): value is CallDisposition {
  return (CALL_DISPOSITIONS as readonly string[]).includes(value);
}

/** Final dispositions, every one present (0 when none); only the given grids when `gridIds` is passed. */
export function countFinalDispositions(rows: readonly FinalDispositionRow[], gridIds?: readonly number[]): DispositionCounts {
  const only = gridIds ? new Set(gridIds) : undefined;
  const counts = emptyDispositionCounts();
  for (const row of rows) {
    if (only && !only.has(row.gridId)) continue;
    if (isDisposition(row.disposition)) counts[row.disposition] += row.n;
  }
  return counts;
}

/** True when the row counts as this disposition (the repository's text checked against the known ones). */
export function rowDisposition(row: FinalDispositionRow): CallDisposition | null {
  return isDisposition(row.disposition) ? row.disposition : null;
}
