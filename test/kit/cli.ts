// Runs the CLI in-process against a fresh temporary database file, capturing what it prints.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../server/cli/main.js';
import { openDatabase } from '../../server/platform/db.js';
import { createRepos, type Repos } from '../../server/platform/repos.js';
import { tempDir, type Teardown } from './app.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliKit {
  dir: string;
  dbPath: string;
  run(...argv: string[]): Promise<CliRun>;
  /** Writes a file in the temporary folder and returns its path. */
  file(name: string, content: string | Buffer): string;
  /** Opens the database the CLI wrote, for a look at what is stored; closed again after `fn`. */
  inspect<T>(fn: (repos: Repos) => T): T;
}

export const fixturePath = (name: string): string => join(import.meta.dirname, '..', 'fixtures', name);

export function cliKit(t: Teardown): CliKit {
  const dir = tempDir(t, 'cli');
  const dbPath = join(dir, 'cli.db');
  return {
    dir,
    dbPath,
    async run(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, { SAFEPOLL_DB: dbPath });
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    inspect(fn) {
      const db = openDatabase(dbPath);
      try {
        return fn(createRepos(db));
      } finally {
        db.close();
      }
    },
  };
}
