// The answer rows of one response (the record of what was said, which the raw export and paper corrections read):
// one row per chosen option or non-empty text. They are inserted with one multi-row statement per response rather than
// one statement per row: a resident's web form gives about twenty rows, and each statement run costs a crossing from
// JavaScript into SQLite's VM and back, which made the rows the largest part of storing a response after the commit
// (form benchmark profile: ~18 µs of ~320 µs per submission, one statement per row).
import type { Db } from '../../platform/db.js';
import type { Answers, Survey } from '../../core/survey/model.js';
import { findQuestion } from '../../core/survey/model.js';
import { SecretBox, protectFreeText } from '../../platform/secret-box.js';

type Cell = number | string | null;

/** Rows per statement: a response with more (none of our questionnaires) is written in several. */
const ROWS_PER_STATEMENT = 64;
const COLUMNS = 5;

export class AnswerRows {
  /** Statements by row count, prepared the first time a response has that many rows. */
  private readonly byCount = new Map<number, ReturnType<Db['prepare']>>();

  constructor(
    private readonly db: Db,
    /** Seals the original of free text that had phone or ID-card numbers masked (platform/secret-box.ts). */
    private readonly textBox: SecretBox,
  ) {}

  /** Inserts the response's answer rows; throws on an answer to a question the questionnaire does not have. */
  write(responseId: number, survey: Survey, answers: Answers): void {
    const cells = this.cellsOf(responseId, survey, answers);
    for (let start = 0; start < cells.length; start += ROWS_PER_STATEMENT * COLUMNS) {
      const chunk = cells.slice(start, start + ROWS_PER_STATEMENT * COLUMNS);
      this.statement(chunk.length / COLUMNS).run(chunk);
    }
  }

  /** Five cells per row: response, question, option code (null for text), masked text (a text answer, or the 其他 text
   * on its option's row), sealed original. */
  private cellsOf(responseId: number, survey: Survey, answers: Answers): Cell[] {
    const cells: Cell[] = [];
    for (const [questionId, value] of Object.entries(answers)) {
      if (!findQuestion(survey, questionId)) {
        throw new Error(`answer to unknown question ${questionId} (answers must be checked first)`);
      }
      if (value.kind === 'text') {
        const text = value.text.trim();
        if (text === '') continue;
        // Phone and ID-card numbers are stored masked, the original sealed for whoever handles the receipt.
        const kept = protectFreeText(this.textBox, text);
        cells.push(responseId, questionId, null, kept.shown, kept.sealed);
        continue;
      }
      // The 其他 text sits on its option's row, masked and sealed like any free text.
      const other = value.other ? protectFreeText(this.textBox, value.other) : undefined;
      const otherCode = other ? findQuestion(survey, questionId)?.options.find((o) => o.other)?.code : undefined;
      for (const code of value.codes) {
        if (other && code === otherCode) cells.push(responseId, questionId, code, other.shown, other.sealed);
        else cells.push(responseId, questionId, code, null, null);
      }
    }
    return cells;
  }

  private statement(rows: number): ReturnType<Db['prepare']> {
    let stmt = this.byCount.get(rows);
    if (!stmt) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ');
      stmt = this.db.prepare(`INSERT INTO answers (response_id, question_id, option_code, text_value, text_sealed) VALUES ${values}`);
      this.byCount.set(rows, stmt);
    }
    return stmt;
  }
}
