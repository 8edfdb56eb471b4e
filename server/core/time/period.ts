// How a round's period reads in Chinese on posters and pages: 2025-03 → 2025年3月, 2025-H1 → 2025年上半年.
export function periodLabel(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const half = /^(\d{4})-H([12])$/.exec(period);
  if (half) return `${half[1]}年${half[2] === '1' ? '上' : '下'}半年`;
  return period;
}
