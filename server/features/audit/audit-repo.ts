// The audit log: who changed what, when, from where (docs/rules.md#audit-log). Rows are only ever added: the product has
// no statement that changes or removes one, and the database refuses it (migration 012).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../../platform/db.js';
import { camelRow } from '../../platform/rows.js';
import type { AuditFilter } from './core/filter.js';

/**
 * The truncated address of the web request being answered (set once per staff request, web/staff/index.ts),
 * so that every action a person takes shows where it came from in the same truncated form, whether or not the code
 * that records it passed the address along. Empty for the CLI and the demo seed.
 */
export const auditClientScope = new AsyncLocalStorage<{ client: string | null }>();

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  displayName: string | null;
  action: string;
  detail: string | null;
  /** The client's truncated address (see features/audit/core/client-address.ts); null for the CLI and older entries. */
  client: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  display_name: string | null;
  action: string;
  detail: string | null;
  client: string | null;
}

interface FilterParams {
  action: string | null;
  userId: number | null;
  fromIso: string | null;
  toIso: string | null;
  roundCode: string | null;
  roundId: number | null;
}

function toEntry(row: AuditRow): AuditEntry {
  return camelRow(row);
}

function paramsOf(filter: AuditFilter): FilterParams {
  return {
    action: filter.action ?? null,
    userId: filter.userId ?? null,
    fromIso: filter.fromIso ?? null,
    toIso: filter.toIso ?? null,
    roundCode: filter.round?.code ?? null,
    roundId: filter.round?.id ?? null,
  };
}

const SELECT = `SELECT a.id, a.at, a.user_id, u.username, u.display_name, a.action, a.detail, a.client
                  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`;

// One statement for every combination of filters: an absent filter is NULL and lets every row through. An action
// matches itself and, as a group, every action under it ('round' → 'round.open' …). Rounds are named by code in
// round entries and by id in receipt entries.
const WHERE = `WHERE (@action IS NULL OR a.action = @action OR a.action LIKE @action || '.%')
    AND (@userId IS NULL OR a.user_id = @userId)
    AND (@fromIso IS NULL OR a.at >= @fromIso)
    AND (@toIso IS NULL OR a.at < @toIso)
    AND (@roundCode IS NULL OR json_extract(a.detail, '$.round') IN (@roundCode, @roundId))`;

export class AuditRepo {
  private readonly insertStmt;
  private readonly byActionStmt;
  private readonly forRoundStmt;
  private readonly searchStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number | null, string, string | null, string | null]>(
      'INSERT INTO audit_log (at, user_id, action, detail, client) VALUES (?, ?, ?, ?, ?)',
    );
    this.byActionStmt = db.prepare<[string, number], AuditRow>(`${SELECT} WHERE a.action = ? ORDER BY a.id DESC LIMIT ?`);
    this.forRoundStmt = db.prepare<[string], AuditRow>(
      `${SELECT} WHERE a.action LIKE 'round.%' AND json_extract(a.detail, '$.round') = ? ORDER BY a.id`,
    );
    this.searchStmt = db.prepare<[FilterParams & { limit: number; offset: number }], AuditRow>(
      `${SELECT} ${WHERE} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
    );
    this.countStmt = db.prepare<[FilterParams], { n: number }>(`SELECT COUNT(*) AS n FROM audit_log a ${WHERE}`);
  }

  /**
   * Records one action. `detail` is stored as JSON; it must never hold a phone number or an invite token. `client`
   * is the truncated address the change came from (web requests). Call it inside the same writeTransaction as the
   * change it records.
   */
  record(userId: number | null, action: string, detail?: Record<string, unknown>, client?: string | null): void {
    this.insertStmt.run(
      new Date().toISOString(),
      userId,
      action,
      detail === undefined ? null : JSON.stringify(detail),
      client ?? auditClientScope.getStore()?.client ?? null,
    );
  }

  /** The latest entries of one action, newest first. */
  byAction(action: string, limit = 100): AuditEntry[] {
    return this.byActionStmt.all(action, limit).map(toEntry);
  }

  /** The history of one round (created, opened, closed …), oldest first. */
  forRound(roundCode: string): AuditEntry[] {
    return this.forRoundStmt.all(roundCode).map(toEntry);
  }

  /** The entries the filter lets through, newest first, `limit` from `offset`. */
  search(filter: AuditFilter, limit: number, offset = 0): AuditEntry[] {
    return this.searchStmt.all({ ...paramsOf(filter), limit, offset }).map(toEntry);
  }

  count(filter: AuditFilter): number {
    return this.countStmt.get(paramsOf(filter))?.n ?? 0;
  }
}
