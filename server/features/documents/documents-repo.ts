// The official-notice settings (发文机关, 机关代字) and the notices the committee has issued (发文): each with its
// number, date, title and the Word file exactly as issued. Every change is written with its audit entry in one
// transaction; numbers run from 1 within each year of issue, from a per-year counter moved by a conditional update
// (docs/rules.md#issuing-notices).
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../core/auth/actor.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { DocumentIssuer } from './core/official-notice.js';
import { writeTransaction } from '../../platform/write-transaction.js';

export type DocumentKind = 'bulletin' | 'summary';

/** Which document: the round's bulletin of a unit, or the half-year summary of a unit ending with the round. */
export interface DocumentKey {
  roundId: number;
  unitId: number;
  kind: DocumentKind;
}

/** What the audit entry names (codes, never ids, so the log reads without the database). */
export interface DocumentLabel {
  roundCode: string;
  unitCode: string;
}

/** An issued notice as the register lists it (its file is fetched apart: fileOf). */
export interface IssuedNotice extends DocumentKey {
  id: number;
  year: number;
  seq: number;
  /** As printed: 清平安办〔2026〕13号. */
  number: string;
  issuedOn: string;
  title: string;
  /** False only for a number a download gave before files were kept (migration 031). */
  hasFile: boolean;
  correctsId: number | null;
  issuedByName: string;
  issuedAt: string;
}

/** A notice about to be issued: its number was read as the year's next, and its file built with it. */
export interface NewNotice {
  key: DocumentKey;
  year: number;
  seq: number;
  number: string;
  issuedOn: string;
  title: string;
  fileName: string;
  file: Buffer;
  correctsId: number | null;
  issuedByName: string;
}

/**
 * What recording a notice did: issued it; found it already issued (a second submit of the same 发文, or a
 * correction already made: nothing new, no number taken); or found its number taken meanwhile (build it again).
 */
export type IssueOutcome = { kind: 'issued'; notice: IssuedNotice } | { kind: 'already'; notice: IssuedNotice } | { kind: 'number-taken' };

interface NoticeRow {
  id: number;
  round_id: number;
  unit_id: number;
  kind: string;
  year: number;
  seq: number;
  number: string;
  issued_on: string;
  title: string;
  has_file: number;
  corrects_id: number | null;
  issued_by_name: string;
  issued_at: string;
}

const COLUMNS = 'id, round_id, unit_id, kind, year, seq, number, issued_on, title, file IS NOT NULL AS has_file, corrects_id, issued_by_name, issued_at';

const toNotice = (r: NoticeRow): IssuedNotice => ({
  id: r.id,
  roundId: r.round_id,
  unitId: r.unit_id,
  kind: r.kind === 'summary' ? 'summary' : 'bulletin',
  year: r.year,
  seq: r.seq,
  number: r.number,
  issuedOn: r.issued_on,
  title: r.title,
  hasFile: r.has_file === 1,
  correctsId: r.corrects_id,
  issuedByName: r.issued_by_name,
  issuedAt: r.issued_at,
});

export class DocumentsRepo {
  private readonly issuerStmt;
  private readonly setIssuerStmt;
  private readonly counterStmt;
  private readonly openCounterStmt;
  private readonly moveCounterStmt;
  private readonly latestStmt;
  private readonly firstStmt;
  private readonly correctionStmt;
  private readonly byIdStmt;
  private readonly fileStmt;
  private readonly listStmt;
  private readonly insertStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepo,
  ) {
    this.issuerStmt = db.prepare<[], { issuing_body: string; number_prefix: string }>('SELECT issuing_body, number_prefix FROM document_issuer WHERE id = 1');
    this.setIssuerStmt = db.prepare<[string, string]>(
      `INSERT INTO document_issuer (id, issuing_body, number_prefix) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET issuing_body = excluded.issuing_body, number_prefix = excluded.number_prefix`,
    );
    this.counterStmt = db.prepare<[number], { last_seq: number }>('SELECT last_seq FROM document_counters WHERE year = ?');
    this.openCounterStmt = db.prepare<[number]>('INSERT OR IGNORE INTO document_counters (year, last_seq) VALUES (?, 0)');
    this.moveCounterStmt = db.prepare<[number, number, number]>('UPDATE document_counters SET last_seq = ? WHERE year = ? AND last_seq = ?');
    // The notice in force: the last of its chain of corrections.
    this.latestStmt = db.prepare<[number, number, string], NoticeRow>(
      `SELECT ${COLUMNS} FROM issued_notices n WHERE round_id = ? AND unit_id = ? AND kind = ?
       AND NOT EXISTS (SELECT 1 FROM issued_notices c WHERE c.corrects_id = n.id) ORDER BY id DESC LIMIT 1`,
    );
    this.firstStmt = db.prepare<[number, number, string], NoticeRow>(`SELECT ${COLUMNS} FROM issued_notices WHERE round_id = ? AND unit_id = ? AND kind = ? AND corrects_id IS NULL`);
    this.correctionStmt = db.prepare<[number], NoticeRow>(`SELECT ${COLUMNS} FROM issued_notices WHERE corrects_id = ?`);
    this.byIdStmt = db.prepare<[number], NoticeRow>(`SELECT ${COLUMNS} FROM issued_notices WHERE id = ?`);
    this.fileStmt = db.prepare<[number], { file_name: string; file: Buffer | null }>('SELECT file_name, file FROM issued_notices WHERE id = ?');
    this.listStmt = db.prepare<[], NoticeRow>(`SELECT ${COLUMNS} FROM issued_notices ORDER BY year DESC, seq DESC`);
    this.insertStmt = db.prepare<[number, number, string, number, number, string, string, string, string, Buffer, number | null, number | null, string, string]>(
      `INSERT INTO issued_notices (round_id, unit_id, kind, year, seq, number, issued_on, title, file_name, file, corrects_id, issued_by, issued_by_name, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** The committee's settings; undefined until they are first saved. */
  issuer(): DocumentIssuer | undefined {
    const row = this.issuerStmt.get();
    return row ? { issuingBody: row.issuing_body, numberPrefix: row.number_prefix } : undefined;
  }

  setIssuer(issuer: DocumentIssuer, actor: Actor): void {
    writeTransaction(this.db, () => {
      const before = this.issuer();
      this.setIssuerStmt.run(issuer.issuingBody, issuer.numberPrefix);
      this.audit.record(actor.userId, 'document.issuer', { before: before ?? null, after: issuer }, actor.client);
    });
  }

  /** The number the next notice issued in `year` gets (reading it takes nothing). */
  nextSeq(year: number): number {
    return (this.counterStmt.get(year)?.last_seq ?? 0) + 1;
  }

  /** The notice in force for a document (the last correction, else the first issue); undefined before 发文. */
  latest(key: DocumentKey): IssuedNotice | undefined {
    const row = this.latestStmt.get(key.roundId, key.unitId, key.kind);
    return row ? toNotice(row) : undefined;
  }

  byId(id: number): IssuedNotice | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toNotice(row) : undefined;
  }

  /** The correction of a notice, when it has one. */
  correctionOf(id: number): IssuedNotice | undefined {
    const row = this.correctionStmt.get(id);
    return row ? toNotice(row) : undefined;
  }

  /** The stored Word file of a notice, exactly as issued (undefined: no such notice, or one numbered without a file). */
  fileOf(id: number): { fileName: string; file: Buffer } | undefined {
    const row = this.fileStmt.get(id);
    return row && row.file !== null ? { fileName: row.file_name, file: row.file } : undefined;
  }

  /** Every issued notice, the latest number first. */
  list(): IssuedNotice[] {
    return this.listStmt.all().map(toNotice);
  }

  /**
   * Issues a notice: takes its number (the year's counter moves from seq − 1 to seq, checked by changes === 1) and
   * keeps its file, with the audit entry, in one transaction. Nothing is taken when the document was already issued
   * (or the notice already corrected) by an earlier submit.
   */
  record(notice: NewNotice, label: DocumentLabel, actor: Actor, now: Date): IssueOutcome {
    return writeTransaction(this.db, () => {
      const { key } = notice;
      const existing = notice.correctsId === null ? this.firstStmt.get(key.roundId, key.unitId, key.kind) : this.correctionStmt.get(notice.correctsId);
      if (existing) return { kind: 'already', notice: toNotice(existing) };
      this.openCounterStmt.run(notice.year);
      if (this.moveCounterStmt.run(notice.seq, notice.year, notice.seq - 1).changes !== 1) return { kind: 'number-taken' };
      const id = Number(
        this.insertStmt.run(key.roundId, key.unitId, key.kind, notice.year, notice.seq, notice.number, notice.issuedOn, notice.title, notice.fileName, notice.file,
          notice.correctsId, actor.userId, notice.issuedByName, now.toISOString()).lastInsertRowid,
      );
      const corrected = notice.correctsId === null ? undefined : this.byId(notice.correctsId);
      this.audit.record(
        actor.userId,
        corrected ? 'document.correct' : 'document.issue',
        { ...label, kind: key.kind, number: notice.number, title: notice.title, issuedOn: notice.issuedOn, ...(corrected ? { corrects: corrected.number } : {}) },
        actor.client,
      );
      const issued = this.byId(id);
      if (!issued) throw new Error(`issued notice ${id} vanished`);
      return { kind: 'issued', notice: issued };
    });
  }
}
