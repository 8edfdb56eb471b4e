// One network over the whole round (docs/rules.md#review-across-grids-and-the-round): where it has answered, and the
// recall of what it got counted once it is seen answering in several grids. Each web arrival keeps a keyed hash of its
// network while its round is open (migration 028); these statements read and clear those keys and move a counted
// response back to the held ones, exactly as it would have been held when it arrived: its answers as the resident
// gave them (free text masked, the original sealed), its device, key, invite, times and contact. A response whose
// receipt someone already works on, or that was drawn for a call-back, is a record of work done and stays counted.
// Runs inside the writer's transaction; SQL only, what to recall and when is the arrival watch's decision.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import type { SecretBox } from '../../platform/secret-box.js';
import type { AnswerValue, Answers } from '../../core/survey/model.js';
import { maskedAnswers } from './core/held.js';
import type { HoldReason } from './core/anomaly.js';
import { AcceptedWithdrawal } from './review-withdrawal.js';

interface CountedRow {
  id: number;
  grid_id: number;
  channel: string;
  status: string;
  device_hash: string | null;
  submission_key: string | null;
  invite_id: number | null;
  started_at: string | null;
  created_at: string;
  reply_contact_enc: string | null;
  reply_contact_masked: string | null;
}

interface AnswerRow {
  question_id: string;
  option_code: string | null;
  text_value: string | null;
  text_sealed: string | null;
}

type HeldInsert = [
  number, number, string, string, string, string | null, string | null, string | null, number | null, string | null,
  string, string, string | null, string | null, string,
];

export class NetworkRound {
  private readonly gridsStmt;
  private readonly countedStmt;
  private readonly answersStmt;
  private readonly insertHeldStmt;
  private readonly forgetStmts;
  private readonly withdrawal;
  /** The recall as one unit (a savepoint inside the writer's transaction): all of the network's responses or none. */
  private readonly recallTxn;

  constructor(
    db: Db,
    /** Seals the original answers of a recalled response whose free text was masked (as ResponsesRepo.writeHeld). */
    private readonly textBox: SecretBox,
  ) {
    // Stored and held alike, whatever their decision: every one was an arrival (a new device) from the network. An
    // accepted hold is counted once: the response its acceptance stored carries no key.
    this.gridsStmt = db.prepare<[number, string, number, string], { grid_id: number; n: number }>(
      `SELECT grid_id, COUNT(*) AS n FROM (
         SELECT grid_id FROM responses WHERE round_id = ? AND network_key = ?
         UNION ALL SELECT grid_id FROM held_responses WHERE round_id = ? AND network_key = ?)
       GROUP BY grid_id`,
    );
    this.countedStmt = db.prepare<[number, string], CountedRow>(
      `SELECT id, grid_id, channel, status, device_hash, submission_key, invite_id, started_at, created_at,
         reply_contact_enc, reply_contact_masked
       FROM responses r WHERE round_id = ? AND network_key = ?
         AND NOT EXISTS (SELECT 1 FROM callback_draws d WHERE d.response_id = r.id)
       ORDER BY id`,
    );
    this.answersStmt = db.prepare<[number], AnswerRow>(
      'SELECT question_id, option_code, text_value, text_sealed FROM answers WHERE response_id = ? ORDER BY rowid',
    );
    this.insertHeldStmt = db.prepare<HeldInsert>(
      `INSERT INTO held_responses (round_id, grid_id, channel, status, answers, answers_sealed, device_hash,
         submission_key, invite_id, started_at, created_at, reasons, reply_contact_enc, reply_contact_masked, network_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.forgetStmts = ['responses', 'held_responses'].map((table) =>
      db.prepare(`UPDATE ${table} SET network_key = NULL WHERE network_key IS NOT NULL
         AND round_id IN (SELECT id FROM rounds WHERE state <> 'open')`),
    );
    this.withdrawal = new AcceptedWithdrawal(db);
    this.recallTxn = reusableWriteTransaction(db, (roundId: number, networkKey: string, reasons: readonly HoldReason[]) =>
      this.recallInside(roundId, networkKey, reasons),
    );
  }

  /** Arrivals from the network per grid of the round, as stored (counted and held). */
  arrivalsByGrid(roundId: number, networkKey: string): Map<number, number> {
    return new Map(this.gridsStmt.all(roundId, networkKey, roundId, networkKey).map((r) => [r.grid_id, r.n]));
  }

  /** Moves the network's counted responses of the round to the held ones; returns how many moved. */
  recall(roundId: number, networkKey: string, reasons: readonly HoldReason[]): number {
    return this.recallTxn(roundId, networkKey, reasons);
  }

  private recallInside(roundId: number, networkKey: string, reasons: readonly HoldReason[]): number {
    let moved = 0;
    for (const row of this.countedStmt.all(roundId, networkKey)) {
      if (this.withdrawal.workedReceipts(row.id) > 0) continue;
      const answers = this.answersOf(row.id);
      const original = JSON.stringify(answers);
      const shown = JSON.stringify(maskedAnswers(answers));
      this.insertHeldStmt.run(
        roundId, row.grid_id, row.channel, row.status, shown, shown === original ? null : this.textBox.seal(original),
        row.device_hash, row.submission_key, row.invite_id, row.started_at, row.created_at, JSON.stringify(reasons),
        row.reply_contact_enc, row.reply_contact_masked, networkKey,
      );
      this.withdrawal.remove(row.id);
      moved += 1;
    }
    return moved;
  }

  /** Clears the network keys of every round that is no longer open: they serve only while a round collects. */
  forgetClosedRounds(): void {
    for (const stmt of this.forgetStmts) stmt.run();
  }

  /** The answers as the resident gave them, from the answer rows (free text opened from its sealed original). */
  private answersOf(responseId: number): Answers {
    const answers: Answers = {};
    for (const row of this.answersStmt.all(responseId)) {
      const text = row.text_value === null ? undefined : row.text_sealed === null ? row.text_value : this.textBox.open(row.text_sealed) ?? row.text_value;
      if (row.option_code === null) {
        answers[row.question_id] = { kind: 'text', text: text ?? '' };
        continue;
      }
      const known: AnswerValue | undefined = answers[row.question_id];
      const codes = known?.kind === 'choice' ? [...known.codes, row.option_code] : [row.option_code];
      const other = text ?? (known?.kind === 'choice' ? known.other : undefined);
      answers[row.question_id] = other === undefined ? { kind: 'choice', codes } : { kind: 'choice', codes, other };
    }
    return answers;
  }
}
