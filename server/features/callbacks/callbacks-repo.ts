// Call-back checks (真实度回访, migrations 015 and 027): the round's share and questions, the stored draws, the
// call-backs made and their outcomes. Each draw and each call-back are written with their audit entry in one
// transaction; which interviews are drawn, whether answers match and what an outcome means are decided in
// features/callbacks/core/.
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import { DEFAULT_CALLBACK_SHARE, type CompletedInterview } from './core/draw.js';
import type { CallbackRecord } from './core/check.js';
import { isCallbackOutcome, type CallbackOutcome } from './core/outcomes.js';
import type { Answers } from '../../core/survey/model.js';
import { writeTransaction } from '../../platform/write-transaction.js';

export interface CallbackSettings {
  share: number;
  /** Configured question ids, null for the questionnaire's first substantive ones. */
  questions: string[] | null;
}

/** A drawn interview as the call-back page lists it: never the number in clear. */
export interface DrawnInterview {
  responseId: number;
  gridId: number;
  /** The roster number the interview was made to (null for an interview without one). */
  contactId: number | null;
  interviewerId: number | null;
  interviewerName: string | null;
  phoneMasked: string | null;
  interviewedAt: string;
  /** Set once the call-back was made. */
  checkedAt: string | null;
  outcome: CallbackOutcome | null;
  /** Calls made for this call-back (a call nobody answered may be tried again). */
  attempts: number;
  matched: boolean | null;
}

/** A completed phone interview, with the grid it was made in (a draw for one interviewer stays in the user's scope). */
export interface PhoneInterview extends CompletedInterview {
  gridId: number;
}

export interface NewCallback {
  roundId: number;
  responseId: number;
  checkerId: number;
  outcome: CallbackOutcome;
  matched: boolean | null;
  asked: Answers;
}

interface DrawnRow {
  response_id: number; grid_id: number; contact_id: number | null; interviewer_id: number | null; display_name: string | null;
  phone_masked: string | null; created_at: string; checked_at: string | null; outcome: string | null; attempts: number | null;
  answers_match: number | null;
}

const flag = (v: number | null): boolean | null => (v === null ? null : v === 1);

/** The stored outcome; a row the CHECK let through is one of them, anything else is a broken database. */
function outcomeOf(stored: string): CallbackOutcome {
  if (!isCallbackOutcome(stored)) throw new Error(`callbacks: unknown outcome ${stored}`);
  return stored;
}

export class CallbacksRepo {
  private readonly settingsStmt;
  private readonly setShareStmt;
  private readonly setQuestionsStmt;
  private readonly completedStmt;
  private readonly insertDrawStmt;
  private readonly drawnStmt;
  private readonly drawCountStmt;
  private readonly insertStmt;
  private readonly retryStmt;
  private readonly recordsStmt;

  constructor(private readonly db: Db, private readonly audit: AuditRepo) {
    this.settingsStmt = db.prepare<[number], { callback_share: number; callback_questions: string | null }>(
      'SELECT callback_share, callback_questions FROM rounds WHERE id = ?',
    );
    this.setShareStmt = db.prepare<[number, number]>('UPDATE rounds SET callback_share = ? WHERE id = ?');
    this.setQuestionsStmt = db.prepare<[string | null, number]>('UPDATE rounds SET callback_questions = ? WHERE id = ?');
    this.completedStmt = db.prepare<[number], { id: number; interviewer_id: number | null; grid_id: number }>(
      `SELECT id, interviewer_id, grid_id FROM responses WHERE round_id = ? AND channel = 'phone' AND status = 'complete' ORDER BY id`,
    );
    this.insertDrawStmt = db.prepare<[number, number, number | null, string, string]>(
      'INSERT INTO callback_draws (round_id, response_id, interviewer_id, seed, drawn_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.drawnStmt = db.prepare<[number], DrawnRow>(
      `SELECT d.response_id, r.grid_id, r.contact_id, d.interviewer_id, u.display_name, c.phone_masked, r.created_at,
              k.created_at AS checked_at, k.outcome, k.attempts, k.answers_match
       FROM callback_draws d JOIN responses r ON r.id = d.response_id
       LEFT JOIN users u ON u.id = d.interviewer_id LEFT JOIN contacts c ON c.id = r.contact_id
       LEFT JOIN callbacks k ON k.response_id = d.response_id
       WHERE d.round_id = ? ORDER BY d.interviewer_id, d.response_id`,
    );
    this.drawCountStmt = db.prepare<[number], { n: number; draws: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT seed) AS draws FROM callback_draws WHERE round_id = ?',
    );
    this.insertStmt = db.prepare<[number, number, number, number, string, number | null, string, string]>(
      `INSERT INTO callbacks (round_id, response_id, checker_id, confirmed, outcome, answers_match, asked, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (response_id) DO NOTHING`,
    );
    // A further call after nobody answered (or the line was busy): only over such an outcome, never over a final one.
    this.retryStmt = db.prepare<[number, number, string, number | null, string, string, number]>(
      `UPDATE callbacks SET checker_id = ?, confirmed = ?, outcome = ?, answers_match = ?, asked = ?, created_at = ?,
         attempts = attempts + 1
       WHERE response_id = ? AND outcome IN ('no_answer', 'busy')`,
    );
    this.recordsStmt = db.prepare<[number], { interviewer_id: number | null; outcome: string; answers_match: number | null }>(
      `SELECT d.interviewer_id, k.outcome, k.answers_match FROM callbacks k
       JOIN callback_draws d ON d.round_id = k.round_id AND d.response_id = k.response_id WHERE k.round_id = ?`,
    );
  }

  settings(roundId: number): CallbackSettings {
    const row = this.settingsStmt.get(roundId);
    const questions = row?.callback_questions?.split(',').map((q) => q.trim()).filter((q) => q !== '') ?? [];
    return { share: row?.callback_share ?? DEFAULT_CALLBACK_SHARE, questions: questions.length > 0 ? questions : null };
  }

  /** The share and the questions asked again (null: the questionnaire's first substantive ones), audit-logged. */
  configure(roundId: number, settings: CallbackSettings, userId: number, roundCode: string): void {
    writeTransaction(this.db, () => {
      this.setShareStmt.run(settings.share, roundId);
      this.setQuestionsStmt.run(settings.questions ? settings.questions.join(',') : null, roundId);
      this.audit.record(userId, 'callback.share', { round: roundCode, share: settings.share, questions: settings.questions });
    });
  }

  /** The round's completed phone interviews, the population a draw is made from. */
  completedPhoneInterviews(roundId: number): PhoneInterview[] {
    return this.completedStmt.all(roundId).map((r) => ({ responseId: r.id, interviewerId: r.interviewer_id, gridId: r.grid_id }));
  }

  /** How many interviews were drawn and in how many draws, to compute the next draw's seed and check it is still due. */
  drawCount(roundId: number): { drawn: number; draws: number } {
    const row = this.drawCountStmt.get(roundId);
    return { drawn: row?.n ?? 0, draws: row?.draws ?? 0 };
  }

  /**
   * Stores a further draw: false (and nothing written) when the stored draws changed since `drawnBefore` was read
   * (someone drew meanwhile: this draw was computed from an old list). A response is drawn once (primary key).
   */
  storeDraw(
    roundId: number, drawn: readonly CompletedInterview[], seed: string, drawnBefore: number,
    audit: { userId: number; roundCode: string; interviewerId?: number },
  ): boolean {
    return writeTransaction(this.db, () => {
      if ((this.drawCountStmt.get(roundId)?.n ?? 0) !== drawnBefore) return false;
      const now = new Date().toISOString();
      for (const d of drawn) this.insertDrawStmt.run(roundId, d.responseId, d.interviewerId, seed, now);
      const interviewer = audit.interviewerId;
      this.audit.record(audit.userId, 'callback.draw', { round: audit.roundCode, seed, drawn: drawn.length, ...(interviewer === undefined ? {} : { interviewer }) });
      return true;
    });
  }

  drawn(roundId: number): DrawnInterview[] {
    return this.drawnStmt.all(roundId).map((r) => ({
      responseId: r.response_id,
      gridId: r.grid_id,
      contactId: r.contact_id,
      interviewerId: r.interviewer_id,
      interviewerName: r.display_name,
      phoneMasked: r.phone_masked,
      interviewedAt: r.created_at,
      checkedAt: r.checked_at,
      outcome: r.outcome === null ? null : outcomeOf(r.outcome),
      attempts: r.attempts ?? 0,
      matched: flag(r.answers_match),
    }));
  }

  /**
   * Records a call-back with its audit entry: the first call, or a further one after nobody answered. False (nothing
   * written) when the interview already has a final outcome.
   */
  record(c: NewCallback, roundCode: string): boolean {
    return writeTransaction(this.db, () => {
      const matched = c.matched === null ? null : c.matched ? 1 : 0;
      const confirmed = c.outcome === 'confirmed' ? 1 : 0;
      const asked = JSON.stringify(c.asked);
      const now = new Date().toISOString();
      const first = this.insertStmt.run(c.roundId, c.responseId, c.checkerId, confirmed, c.outcome, matched, asked, now);
      if (first.changes !== 1 && this.retryStmt.run(c.checkerId, confirmed, c.outcome, matched, asked, now, c.responseId).changes !== 1) {
        return false;
      }
      this.audit.record(c.checkerId, 'callback.record', { round: roundCode, response: c.responseId, outcome: c.outcome, matched: c.matched });
      return true;
    });
  }

  /** The round's call-backs, with the interviewer of each checked interview, for the report and the bulletin. */
  records(roundId: number): CallbackRecord[] {
    return this.recordsStmt.all(roundId).map((r) => ({ interviewerId: r.interviewer_id, outcome: outcomeOf(r.outcome), matched: flag(r.answers_match) }));
  }
}
