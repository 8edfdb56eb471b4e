// Call-back checks (真实度回访, migration 015): the round's share and questions, the stored draw, the call-backs made.
// The draw and each call-back are written with their audit entry in one transaction; which interviews are drawn and
// whether answers match are decided in domain/callbacks/.
import type { Db } from './db.js';
import type { AuditRepo } from './audit-repo.js';
import type { CompletedInterview } from '../domain/callbacks/draw.js';
import type { CallbackRecord } from '../domain/callbacks/check.js';
import type { Answers } from '../domain/survey/model.js';

export interface CallbackSettings {
  share: number;
  /** Configured question ids, null for the questionnaire's first substantive ones. */
  questions: string[] | null;
}

/** A drawn interview as the call-back page lists it: never the number in clear. */
export interface DrawnInterview {
  responseId: number;
  gridId: number;
  interviewerId: number | null;
  interviewerName: string | null;
  phoneMasked: string | null;
  interviewedAt: string;
  /** Set once the call-back was made. */
  checkedAt: string | null;
  confirmed: boolean | null;
  matched: boolean | null;
}

export interface NewCallback {
  roundId: number;
  responseId: number;
  checkerId: number;
  confirmed: boolean;
  matched: boolean | null;
  asked: Answers;
}

interface DrawnRow {
  response_id: number; grid_id: number; interviewer_id: number | null; display_name: string | null;
  phone_masked: string | null; created_at: string; checked_at: string | null; confirmed: number | null; answers_match: number | null;
}

const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);

export class CallbacksRepo {
  private readonly settingsStmt;
  private readonly setShareStmt;
  private readonly setQuestionsStmt;
  private readonly completedStmt;
  private readonly insertDrawStmt;
  private readonly drawnStmt;
  private readonly hasDrawStmt;
  private readonly insertStmt;
  private readonly recordsStmt;

  constructor(private readonly db: Db, private readonly audit: AuditRepo) {
    this.settingsStmt = db.prepare<[number], { callback_share: number; callback_questions: string | null }>(
      'SELECT callback_share, callback_questions FROM rounds WHERE id = ?',
    );
    this.setShareStmt = db.prepare<[number, number]>('UPDATE rounds SET callback_share = ? WHERE id = ?');
    this.setQuestionsStmt = db.prepare<[string | null, number]>('UPDATE rounds SET callback_questions = ? WHERE id = ?');
    this.completedStmt = db.prepare<[number], { id: number; interviewer_id: number | null }>(
      `SELECT id, interviewer_id FROM responses WHERE round_id = ? AND channel = 'phone' AND status = 'complete' ORDER BY id`,
    );
    this.insertDrawStmt = db.prepare<[number, number, number | null, string, string]>(
      'INSERT INTO callback_draws (round_id, response_id, interviewer_id, seed, drawn_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.drawnStmt = db.prepare<[number], DrawnRow>(
      `SELECT d.response_id, r.grid_id, d.interviewer_id, u.display_name, c.phone_masked, r.created_at,
              k.created_at AS checked_at, k.confirmed, k.answers_match
       FROM callback_draws d JOIN responses r ON r.id = d.response_id
       LEFT JOIN users u ON u.id = d.interviewer_id LEFT JOIN contacts c ON c.id = r.contact_id
       LEFT JOIN callbacks k ON k.response_id = d.response_id
       WHERE d.round_id = ? ORDER BY d.interviewer_id, d.response_id`,
    );
    this.hasDrawStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM callback_draws WHERE round_id = ?');
    this.insertStmt = db.prepare<[number, number, number, number, number | null, string, string]>(
      `INSERT INTO callbacks (round_id, response_id, checker_id, confirmed, answers_match, asked, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (response_id) DO NOTHING`,
    );
    this.recordsStmt = db.prepare<[number], { interviewer_id: number | null; confirmed: number; answers_match: number | null }>(
      `SELECT d.interviewer_id, k.confirmed, k.answers_match FROM callbacks k
       JOIN callback_draws d ON d.round_id = k.round_id AND d.response_id = k.response_id WHERE k.round_id = ?`,
    );
  }

  settings(roundId: number): CallbackSettings {
    const row = this.settingsStmt.get(roundId);
    const questions = row?.callback_questions?.split(',').map((q) => q.trim()).filter((q) => q !== '') ?? [];
    return { share: row?.callback_share ?? 0.1, questions: questions.length > 0 ? questions : null };
  }

  /** The share and the questions asked again (null: the questionnaire's first substantive ones), audit-logged. */
  configure(roundId: number, settings: CallbackSettings, userId: number, roundCode: string): void {
    this.db.transaction(() => {
      this.setShareStmt.run(settings.share, roundId);
      this.setQuestionsStmt.run(settings.questions ? settings.questions.join(',') : null, roundId);
      this.audit.record(userId, 'callback.share', { round: roundCode, share: settings.share, questions: settings.questions });
    }).immediate();
  }

  /** The round's completed phone interviews, the population a draw is made from. */
  completedPhoneInterviews(roundId: number): CompletedInterview[] {
    return this.completedStmt.all(roundId).map((r) => ({ responseId: r.id, interviewerId: r.interviewer_id }));
  }

  /** Stores a draw once: false (and nothing written) when the round already has one. */
  storeDraw(roundId: number, drawn: readonly CompletedInterview[], seed: string, audit: { userId: number; roundCode: string }): boolean {
    return this.db.transaction(() => {
      if ((this.hasDrawStmt.get(roundId)?.n ?? 0) > 0) return false;
      const now = new Date().toISOString();
      for (const d of drawn) this.insertDrawStmt.run(roundId, d.responseId, d.interviewerId, seed, now);
      this.audit.record(audit.userId, 'callback.draw', { round: audit.roundCode, seed, drawn: drawn.length });
      return true;
    }).immediate();
  }

  drawn(roundId: number): DrawnInterview[] {
    return this.drawnStmt.all(roundId).map((r) => ({
      responseId: r.response_id,
      gridId: r.grid_id,
      interviewerId: r.interviewer_id,
      interviewerName: r.display_name,
      phoneMasked: r.phone_masked,
      interviewedAt: r.created_at,
      checkedAt: r.checked_at,
      confirmed: flag(r.confirmed),
      matched: flag(r.answers_match),
    }));
  }

  /** Records a call-back with its audit entry; false when the interview was already called back. */
  record(c: NewCallback, roundCode: string): boolean {
    return this.db.transaction(() => {
      const matched = c.matched === null ? null : c.matched ? 1 : 0;
      const done = this.insertStmt.run(c.roundId, c.responseId, c.checkerId, c.confirmed ? 1 : 0, matched, JSON.stringify(c.asked), new Date().toISOString());
      if (done.changes !== 1) return false;
      this.audit.record(c.checkerId, 'callback.record', { round: roundCode, response: c.responseId, confirmed: c.confirmed, matched: c.matched });
      return true;
    }).immediate();
  }

  /** The round's call-backs, with the interviewer of each checked interview, for the report and the bulletin. */
  records(roundId: number): CallbackRecord[] {
    return this.recordsStmt.all(roundId).map((r) => ({ interviewerId: r.interviewer_id, confirmed: r.confirmed === 1, matched: flag(r.answers_match) }));
  }
}
