// Starts SafePoll: opens the database (seeding the demo district when new), listens, and closes gracefully.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './storage/db.js';
import { seedDemoIfEmpty } from './demo/seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const seeded = config.seedDemo ? await seedDemoIfEmpty(db, { log: (line) => process.stdout.write(line + '\n') }) : undefined;
  const app = await buildApp({ db, config, logger: { level: config.logLevel } });
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
  if (seeded) lines.push(...seeded.summary(base));
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`safepoll: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`safepoll: failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
