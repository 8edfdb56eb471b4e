// The repositories of a worker thread that reads or writes the server's database on a connection of its own (the
// build worker's data files, the table worker's roster imports): opened on the first job that needs it, the modules
// loaded only then, kept for the next job on the same file with the same keys.
import type { Repos } from './repos.js';
import type { Db } from './db.js';

let held: { key: string; db: Db; repos: Repos } | undefined;

/** This thread's repositories on `file`; `keys` as the server's createRepos was given them, so sealed text opens. */
export async function workerRepos(file: string, keys: { secret?: string; rosterKey?: string } = {}): Promise<Repos> {
  const key = JSON.stringify([file, keys.secret ?? null, keys.rosterKey ?? null]);
  if (held?.key === key) return held.repos;
  const [{ openConnection }, { createRepos }] = await Promise.all([import('./db.js'), import('./repos.js')]);
  held?.db.close();
  const db = openConnection(file);
  held = { key, db, repos: createRepos(db, keys) };
  return held.repos;
}
