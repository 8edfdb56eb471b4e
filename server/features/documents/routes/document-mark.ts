// The official-notice mark of a bulletin or summary page and its Word file: the committee's issuing body, and the
// document's number and date. The committee's own download of the Word file issues the document (gives it the
// year's next number, audited); anyone else sees the number once it has one.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import { chinaDate } from '../../../core/time/china-time.js';
import { DEFAULT_ISSUER, canIssueDocuments, documentMark, townshipMark, type DocumentMark } from '../core/official-notice.js';
import type { DocumentKind } from '../documents-repo.js';
import { actorOf } from '../../../web/staff/context.js';

export interface MarkTarget {
  round: { id: number; code: string };
  unitCode: string;
  kind: DocumentKind;
}

export interface MarkView extends DocumentMark {
  /** Where the committee edits the number and date (null for others). */
  editHref: string | null;
}

function keyOf(app: FastifyInstance, target: MarkTarget) {
  const unit = app.repos.units.getByCode(target.unitCode);
  // The page has already checked the unit exists and is visible; a missing one is a broken database.
  if (!unit) throw new Error(`unit ${target.unitCode} vanished`);
  return { roundId: target.round.id, unitId: unit.id, kind: target.kind };
}

export function editHref(target: MarkTarget): string {
  return `/rounds/${encodeURIComponent(target.round.code)}/document?unit=${encodeURIComponent(target.unitCode)}&kind=${target.kind}`;
}

/** The name of the township the user works in (their own unit or the one above it), null above townships. */
function townshipOf(app: FastifyInstance, user: StaffUser): string | null {
  if (user.unitId === null) return null;
  const unit = app.repos.units.getById(user.unitId);
  if (unit?.level === 'township') return unit.name;
  return app.repos.units.ancestors(user.unitId).find((u) => u.level === 'township')?.name ?? null;
}

/**
 * The committee's notice once it has issued it (its number, kept as issued); before that, a township's staff send
 * their own notice under their 综治中心 without a number line (features/documents/core/official-notice.ts).
 */
function markFor(app: FastifyInstance, user: StaffUser, issued: Parameters<typeof documentMark>[1], today: string | null): DocumentMark {
  const township = canIssueDocuments(user) || issued ? null : townshipOf(app, user);
  return township ? townshipMark(township, today) : documentMark(app.repos.documents.issuer() ?? DEFAULT_ISSUER, issued);
}

/** The mark as it stands (the page): never gives a number. */
export function currentMark(app: FastifyInstance, user: StaffUser, target: MarkTarget): MarkView {
  const issued = app.repos.documents.find(keyOf(app, target));
  return { ...markFor(app, user, issued, null), editHref: canIssueDocuments(user) ? editHref(target) : null };
}

/** The mark for a Word file: the committee's download issues the document when it has no number yet. */
export function issuingMark(app: FastifyInstance, request: FastifyRequest, user: StaffUser, target: MarkTarget, now = new Date()): DocumentMark {
  const key = keyOf(app, target);
  const issued = canIssueDocuments(user)
    ? app.repos.documents.issue(key, chinaDate(now), { roundCode: target.round.code, unitCode: target.unitCode }, actorOf(request))
    : app.repos.documents.find(key);
  return markFor(app, user, issued, chinaDate(now));
}

/** What a bulletin or summary page shows of its notice: the mark for the printed head, the Word file, the editor. */
export function noticeLinks(app: FastifyInstance, user: StaffUser, target: MarkTarget & { round: { surveyKey: string; period: string } }): MarkView & { docxHref: string } {
  const unit = `unit=${encodeURIComponent(target.unitCode)}`;
  const docxHref =
    target.kind === 'bulletin'
      ? `/rounds/${encodeURIComponent(target.round.code)}/bulletin.docx?${unit}`
      : `/summary.docx?survey=${encodeURIComponent(target.round.surveyKey)}&end=${encodeURIComponent(target.round.period)}&${unit}`;
  return { ...currentMark(app, user, target), docxHref };
}
