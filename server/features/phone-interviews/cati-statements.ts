// The prepared statements of the CATI repository (cati-repo.ts), built once with it. The draw's head query walks the
// partial index call_cases_draw (migration 014) in draw order for one grid and pool.
import type { Db } from '../../platform/db.js';
import type { ContactStatus } from '../../core/calls/contact.js';

export function prepareCatiStatements(db: Db) {
  return { ...drawStatements(db), ...callStatements(db) };
}

/** Rules, cases and claims: what 下一个号码 reads and writes. */
function drawStatements(db: Db) {
  return {
    getSync: db.prepare('PRAGMA synchronous'),
    rules: db.prepare<[number], { max_attempts: number; retry_minutes: number }>('SELECT max_attempts, retry_minutes FROM cati_rounds WHERE round_id = ?'),
    setRules: db.prepare<[number, number, number]>(
      `INSERT INTO cati_rounds (round_id, max_attempts, retry_minutes) VALUES (?, ?, ?)
       ON CONFLICT(round_id) DO UPDATE SET max_attempts = excluded.max_attempts, retry_minutes = excluded.retry_minutes`,
    ),
    ensureRound: db.prepare<[number]>('INSERT OR IGNORE INTO cati_rounds (round_id) VALUES (?)'),
    synced: db.prepare<[number], { synced_contact_id: number }>('SELECT synced_contact_id FROM cati_rounds WHERE round_id = ?'),
    setSynced: db.prepare<[number, number]>('UPDATE cati_rounds SET synced_contact_id = ? WHERE round_id = ?'),
    newestContact: db.prepare<[], { id: number }>('SELECT MAX(id) AS id FROM contacts'),
    // random(): SQLite's generator, seeded from the operating system; fixed per case once drawn.
    addCases: db.prepare<[{ round: number; after: number; upTo: number; grids: string; final: string }]>(
      `INSERT OR IGNORE INTO call_cases (round_id, contact_id, grid_id, draw_key, attempts, closed)
       SELECT @round, k.id, k.grid_id, random(),
         (SELECT COUNT(*) FROM calls c WHERE c.contact_id = k.id AND c.round_id = @round),
         EXISTS (SELECT 1 FROM calls c WHERE c.contact_id = k.id AND c.round_id = @round
                   AND c.disposition IN (SELECT value FROM json_each(@final)))
       FROM contacts k
       WHERE k.id > @after AND k.id <= @upTo AND k.grid_id IN (SELECT value FROM json_each(@grids))`,
    ),
    // The head of one pool of one grid: walks the partial index in draw order, skipping numbers that are no longer
    // active in the roster or that someone holds (both few at the head, so the walk stays short).
    head: db.prepare<[number, number, number, string, string], { contact_id: number; next_due_at: string; draw_key: number }>(
      `SELECT c.contact_id, c.next_due_at, c.draw_key FROM call_cases c
       WHERE c.round_id = ? AND c.grid_id = ? AND c.pool = ? AND c.closed = 0 AND c.next_due_at <= ?
         AND EXISTS (SELECT 1 FROM contacts k WHERE k.id = c.contact_id AND k.status = 'active')
         AND NOT EXISTS (SELECT 1 FROM call_claims m WHERE m.contact_id = c.contact_id AND m.expires_at > ?)
       ORDER BY c.next_due_at, c.draw_key LIMIT 1`,
    ),
    claim: db.prepare<[number, number, number, string, string, string]>(
      `INSERT INTO call_claims (contact_id, round_id, interviewer_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(contact_id) DO UPDATE SET round_id = excluded.round_id, interviewer_id = excluded.interviewer_id,
         claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
       WHERE call_claims.expires_at <= ?`,
    ),
    heldBy: db.prepare<[number, number, string], { contact_id: number }>(
      'SELECT contact_id FROM call_claims WHERE round_id = ? AND interviewer_id = ? AND expires_at > ? ORDER BY claimed_at LIMIT 1',
    ),
  };
}

/** The held call, its reveal and its outcome. */
function callStatements(db: Db) {
  return {
    held: db.prepare<[number, number, number], HeldRow>(
      `SELECT m.contact_id, m.round_id, m.interviewer_id, m.claimed_at, m.expires_at, k.phone_masked, k.category,
              c.grid_id, c.attempts, c.reached, c.closed
       FROM call_claims m JOIN contacts k ON k.id = m.contact_id
       JOIN call_cases c ON c.round_id = m.round_id AND c.contact_id = m.contact_id
       WHERE m.contact_id = ? AND m.round_id = ? AND m.interviewer_id = ?`,
    ),
    sealed: db.prepare<[number], { phone_enc: string }>('SELECT phone_enc FROM contacts WHERE id = ?'),
    release: db.prepare<[number, number, number]>('DELETE FROM call_claims WHERE contact_id = ? AND round_id = ? AND interviewer_id = ?'),
    updateCase: db.prepare<[number, string, number, number, number, number, number, number]>(
      `UPDATE call_cases SET pool = ?, next_due_at = ?, attempts = ?, reached = ?, closed = ?
       WHERE round_id = ? AND contact_id = ? AND closed = 0 AND attempts = ?`,
    ),
    insertCall: db.prepare<[CallParams]>(
      `INSERT INTO calls (round_id, grid_id, contact_id, interviewer_id, disposition, outcome, response_id, started_at, ended_at, created_at)
       SELECT @round, k.grid_id, k.id, @interviewer, @disposition, @outcome, @response, @started, @ended, @ended
       FROM contacts k WHERE k.id = @contact`,
    ),
    markContact: db.prepare<[ContactStatus, string, number]>(
      "UPDATE contacts SET status = ?, status_changed_at = ? WHERE id = ? AND status = 'active'",
    ),
  };
}

interface CallParams {
  round: number;
  contact: number;
  interviewer: number;
  disposition: string;
  outcome: string;
  response: number | null;
  started: string;
  ended: string;
}

interface HeldRow {
  contact_id: number;
  round_id: number;
  interviewer_id: number;
  claimed_at: string;
  expires_at: string;
  phone_masked: string;
  category: string | null;
  grid_id: number;
  attempts: number;
  reached: number;
  closed: number;
}
