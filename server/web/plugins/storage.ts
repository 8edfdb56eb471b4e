// Makes the database, the repositories, the config and the server secret available to every route.
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db.js';
import { createRepos, type Repos } from '../../platform/repos.js';
import { closeLiveResults } from '../../features/results/live-results.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repos;
    config: Config;
    secret: string;
  }
}

export interface StorageOptions {
  db: Db;
  config: Config;
}

export default fp<StorageOptions>(
  async (app, opts) => {
    const repos = createRepos(opts.db, { secret: opts.config.secret, rosterKey: opts.config.rosterKey });
    app.decorate('db', opts.db);
    app.decorate('repos', repos);
    app.decorate('config', opts.config);
    app.decorate('secret', repos.settings.secret(opts.config.secret));
    // A background results refresh must not keep a closing server (or a finished test) waiting for its worker.
    app.addHook('onClose', async () => closeLiveResults(repos));
  },
  { name: 'safepoll-storage' },
);
