// The roster (民调数据库, table `contacts`): phone numbers of the grids, stored encrypted with a keyed hash for dedupe
// and a masked copy for display (keys: roster-keys.ts). Nothing here ever returns a number in clear except `reveal`.
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { RosterKeys } from './roster-keys.js';
import type { NewContact } from './core/import.js';
import {
  CONTACT_STATUS_LABELS, contactStatusOf, statusChangeProblem,
  type Contact, type ContactStatus, type RevealedContact,
} from '../../core/calls/contact.js';
import { writeTransaction } from '../../platform/write-transaction.js';

/** A checked import row (features/roster/core/import.ts): the number in canonical form with its masked copy. */
export type { NewContact } from './core/import.js';

export interface ContactFilter {
  /** Only contacts of these grids (the caller's scope, or one grid picked from it). */
  gridIds: readonly number[];
  category?: string;
  status?: ContactStatus;
}

export interface CategoryCount {
  category: string | null;
  status: ContactStatus;
  n: number;
}

/** A write the roster refused: numbers already stored, or a stale status form. Message in Chinese. */
export class RosterConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterConflict';
  }
}

interface ContactRow {
  id: number;
  grid_id: number;
  phone_masked: string;
  category: string | null;
  status: string;
  status_changed_at: string | null;
  created_at: string;
}

function toContact(row: ContactRow): Contact {
  const status = contactStatusOf(row.status);
  if (!status) throw new Error(`unknown contact status in database: ${row.status}`);
  return {
    id: row.id, gridId: row.grid_id, masked: row.phone_masked, category: row.category, status,
    statusChangedAt: row.status_changed_at, createdAt: row.created_at,
  };
}

const COLUMNS = 'id, grid_id, phone_masked, category, status, status_changed_at, created_at';
// Filters bind as (grid ids as JSON, category, category, status, status); a NULL filter value matches everything.
const WHERE = `grid_id IN (SELECT value FROM json_each(?))
  AND (? IS NULL OR category IS ?) AND (? IS NULL OR status = ?)`;
type FilterParams = [string, string | null, string | null, string | null, string | null];

function filterParams(f: ContactFilter): FilterParams {
  const category = f.category ?? null;
  const status = f.status ?? null;
  return [JSON.stringify(f.gridIds), category, category, status, status];
}

export class ContactsRepo {
  private readonly insertStmt;
  private readonly byHashStmt;
  private readonly byIdStmt;
  private readonly secretsStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly byCategoryStmt;
  private readonly setStatusStmt;
  private readonly byNumberStmt;
  private readonly namedStmt;

  constructor(private readonly db: Db, private readonly keys: RosterKeys, private readonly audit: AuditRepo) {
    this.insertStmt = db.prepare<[number, string, string, string, string | null, string | null, string | null, string]>(
      `INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, category, name_enc, note_enc, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (phone_hash) DO NOTHING`,
    );
    this.byHashStmt = db.prepare<[string], { id: number }>('SELECT id FROM contacts WHERE phone_hash = ?');
    this.byIdStmt = db.prepare<[number], ContactRow>(`SELECT ${COLUMNS} FROM contacts WHERE id = ?`);
    this.secretsStmt = db.prepare<[number], { grid_id: number; phone_enc: string; name_enc: string | null; note_enc: string | null }>(
      'SELECT grid_id, phone_enc, name_enc, note_enc FROM contacts WHERE id = ?',
    );
    this.listStmt = db.prepare<[...FilterParams, number, number], ContactRow>(
      `SELECT ${COLUMNS} FROM contacts WHERE ${WHERE} ORDER BY grid_id, id LIMIT ? OFFSET ?`,
    );
    this.countStmt = db.prepare<FilterParams, { n: number }>(`SELECT COUNT(*) AS n FROM contacts WHERE ${WHERE}`);
    this.byCategoryStmt = db.prepare<FilterParams, { category: string | null; status: string; n: number }>(
      `SELECT category, status, COUNT(*) AS n FROM contacts WHERE ${WHERE} GROUP BY category, status ORDER BY category, status`,
    );
    this.setStatusStmt = db.prepare<[string, string, number, string]>(
      'UPDATE contacts SET status = ?, status_changed_at = ? WHERE id = ? AND status = ?',
    );
    this.byNumberStmt = db.prepare<[string], ContactRow>(`SELECT ${COLUMNS} FROM contacts WHERE phone_hash = ?`);
    this.namedStmt = db.prepare<[string], ContactRow & { name_enc: string }>(
      `SELECT ${COLUMNS}, name_enc FROM contacts WHERE grid_id IN (SELECT value FROM json_each(?)) AND name_enc IS NOT NULL ORDER BY grid_id, id`,
    );
  }

  /** The keyed hash of a canonical number; the demo and tests use it to find a number's contact. */
  hashOf(canonical: string): string {
    return this.keys.hash(canonical);
  }

  /** The database file, which a worker may open a connection of its own to; undefined for a database in memory. */
  databaseFile(): string | undefined {
    return this.db.memory ? undefined : this.db.name;
  }

  /** Which of these canonical numbers the roster already holds. */
  knownNumbers(canonicals: readonly string[]): Set<string> {
    return new Set(canonicals.filter((c) => this.byHashStmt.get(this.keys.hash(c)) !== undefined));
  }

  /**
   * Stores the contacts in one transaction, all or none, with one audit entry (counts only, never a number). A
   * number stored by someone else since the file was checked aborts the whole import with a RosterConflict.
   */
  importMany(contacts: readonly NewContact[], userId: number | null, detail: Record<string, unknown> = {}): number[] {
    return writeTransaction(this.db, (): number[] => {
      const now = new Date().toISOString();
      const taken: string[] = [];
      const ids: number[] = [];
      contacts.forEach((c, i) => {
        // One statement per row: a number already stored (by someone else since the file was checked) inserts nothing.
        const hash = this.keys.hash(c.canonical);
        const result = this.insertStmt.run(c.gridId, this.seal(c.canonical), hash, c.masked, c.category, this.sealOrNull(c.name), this.sealOrNull(c.note), now);
        if (result.changes === 1) ids.push(Number(result.lastInsertRowid));
        else taken.push(`第 ${i + 1} 个号码（${c.masked}）`);
      });
      if (taken.length > 0) throw new RosterConflict(`以下号码刚刚已被导入民调数据库，本次没有导入任何号码：${taken.slice(0, 10).join('、')}`);
      this.audit.record(userId, 'roster.import', { ...detail, contacts: ids.length, byCategory: categoryCounts(contacts) });
      return ids;
    });
  }

  getById(id: number): Contact | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toContact(row) : undefined;
  }

  /** The contact holding this canonical number, found by its keyed hash (the number itself is never compared). */
  findByNumber(canonical: string): Contact | undefined {
    const row = this.byNumberStmt.get(this.keys.hash(canonical));
    return row ? toContact(row) : undefined;
  }

  /**
   * Contacts of these grids whose name contains `text`, at most `limit`, by grid then import order. Names are sealed
   * with a random nonce, so they are opened one by one here and compared in memory; nothing is stored or returned
   * in clear.
   */
  findByName(gridIds: readonly number[], text: string, limit: number): Contact[] {
    const found: Contact[] = [];
    for (const row of this.namedStmt.iterate(JSON.stringify(gridIds))) {
      if (this.keys.box.open(row.name_enc)?.includes(text)) found.push(toContact(row));
      if (found.length >= limit) break;
    }
    return found;
  }

  /** One page of contacts, by grid then import order. */
  list(filter: ContactFilter, limit: number, offset: number): Contact[] {
    return this.listStmt.all(...filterParams(filter), limit, offset).map(toContact);
  }

  count(filter: ContactFilter): number {
    return this.countStmt.get(...filterParams(filter))?.n ?? 0;
  }

  /** Contacts per category and status (null: imported without a category). */
  countsByCategory(filter: ContactFilter): CategoryCount[] {
    return this.byCategoryStmt.all(...filterParams(filter)).map((r) => {
      const status = contactStatusOf(r.status);
      if (!status) throw new Error(`unknown contact status in database: ${r.status}`);
      return { category: r.category, status, n: r.n };
    });
  }

  /**
   * Marks a contact 空号/停机/拒绝再访/正常: a conditional UPDATE from the status the person saw (`from`), with its
   * audit entry in the same transaction. A stale form (someone changed it meanwhile) is a RosterConflict.
   */
  setStatus(id: number, from: ContactStatus, to: ContactStatus, userId: number | null): Contact {
    return writeTransaction(this.db, (): Contact => {
      const problem = statusChangeProblem(from, to);
      if (problem) throw new RosterConflict(problem);
      const changed = this.setStatusStmt.run(to, new Date().toISOString(), id, from).changes;
      if (changed !== 1) throw new RosterConflict(`该号码的状态已不是“${CONTACT_STATUS_LABELS[from]}”（可能已被他人修改），请刷新后重试`);
      const contact = this.getById(id);
      if (!contact) throw new Error(`contact ${id} vanished inside its own transaction`);
      this.audit.record(userId, 'roster.status', { contact: id, grid: contact.gridId, from, to });
      return contact;
    });
  }

  /**
   * The number (and name, note) in clear, for the interviewer's screen only. The caller must be allowed to call this
   * contact and must write an audit entry ('roster.reveal', contact id, never the number) in the same request;
   * nothing else may show or log what this returns.
   */
  reveal(id: number): RevealedContact | undefined {
    const row = this.secretsStmt.get(id);
    if (!row) return undefined;
    const phone = this.keys.box.open(row.phone_enc);
    if (phone === undefined) throw new Error(`contact ${id}: the number does not open with the roster key (SAFEPOLL_ROSTER_KEY changed?)`);
    const open = (v: string | null) => (v === null ? null : this.keys.box.open(v) ?? null);
    return { contactId: id, gridId: row.grid_id, phone, name: open(row.name_enc), note: open(row.note_enc) };
  }

  private seal(text: string): string {
    return this.keys.box.seal(text);
  }

  private sealOrNull(text: string | null): string | null {
    return text === null || text === '' ? null : this.keys.box.seal(text);
  }
}

function categoryCounts(contacts: readonly NewContact[]): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const c of contacts) {
    const key = c.category ?? '';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
