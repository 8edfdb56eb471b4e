// Locates the project's folders whether the code runs from server/ (tests, ts loader) or from dist/server/ (built).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'surveys'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('SafePoll project root not found');
    dir = parent;
  }
}

export const projectRoot = findProjectRoot();
export const paths = {
  root: projectRoot,
  surveys: join(projectRoot, 'surveys'),
  views: join(projectRoot, 'views'),
  data: join(projectRoot, 'data'),
  migrations: join(projectRoot, 'server', 'platform', 'migrations'),
  publicAssets: join(projectRoot, 'views', 'public'),
};
