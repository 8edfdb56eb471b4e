// Starts SafePoll: prepares the database (questionnaires checked, demo seeded when new), listens, closes gracefully.
import { buildApp, loggerOptions } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { demoReminder } from './demo/seed.js';
import { SurveyFileError } from './core/survey/validate.js';
import { firstAdminHint, prepareDatabase, startReads } from './startup.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, seeded } = await prepareDatabase(config, { log: (line) => process.stdout.write(line + '\n') });
  const app = await buildApp({ db, config, logger: loggerOptions(config.logLevel) });
  app.server.keepAliveTimeout = 65_000;
  app.server.requestTimeout = 30_000;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error(err, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  const base = config.publicUrl ?? address.replace('://127.0.0.1', '://localhost');
  const lines = [
    '',
    `SafePoll 平安民调 is running: ${base}/`,
    `  database: ${config.databasePath}`,
  ];
  lines.push(...(seeded ? seeded.summary(base) : await demoReminder(db, base)), ...firstAdminHint(db));
  process.stdout.write(lines.join('\n') + '\n\n');
  void startReads(app);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`safepoll: ${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof SurveyFileError) {
    process.stderr.write(`safepoll: 问卷文件有误，服务器未启动：\n${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`safepoll: failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
