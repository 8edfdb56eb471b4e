// The SQL side of the honesty checks (answer modes, interviewers, coached answers): a round's completed responses
// grouped per grid, mode and interviewer with their packed choices joined (as the results read them, one row per
// group), the interviews staff entered one by one with their call's start and end, and each round's thresholds
// (round_quality_settings, migration 034), written with their audit entry in one transaction. It stores and fetches;
// the rules are core/results/* and core/thresholds.ts.
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import { RESPONSE_SEPARATOR } from '../../core/survey/choices.js';
import type { ResponseGroup } from '../../core/results/subset-estimates.js';
import type { RoundQualitySettings } from './core/thresholds.js';

/** One interview a staff member entered, with the times that measure its length. */
export interface StaffInterviewRow {
  interviewerId: number;
  gridId: number;
  mode: string;
  choices: string;
  /** The phone call's start and end (calls.started_at / ended_at), when recorded. */
  callStartedAt: string | null;
  callEndedAt: string | null;
  /** The response's own start and save, for phone interviews whose call has no times (imported). */
  startedAt: string | null;
  createdAt: string;
}

export class InterviewersRepo {
  private readonly groupsStmt;
  private readonly staffStmt;
  private readonly gridChoicesStmt;
  private readonly settingsStmt;
  private readonly insertSettingsStmt;
  private readonly updateSettingsStmt;

  constructor(private readonly db: Db, private readonly audit: AuditRepo) {
    this.groupsStmt = db.prepare<[string, number], { grid_id: number; channel: string; interviewer_id: number | null; n: number; choices: string | null }>(
      `SELECT grid_id, channel, interviewer_id, COUNT(*) AS n, string_agg(choices, ? ORDER BY id) AS choices
       FROM responses WHERE round_id = ? AND status = 'complete'
       GROUP BY grid_id, channel, interviewer_id ORDER BY grid_id, channel, interviewer_id`,
    );
    this.staffStmt = db.prepare<
      [number, number],
      { interviewer_id: number; grid_id: number; channel: string; choices: string | null; call_started: string | null; call_ended: string | null; started_at: string | null; created_at: string }
    >(
      `SELECT r.interviewer_id, r.grid_id, r.channel, r.choices, c.call_started, c.call_ended, r.started_at, r.created_at
       FROM responses r
       LEFT JOIN (SELECT response_id, MIN(started_at) AS call_started, MAX(ended_at) AS call_ended
                  FROM calls WHERE round_id = ? AND response_id IS NOT NULL GROUP BY response_id) c ON c.response_id = r.id
       WHERE r.round_id = ? AND r.status = 'complete' AND r.channel IN ('phone', 'paper') AND r.interviewer_id IS NOT NULL
       ORDER BY r.interviewer_id, r.id`,
    );
    this.gridChoicesStmt = db.prepare<[number], { grid_id: number; choices: string | null }>(
      `SELECT grid_id, choices FROM responses WHERE round_id = ? AND status = 'complete' ORDER BY grid_id, id`,
    );
    this.settingsStmt = db.prepare<[number], { settings: string; updated_at: string }>('SELECT settings, updated_at FROM round_quality_settings WHERE round_id = ?');
    this.insertSettingsStmt = db.prepare<[number, string, string, number | null]>(
      `INSERT INTO round_quality_settings (round_id, settings, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (round_id) DO NOTHING`,
    );
    this.updateSettingsStmt = db.prepare<[string, string, number | null, number, string]>(
      'UPDATE round_quality_settings SET settings = ?, updated_at = ?, updated_by = ? WHERE round_id = ? AND updated_at = ?',
    );
  }

  /** The round's completed responses per grid, answer mode and interviewer, packed choices joined. */
  responseGroups(roundId: number): ResponseGroup[] {
    return this.groupsStmt.all(RESPONSE_SEPARATOR, roundId).map((r) => ({
      gridId: r.grid_id,
      mode: r.channel,
      interviewerId: r.interviewer_id,
      count: r.n,
      responses: r.choices ?? '',
    }));
  }

  /** Every completed phone or paper interview of the round with its interviewer, in interviewer order. */
  staffInterviews(roundId: number): StaffInterviewRow[] {
    return this.staffStmt.all(roundId, roundId).map((r) => ({
      interviewerId: r.interviewer_id,
      gridId: r.grid_id,
      mode: r.channel,
      choices: r.choices ?? '',
      callStartedAt: r.call_started,
      callEndedAt: r.call_ended,
      startedAt: r.started_at,
      createdAt: r.created_at,
    }));
  }

  /** Each grid's completed responses' packed choices in the round. */
  gridChoices(roundId: number): Map<number, string[]> {
    const out = new Map<number, string[]>();
    for (const r of this.gridChoicesStmt.iterate(roundId)) {
      let list = out.get(r.grid_id);
      if (!list) out.set(r.grid_id, (list = []));
      list.push(r.choices ?? '');
    }
    return out;
  }

  /** The round's thresholds as stored (JSON), undefined when it uses the defaults. */
  settings(roundId: number): string | undefined {
    return this.settingsStmt.get(roundId)?.settings;
  }

  /** When the round's thresholds were last saved (null: never): the version a form was filled in against. */
  settingsVersion(roundId: number): string | null {
    return this.settingsStmt.get(roundId)?.updated_at ?? null;
  }

  /**
   * Saves the round's thresholds with their audit entry, only if they are still the version the form was filled in
   * against (`basedOn`: its updated_at, null when never saved); false and nothing written when someone saved meanwhile.
   */
  saveSettings(
    round: { id: number; code: string }, json: string, basedOn: string | null, by: number,
    audit: { before: Partial<RoundQualitySettings>; after: Partial<RoundQualitySettings> },
  ): boolean {
    return writeTransaction(this.db, () => {
      const at = new Date().toISOString();
      const written = basedOn === null
        ? this.insertSettingsStmt.run(round.id, json, at, by)
        : this.updateSettingsStmt.run(json, at, by, round.id, basedOn);
      if (written.changes !== 1) return false;
      this.audit.record(by, 'interviewers.thresholds', { round: round.code, before: audit.before, after: audit.after });
      return true;
    });
  }
}
