// What posters print besides the link: a grid's worker (name and work phone, migration 019) and the public URL every
// poster shares. (The issuing body they print is the document issuer's, documents-repo.ts.) Each change writes its
// audit entry in the same transaction; the audit detail names the grid, never the phone.
import type { Db } from '../../platform/db.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Actor } from '../../core/auth/actor.js';
import type { GridWorker } from '../../core/units/grid-worker.js';
import { PUBLIC_URL_KEY } from '../../platform/settings-repo.js';

interface WorkerRow {
  id: number;
  worker_name: string | null;
  worker_phone: string | null;
}

export class PosterRepo {
  private readonly workerStmt;
  private readonly workersStmt;
  private readonly setWorkerStmt;
  private readonly setSettingStmt;
  private readonly clearSettingStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepo,
  ) {
    this.workerStmt = db.prepare<[number], WorkerRow>('SELECT id, worker_name, worker_phone FROM units WHERE id = ?');
    this.workersStmt = db.prepare<[], WorkerRow>(
      'SELECT id, worker_name, worker_phone FROM units WHERE worker_name IS NOT NULL AND worker_phone IS NOT NULL',
    );
    this.setWorkerStmt = db.prepare<[string | null, string | null, number]>(
      "UPDATE units SET worker_name = ?, worker_phone = ? WHERE id = ? AND level = 'grid'",
    );
    this.setSettingStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.clearSettingStmt = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  /** The worker of one grid, or undefined when none is recorded. */
  gridWorker(unitId: number): GridWorker | undefined {
    return workerOf(this.workerStmt.get(unitId));
  }

  /** Every grid's worker at once (one query for a township's posters), by unit id. */
  gridWorkers(): Map<number, GridWorker> {
    const out = new Map<number, GridWorker>();
    for (const row of this.workersStmt.all()) {
      const worker = workerOf(row);
      if (worker) out.set(row.id, worker);
    }
    return out;
  }

  /** Sets (or, with null, clears) a grid's worker; false when `unitId` is not a grid. */
  setGridWorker(unitId: number, unitCode: string, worker: GridWorker | null, actor: Actor): boolean {
    return writeTransaction(this.db, () => {
      const changed = this.setWorkerStmt.run(worker?.name ?? null, worker?.phone ?? null, unitId).changes === 1;
      if (changed) this.audit.record(actor.userId, 'unit.grid-worker', { unit: unitCode, cleared: worker === null }, actor.client);
      return changed;
    });
  }

  /** Stores the posters' public URL (an empty value removes it) with its audit entry. */
  setPublicUrl(publicUrl: string, actor: Actor): void {
    writeTransaction(this.db, () => {
      if (publicUrl === '') this.clearSettingStmt.run(PUBLIC_URL_KEY);
      else this.setSettingStmt.run(PUBLIC_URL_KEY, publicUrl);
      this.audit.record(actor.userId, 'settings.poster', { publicUrl }, actor.client);
    });
  }
}

function workerOf(row: WorkerRow | undefined): GridWorker | undefined {
  if (!row || row.worker_name === null || row.worker_phone === null) return undefined;
  return { name: row.worker_name, phone: row.worker_phone };
}
