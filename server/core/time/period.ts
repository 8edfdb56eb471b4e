// A round's period: a calendar month (2026-11, every kind of round) or a half year (2026-H2, a roster sweep), as
// stored in rounds.period. One value type so that reading, naming and comparing periods is written once.
import { chinaInstant, chinaParts, daysInMonth, type CivilDate } from './china-time.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const HALF_YEAR = /^(\d{4})-H([12])$/;

export class Period {
  private constructor(
    readonly year: number,
    readonly kind: 'month' | 'half',
    /** The month 1–12, or the half 1–2. */
    readonly index: number,
  ) {}

  /** 2026-11 or 2026-H2, else undefined (2026-13, 2026-H3, 专项…). */
  static parse(text: string): Period | undefined {
    const month = MONTH.exec(text);
    if (month) return new Period(Number(month[1]), 'month', Number(month[2]));
    const half = HALF_YEAR.exec(text);
    return half ? new Period(Number(half[1]), 'half', Number(half[2])) : undefined;
  }

  /** A month; out-of-range months roll over into the next or previous year (month 13 = January of the next). */
  static month(year: number, month: number): Period {
    const i = year * 12 + month - 1;
    return new Period(Math.floor(i / 12), 'month', (((i % 12) + 12) % 12) + 1);
  }

  /** The month, Beijing time, that `instant` falls in. */
  static monthOf(instant: Date): Period {
    const t = chinaParts(instant);
    return Period.month(t.year, t.month);
  }

  /** As stored: 2026-11, 2026-H2. */
  toString(): string {
    return this.kind === 'month' ? `${this.year}-${String(this.index).padStart(2, '0')}` : `${this.year}-H${this.index}`;
  }

  /** As read: 2026年11月, 2026年下半年. */
  label(): string {
    return this.kind === 'month' ? `${this.year}年${this.index}月` : `${this.year}年${this.index === 1 ? '上' : '下'}半年`;
  }

  /** Months it spans: 1 or 6. */
  get monthCount(): number {
    return this.kind === 'month' ? 1 : 6;
  }

  /** Its first month, 1–12. */
  get firstMonth(): number {
    return this.kind === 'month' ? this.index : this.index === 1 ? 1 : 7;
  }

  /** year·12 + first month − 1: consecutive months differ by one. */
  get monthIndex(): number {
    return this.year * 12 + this.firstMonth - 1;
  }

  /** The half year it lies in (a half year is its own). */
  halfYear(): Period {
    return this.kind === 'half' ? this : new Period(this.year, 'half', this.index <= 6 ? 1 : 2);
  }

  /** The month `n` months later (earlier when negative); only for months. */
  plusMonths(n: number): Period {
    if (this.kind !== 'month') throw new Error(`plusMonths on a half year: ${this.toString()}`);
    return Period.month(this.year, this.index + n);
  }

  /** True when every month of `other` lies in this period. */
  contains(other: Period): boolean {
    return other.monthIndex >= this.monthIndex && other.monthIndex + other.monthCount <= this.monthIndex + this.monthCount;
  }

  equals(other: Period): boolean {
    return this.toString() === other.toString();
  }

  /** Its last calendar day: 2025-02 → 28 February, 2025-H1 → 30 June. */
  lastDay(): CivilDate {
    const month = this.firstMonth + this.monthCount - 1;
    return { year: this.year, month, day: daysInMonth(this.year, month) };
  }

  /** Beijing midnight of its first day to Beijing midnight after its last, in epoch ms. */
  span(): { start: number; end: number } {
    const start = chinaInstant({ year: this.year, month: this.firstMonth, day: 1 }).getTime();
    const end = chinaInstant({ year: this.year, month: this.firstMonth + this.monthCount, day: 1 }).getTime();
    return { start, end };
  }
}

/** How a stored period reads in Chinese on posters and pages: 2025-03 → 2025年3月, 2025-H1 → 2025年上半年; a period
 * of no known form is shown as it is. */
export function periodLabel(period: string): string {
  return Period.parse(period)?.label() ?? period;
}

/** True when the text is a calendar month period (2026-11). */
export function isMonthPeriod(period: string): boolean {
  return Period.parse(period)?.kind === 'month';
}
