// Questionnaire versions. A questionnaire used by a round is never changed in place: a changed file becomes a new
// version and old rounds keep theirs.
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import { noteSetupChange } from '../../platform/setup-watch.js';
import { loadSurveyDirectory } from './survey-files.js';
import type { SurveyVersion } from '../../core/survey/model.js';
import { validateSurvey } from '../../core/survey/validate.js';
import { writeTransaction } from '../../platform/write-transaction.js';

interface SurveyRow {
  id: number;
  survey_key: string;
  version: number;
  title: string;
  definition: string;
  content_hash: string;
}

export interface SurveyListEntry {
  versionId: number;
  surveyKey: string;
  version: number;
  title: string;
}

export interface SyncReport {
  loaded: SurveyVersion[];
  /** Human-readable lines for what changed ("hunan-100 v2 (new version)"). */
  created: string[];
}

export class SurveysRepo {
  private readonly cache = new Map<number, SurveyVersion>();
  private readonly byIdStmt;
  private readonly latestStmt;
  private readonly listStmt;
  private readonly usedStmt;
  private readonly insertStmt;
  private readonly updateStmt;

  constructor(
    private readonly db: Db,
    /** Each new or updated questionnaire version is audited in the transaction that stores it (who: the system). */
    private readonly audit?: AuditRepo,
  ) {
    this.byIdStmt = db.prepare<[number], SurveyRow>('SELECT * FROM surveys WHERE id = ?');
    this.latestStmt = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE survey_key = ? ORDER BY version DESC LIMIT 1');
    this.listStmt = db.prepare<[], SurveyListEntry>(
      `SELECT id AS versionId, survey_key AS surveyKey, version, title FROM surveys
       WHERE (survey_key, version) IN (SELECT survey_key, MAX(version) FROM surveys GROUP BY survey_key)
       ORDER BY survey_key`,
    );
    this.usedStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM rounds WHERE survey_id = ?');
    this.insertStmt = db.prepare<[string, number, string, string, string, string, string]>(
      `INSERT INTO surveys (survey_key, version, title, definition, content_hash, source_file, loaded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateStmt = db.prepare<[string, string, string, string, string, number]>(
      'UPDATE surveys SET title = ?, definition = ?, content_hash = ?, source_file = ?, loaded_at = ? WHERE id = ?',
    );
  }

  private toVersion(row: SurveyRow): SurveyVersion {
    const cached = this.cache.get(row.id);
    if (cached && cached.contentHash === row.content_hash) return cached;
    // Stored definitions were validated on the way in; validating again guards against a hand-edited database.
    const survey = validateSurvey(JSON.parse(row.definition), `surveys table, id ${row.id}`);
    const version: SurveyVersion = { versionId: row.id, version: row.version, survey, contentHash: row.content_hash };
    this.cache.set(row.id, version);
    return version;
  }

  /** Loads every file of the folder (throwing SurveyFileError on the first bad file) and stores what changed. */
  syncFromDirectory(dir: string): SyncReport {
    const files = loadSurveyDirectory(dir);
    const created: string[] = [];
    const now = new Date().toISOString();
    const ids = writeTransaction(this.db, () =>
      files.map(({ file, survey, contentHash }) => {
        const latest = this.latestStmt.get(survey.id);
        const definition = JSON.stringify(survey);
        if (latest && latest.content_hash === contentHash) return latest.id;
        if (latest && this.usedStmt.get(latest.id)?.n === 0) {
          this.updateStmt.run(survey.title, definition, contentHash, file, now, latest.id);
          this.cache.delete(latest.id);
          created.push(`${survey.id} v${latest.version} (updated in place: no round uses it yet)`);
          this.audit?.record(null, 'survey.version', { survey: survey.id, version: latest.version, file, change: 'updated' });
          return latest.id;
        }
        const version = latest ? latest.version + 1 : 1;
        const info = this.insertStmt.run(survey.id, version, survey.title, definition, contentHash, file, now);
        created.push(`${survey.id} v${version}${latest ? ' (new version: the previous one has rounds)' : ''}`);
        this.audit?.record(null, 'survey.version', { survey: survey.id, version, file, change: latest ? 'new' : 'first' });
        return Number(info.lastInsertRowid);
      }),
    );
    if (created.length > 0) noteSetupChange(this.db);
    const loaded = ids.map((id) => this.getVersion(id)).filter((v): v is SurveyVersion => v !== undefined);
    return { loaded, created };
  }

  getVersion(versionId: number): SurveyVersion | undefined {
    const cached = this.cache.get(versionId);
    if (cached) return cached;
    const row = this.byIdStmt.get(versionId);
    return row ? this.toVersion(row) : undefined;
  }

  latest(surveyKey: string): SurveyVersion | undefined {
    const row = this.latestStmt.get(surveyKey);
    return row ? this.toVersion(row) : undefined;
  }

  /** The latest version of every questionnaire. */
  list(): SurveyListEntry[] {
    return this.listStmt.all();
  }
}
