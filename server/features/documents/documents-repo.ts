// The official-notice settings (发文机关, 机关代字) and the numbers given to issued bulletins and summaries. Every
// change is written with its audit entry in one transaction; numbers run from 1 within each year of issue.
import type { Db } from '../../platform/db.js';
import type { Actor } from '../../core/auth/actor.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { DocumentIssuer, DocumentNumbering } from './core/official-notice.js';
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

export interface IssuedDocument {
  year: number;
  seq: number;
  issuedOn: string;
}

interface Row {
  year: number;
  seq: number;
  issued_on: string;
}

const toIssued = (r: Row): IssuedDocument => ({ year: r.year, seq: r.seq, issuedOn: r.issued_on });
const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

export class DocumentsRepo {
  private readonly issuerStmt;
  private readonly setIssuerStmt;
  private readonly findStmt;
  private readonly nextSeqStmt;
  private readonly takenStmt;
  private readonly upsertStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepo,
  ) {
    this.issuerStmt = db.prepare<[], { issuing_body: string; number_prefix: string }>('SELECT issuing_body, number_prefix FROM document_issuer WHERE id = 1');
    this.setIssuerStmt = db.prepare<[string, string]>(
      `INSERT INTO document_issuer (id, issuing_body, number_prefix) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET issuing_body = excluded.issuing_body, number_prefix = excluded.number_prefix`,
    );
    this.findStmt = db.prepare<[number, number, string], Row>('SELECT year, seq, issued_on FROM bulletin_documents WHERE round_id = ? AND unit_id = ? AND kind = ?');
    this.nextSeqStmt = db.prepare<[number], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM bulletin_documents WHERE year = ?');
    this.takenStmt = db.prepare<[number, number, number, number, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM bulletin_documents WHERE year = ? AND seq = ? AND NOT (round_id = ? AND unit_id = ? AND kind = ?)',
    );
    this.upsertStmt = db.prepare<[number, number, string, number, number, string]>(
      `INSERT INTO bulletin_documents (round_id, unit_id, kind, year, seq, issued_on) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (round_id, unit_id, kind) DO UPDATE SET year = excluded.year, seq = excluded.seq, issued_on = excluded.issued_on`,
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

  find(key: DocumentKey): IssuedDocument | undefined {
    const row = this.findStmt.get(key.roundId, key.unitId, key.kind);
    return row ? toIssued(row) : undefined;
  }

  /** The number the next document issued in `year` gets. */
  nextSeq(year: number): number {
    return this.nextSeqStmt.get(year)?.next ?? 1;
  }

  /** The document's number, given now (the next of the year of `today`) when it has none yet. */
  issue(key: DocumentKey, today: string, label: DocumentLabel, actor: Actor): IssuedDocument {
    return writeTransaction(this.db, () => {
      const existing = this.find(key);
      if (existing) return existing;
      const year = yearOf(today);
      const seq = this.nextSeqStmt.get(year)?.next ?? 1;
      this.upsertStmt.run(key.roundId, key.unitId, key.kind, year, seq, today);
      this.audit.record(actor.userId, 'document.number', { ...label, kind: key.kind, year, seq, issuedOn: today, auto: true }, actor.client);
      return { year, seq, issuedOn: today };
    });
  }

  /** Sets the number and date the committee chose: false (nothing written) when another document has that number. */
  renumber(key: DocumentKey, numbering: DocumentNumbering, label: DocumentLabel, actor: Actor): boolean {
    return writeTransaction(this.db, () => {
      const year = yearOf(numbering.issuedOn);
      if ((this.takenStmt.get(year, numbering.seq, key.roundId, key.unitId, key.kind)?.n ?? 0) > 0) return false;
      const before = this.find(key) ?? null;
      this.upsertStmt.run(key.roundId, key.unitId, key.kind, year, numbering.seq, numbering.issuedOn);
      this.audit.record(actor.userId, 'document.number', { ...label, kind: key.kind, year, seq: numbering.seq, issuedOn: numbering.issuedOn, before }, actor.client);
      return true;
    });
  }
}
