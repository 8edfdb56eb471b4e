// What the server does before it listens: open (and migrate) the database, check and store the questionnaires in
// surveys/ on every start — a file with a problem stops start-up with a message naming the file, the question and
// the problem, and a changed file becomes a new version — then seed the demo district when the database is new.
import type { Config } from './config.js';
import { seedDemoIfEmpty, type SeedResult } from './demo/seed.js';
import { paths } from './paths.js';
import { openDatabase, type Db } from './platform/db.js';
import { createRepos } from './platform/repos.js';
import type { FastifyInstance } from 'fastify';
import { liveResultsReady } from './features/results/live-results.js';

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
    const seeded = config.seedDemo ? await seedDemoIfEmpty(db, { log, secret: config.secret, rosterKey: config.rosterKey }) : undefined;
    return { db, seeded };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * When no administrator can log in (a database started without the demo, SAFEPOLL_SEED_DEMO=0, has no accounts at
 * all): how to make the first one. Nothing once there is one.
 */
export function firstAdminHint(db: Db): string[] {
  const admins = createRepos(db).accounts.list().filter((a) => a.role === 'admin' && a.active);
  if (admins.length > 0) return [];
  return [
    '  还没有可用的系统管理员账号 (no administrator account yet). 新建第一个管理员 create the first one:',
    '    npx safepoll users create-admin 用户名   （打印一次性密码，首次登录时须修改 prints a one-time password）',
  ];
}

/**
 * What the server does once it listens, so that no first request pays for it on the event loop: the writer's thread
 * loads its modules now rather than during the first resident's submission, and the open rounds' first results are
 * computed in the results worker now, not in the first request that asks. Resolves when that is done (the benchmark
 * waits for it; server.ts does not).
 */
export async function startReads(app: FastifyInstance): Promise<void> {
  if ('warm' in app.responseWriter) app.responseWriter.warm();
  const open = app.repos.rounds.list().filter((round) => round.state === 'open');
  await Promise.all(open.map((round) => liveResultsReady(app.repos, round).catch((err: unknown) => app.log.warn(err, 'results not prepared'))));
}
