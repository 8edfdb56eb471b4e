// The register of issued notices (发文登记) as the page shows it: each notice's number, title, unit, the month or
// half-year it covers, who issued it and when, its stored file, and which notice it corrects or is corrected by.
import type { IssuedNotice } from '../documents-repo.js';
import { chinaTimestamp } from '../../../core/time/china-time.js';
import { chineseDate } from '../core/official-notice.js';

export interface RegisterRow {
  number: string;
  title: string;
  kind: string;
  unitName: string;
  /** The month (月度通报) or the half-year ending with the month (半年小结) the notice covers. */
  window: string;
  issuedOn: string;
  issuedBy: string;
  issuedAt: string;
  /** The stored file (null: numbered by a download before files were kept). */
  href: string | null;
  corrects: string | null;
  correctedBy: string | null;
}

export const KIND_LABELS = { bulletin: '月度通报', summary: '半年小结' } as const;

export interface RegisterLookups {
  unitName: (unitId: number) => string;
  /** The round's month as the pages name it (2026年11月). */
  month: (roundId: number) => string;
  fileHref: (id: number) => string;
}

export function registerRows(notices: IssuedNotice[], look: RegisterLookups): RegisterRow[] {
  const numberOf = new Map(notices.map((n) => [n.id, n.number]));
  const correctedBy = new Map(notices.filter((n) => n.correctsId !== null).map((n) => [n.correctsId, n.number]));
  return notices.map((n) => {
    const month = look.month(n.roundId);
    return {
      number: n.number,
      title: n.title || '（发文登记前按下载编号，未留存文件）',
      kind: KIND_LABELS[n.kind],
      unitName: look.unitName(n.unitId),
      window: n.kind === 'bulletin' ? month : `截至${month}的半年`,
      issuedOn: chineseDate(n.issuedOn),
      issuedBy: n.issuedByName || '—',
      issuedAt: n.hasFile ? chinaTimestamp(n.issuedAt) : n.issuedOn,
      href: n.hasFile ? look.fileHref(n.id) : null,
      corrects: n.correctsId === null ? null : (numberOf.get(n.correctsId) ?? null),
      correctedBy: correctedBy.get(n.id) ?? null,
    };
  });
}
