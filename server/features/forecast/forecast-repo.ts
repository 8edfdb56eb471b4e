// The forecast's settings, peer districts and past official results (migration 022). Every change is written with its
// audit entry in one transaction; what a valid value is, is decided in features/forecast/core/settings.ts.
import { isForecastAnswerMode } from './core/answer-mode.js';
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Actor } from '../../core/auth/actor.js';
import { DEFAULT_SETTINGS, type ForecastSettings, type OfficialResult, type StoredPeer } from './core/settings.js';
import { writeTransaction } from '../../platform/write-transaction.js';

type NewPeer = Omit<StoredPeer, 'id'>;

function weightsOf(json: string): number[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((w) => typeof w === 'number' && w >= 0)) return [1];
  return parsed.filter((w): w is number => typeof w === 'number');
}

export class ForecastRepo {
  private readonly settingsStmt;
  private readonly saveSettingsStmt;
  private readonly peersStmt;
  private readonly upsertPeerStmt;
  private readonly deletePeerStmt;
  private readonly deleteAllPeersStmt;
  private readonly peerStmt;
  private readonly resultsStmt;
  private readonly putResultStmt;
  private readonly deleteResultStmt;

  constructor(private readonly db: Db, private readonly audit: AuditRepo) {
    this.settingsStmt = db.prepare<[], { survey_key: string | null; sample_size: number; window_weights: string; answer_mode: string }>(
      'SELECT survey_key, sample_size, window_weights, answer_mode FROM forecast_settings WHERE id = 1',
    );
    this.saveSettingsStmt = db.prepare<[string | null, number, string, string, string]>(
      `INSERT INTO forecast_settings (id, survey_key, sample_size, window_weights, answer_mode, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET survey_key = excluded.survey_key, sample_size = excluded.sample_size,
         window_weights = excluded.window_weights, answer_mode = excluded.answer_mode, updated_at = excluded.updated_at`,
    );
    this.peersStmt = db.prepare<[], { id: number; name: string; score: number; sd: number | null; published: string | null }>(
      'SELECT id, name, score, sd, published FROM forecast_peers ORDER BY score DESC, name',
    );
    this.peerStmt = db.prepare<[number], { name: string }>('SELECT name FROM forecast_peers WHERE id = ?');
    this.upsertPeerStmt = db.prepare<[string, number, number | null, string | null]>(
      `INSERT INTO forecast_peers (name, score, sd, published) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET score = excluded.score, sd = excluded.sd, published = excluded.published`,
    );
    this.deletePeerStmt = db.prepare<[number]>('DELETE FROM forecast_peers WHERE id = ?');
    this.deleteAllPeersStmt = db.prepare<[]>('DELETE FROM forecast_peers');
    this.resultsStmt = db.prepare<[], { round_id: number; score: number; rank: number | null }>(
      'SELECT round_id, score, rank FROM official_results ORDER BY round_id',
    );
    this.putResultStmt = db.prepare<[number, number, number | null, string]>(
      `INSERT INTO official_results (round_id, score, rank, entered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (round_id) DO UPDATE SET score = excluded.score, rank = excluded.rank, entered_at = excluded.entered_at`,
    );
    this.deleteResultStmt = db.prepare<[number]>('DELETE FROM official_results WHERE round_id = ?');
  }

  settings(): ForecastSettings {
    const row = this.settingsStmt.get();
    if (!row) return { ...DEFAULT_SETTINGS };
    const base = { surveyKey: row.survey_key, sampleSize: row.sample_size, windowWeights: weightsOf(row.window_weights) };
    // 'auto' is the default and is left out, as for a database without the column's choice.
    return isForecastAnswerMode(row.answer_mode) && row.answer_mode !== 'auto' ? { ...base, answerMode: row.answer_mode } : base;
  }

  saveSettings(s: ForecastSettings, by: Actor): void {
    writeTransaction(this.db, () => {
      const answerMode = s.answerMode ?? 'auto';
      this.saveSettingsStmt.run(s.surveyKey, s.sampleSize, JSON.stringify(s.windowWeights), answerMode, new Date().toISOString());
      this.audit.record(by.userId, 'forecast.settings', { survey: s.surveyKey, sampleSize: s.sampleSize, window: s.windowWeights, answerMode }, by.client);
    });
  }

  peers(): StoredPeer[] {
    return this.peersStmt.all().map((r) => ({ id: r.id, name: r.name, score: r.score, sd: r.sd, published: r.published }));
  }

  /** Adds peers or updates those of the same name; `action` names the change in the audit log. */
  savePeers(peers: readonly NewPeer[], by: Actor, action: 'forecast.peer' | 'forecast.peers.import'): void {
    writeTransaction(this.db, () => {
      for (const p of peers) this.upsertPeerStmt.run(p.name, p.score, p.sd, p.published);
      const detail = action === 'forecast.peer' ? { name: peers[0]?.name, score: peers[0]?.score } : { count: peers.length };
      this.audit.record(by.userId, action, detail, by.client);
    });
  }

  /** The peer list becomes exactly these peers (an import that replaces it), audited with the names it removed. */
  replacePeers(peers: readonly NewPeer[], by: Actor): void {
    writeTransaction(this.db, () => {
      const removed = this.peersStmt.all().map((r) => r.name).filter((name) => !peers.some((p) => p.name === name));
      this.deleteAllPeersStmt.run();
      for (const p of peers) this.upsertPeerStmt.run(p.name, p.score, p.sd, p.published);
      this.audit.record(by.userId, 'forecast.peers.import', { count: peers.length, replaced: true, removed }, by.client);
    });
  }

  /** False when there is no such peer. */
  deletePeer(id: number, by: Actor): boolean {
    return writeTransaction(this.db, () => {
      const peer = this.peerStmt.get(id);
      if (!peer || this.deletePeerStmt.run(id).changes !== 1) return false;
      this.audit.record(by.userId, 'forecast.peer.delete', { name: peer.name }, by.client);
      return true;
    });
  }

  officialResults(): OfficialResult[] {
    return this.resultsStmt.all().map((r) => ({ roundId: r.round_id, score: r.score, rank: r.rank }));
  }

  saveOfficialResult(r: OfficialResult, roundCode: string, by: Actor): void {
    writeTransaction(this.db, () => {
      this.putResultStmt.run(r.roundId, r.score, r.rank, new Date().toISOString());
      this.audit.record(by.userId, 'forecast.official', { round: roundCode, score: r.score, rank: r.rank }, by.client);
    });
  }

  deleteOfficialResult(roundId: number, roundCode: string, by: Actor): boolean {
    return writeTransaction(this.db, () => {
      if (this.deleteResultStmt.run(roundId).changes !== 1) return false;
      this.audit.record(by.userId, 'forecast.official.delete', { round: roundCode }, by.client);
      return true;
    });
  }
}
