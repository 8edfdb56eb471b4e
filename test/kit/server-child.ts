// The real server in a process of its own, for the crash and concurrency tests: SafePoll's app over the database file
// named by the first argument, listening on 127.0.0.1 (a port of the system's choosing, printed as `LISTENING url`).
// Client addresses come from X-Forwarded-For (one trusted hop), so that many simulated residents are not one address
// for the rate limits. SIGTERM closes as server.ts does; SIGKILL is what the crash test sends.
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/platform/db.js';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: server-child.ts DATABASE');
  const db = openDatabase(file);
  const config = {
    ...loadConfig({ SAFEPOLL_TRUST_PROXY: '1' }),
    seedDemo: false,
    logLevel: 'silent' as const,
    secret: 'child-server-secret'.padEnd(40, 'x'),
  };
  const app = await buildApp({ db, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('SIGTERM', () => {
    app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0), () => process.exit(1));
  });
  process.stdout.write(`LISTENING ${address}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`server-child: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
