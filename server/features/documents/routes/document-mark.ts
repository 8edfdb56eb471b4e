// The official-notice mark of a bulletin or summary page, its print and its Word download, and the page's links to
// the notice. A download or print is a preview (征求意见稿, no number, nothing taken); only 发文 (./issue.ts) gives a
// number, and the issued file is kept as issued (docs/rules.md#issuing-notices). Township and grid staff download
// their own 综治中心's notice, which has no number.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import { can } from '../../../core/auth/permissions.js';
import { DEFAULT_ISSUER, chineseDate, previewFileName, previewMark, townshipMark, type DocumentMark } from '../core/official-notice.js';
import type { DocumentKind } from '../documents-repo.js';

export interface MarkTarget {
  round: { id: number; code: string };
  unitCode: string;
  kind: DocumentKind;
}

/** The notice in force, as a page names it. */
export interface IssuedLink {
  number: string;
  issuedOn: string;
  /** The stored file (null for those who may not open the register, and for a number given without a file). */
  href: string | null;
}

export interface NoticeView extends DocumentMark {
  /** The Word download (a preview for the committee, the township's own notice for its staff). */
  docxHref: string;
  /** The 发文 page (committee only). */
  issueHref: string | null;
  issued: IssuedLink | null;
}

function keyOf(app: FastifyInstance, target: MarkTarget) {
  const unit = app.repos.units.getByCode(target.unitCode);
  // The page has already checked the unit exists and is visible; a missing one is a broken database.
  if (!unit) throw new Error(`unit ${target.unitCode} vanished`);
  return { roundId: target.round.id, unitId: unit.id, kind: target.kind };
}

export function issueHref(target: MarkTarget): string {
  return `/rounds/${encodeURIComponent(target.round.code)}/document?unit=${encodeURIComponent(target.unitCode)}&kind=${target.kind}`;
}

export function noticeFileHref(id: number): string {
  return `/documents/${id}/file`;
}

/** The name of the township the user works in (their own unit or the one above it), null above townships. */
function townshipOf(app: FastifyInstance, user: StaffUser): string | null {
  if (user.unitId === null) return null;
  const unit = app.repos.units.getById(user.unitId);
  if (unit?.level === 'township') return unit.name;
  return app.repos.units.ancestors(user.unitId).find((u) => u.level === 'township')?.name ?? null;
}

/**
 * The mark of a download or print: the committee's notice as a preview (征求意见稿); township staff's own notice
 * under their 综治中心 (features/documents/core/official-notice.ts), dated `today` (null on the page).
 */
export function previewMarkFor(app: FastifyInstance, user: StaffUser, today: string | null): DocumentMark {
  const township = can(user, 'document.issue').allowed ? null : townshipOf(app, user);
  return township ? townshipMark(township, today) : previewMark(app.repos.documents.issuer() ?? DEFAULT_ISSUER);
}

/** The file name of a download: a preview says so. */
export function downloadName(title: string, mark: DocumentMark): string {
  return mark.preview ? previewFileName(title) : `${title}.docx`;
}

/** The Word download of the bulletin or summary beside its page (a preview for the committee). */
export function previewHref(target: MarkTarget & { round: { surveyKey: string; period: string } }): string {
  const unit = `unit=${encodeURIComponent(target.unitCode)}`;
  return target.kind === 'bulletin'
    ? `/rounds/${encodeURIComponent(target.round.code)}/bulletin.docx?${unit}`
    : `/summary.docx?survey=${encodeURIComponent(target.round.surveyKey)}&end=${encodeURIComponent(target.round.period)}&${unit}`;
}

/** What a bulletin or summary page shows of its notice: the printed head, the Word preview, 发文 and the issued file. */
export function noticeLinks(app: FastifyInstance, user: StaffUser, target: MarkTarget & { round: { surveyKey: string; period: string } }): NoticeView {
  const docxHref = previewHref(target);
  const committee = can(user, 'document.issue').allowed;
  const latest = app.repos.documents.latest(keyOf(app, target));
  const issued = latest
    ? { number: latest.number, issuedOn: chineseDate(latest.issuedOn), href: committee && latest.hasFile ? noticeFileHref(latest.id) : null }
    : null;
  return { ...previewMarkFor(app, user, null), docxHref, issueHref: committee ? issueHref(target) : null, issued };
}
