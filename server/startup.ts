// What the server does before it listens: open (and migrate) the database, check and store the questionnaires in
// surveys/ on every start — a file with a problem stops start-up with a message naming the file, the question and
// the problem, and a changed file becomes a new version — then seed the demo district when the database is new.
import type { Config } from './config.js';
import { seedDemoIfEmpty, type SeedResult } from './demo/seed.js';
import { paths } from './paths.js';
import { openDatabase, type Db } from './storage/db.js';
import { createRepos } from './storage/index.js';

export interface StartupOptions {
  log: (line: string) => void;
  /** The questionnaire folder; surveys/ of the project unless a test points elsewhere. */
  surveysDir?: string;
}

export interface Prepared {
  db: Db;
  /** Set when the database was new and the demo was seeded. */
  seeded: SeedResult | undefined;
}

/** Throws SurveyFileError (a bad questionnaire) or MigrationError; the database is closed again when it does. */
export async function prepareDatabase(config: Config, { log, surveysDir = paths.surveys }: StartupOptions): Promise<Prepared> {
  const db = openDatabase(config.databasePath);
  try {
    const report = createRepos(db).surveys.syncFromDirectory(surveysDir);
    for (const line of report.created) log(`SafePoll: 问卷 ${line}`);
    const seeded = config.seedDemo ? await seedDemoIfEmpty(db, { log }) : undefined;
    return { db, seeded };
  } catch (err) {
    db.close();
    throw err;
  }
}
