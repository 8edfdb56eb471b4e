// `npm test` checks the Debian packages the tests use before any test runs (scripts/system-packages.mjs, its pretest):
// missing ones are installed where it may, and a user who may not gets one message naming the apt-get line.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPlan, missingPackages, parseList } from '../../scripts/system-packages.mjs';
import { tempDir } from '../kit/app.js';

const SCRIPT = join('scripts', 'system-packages.mjs');

t.test('the one list names the browser, the CJK font, LibreOffice, R with its packages, PSPP and readstat', async (t) => {
  const names = parseList(readFileSync(join('scripts', 'system-packages.txt'), 'utf8')).map((p) => p.name);
  t.same(names.sort(), [
    'chromium', 'fonts-wqy-microhei', 'libreoffice-writer-nogui', 'pspp', 'r-base-core', 'r-cran-metafor', 'r-cran-survey', 'readstat',
  ]);
  const ci = readFileSync(join('.ci', 'run'), 'utf8');
  for (const name of names) t.notMatch(ci, name, `.ci/run keeps no package list of its own (${name})`);
  t.match(ci, /npm test/, '.ci/run runs the README\u2019s test command');
});

t.test('a malformed line is refused with its line number', async (t) => {
  t.throws(() => parseList('# comment\nchromium\n'), /line 2/);
  t.throws(() => parseList('Bad_Name /x\n'), /line 1/);
  t.same(parseList('a-b /x # why\n\n'), [{ name: 'a-b', proof: '/x' }]);
});

t.test('a package is there when its command is on PATH or its file exists', async (t) => {
  const dir = tempDir(t, 'pkgs');
  writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
  chmodSync(join(dir, 'tool'), 0o755);
  writeFileSync(join(dir, 'font.ttc'), '');
  const list = [
    { name: 'has-tool', proof: 'tool' },
    { name: 'has-font', proof: join(dir, 'font.ttc') },
    { name: 'no-tool', proof: 'no-such-tool-here' },
    { name: 'no-font', proof: join(dir, 'missing.ttc') },
  ];
  t.same(missingPackages(list, `/nonexistent:${dir}`), ['no-tool', 'no-font']);
});

t.test('who installs: root directly, sudo -n when it works, otherwise the exact line to type', async (t) => {
  t.same(installPlan([], { isRoot: false, canSudo: false }), { kind: 'none' });
  t.same(installPlan(['chromium'], { isRoot: true, canSudo: false }), { kind: 'install', prefix: [] });
  t.same(installPlan(['chromium'], { isRoot: false, canSudo: true }), { kind: 'install', prefix: ['sudo', '-n'] });
  const refused = installPlan(['chromium', 'libreoffice-writer-nogui'], { isRoot: false, canSudo: false });
  t.equal(refused.kind, 'refuse');
  if (refused.kind === 'refuse') t.match(refused.message, 'sudo apt-get install -y --no-install-recommends chromium libreoffice-writer-nogui');
});

t.test('a user who cannot install stops before any test with the apt-get line', async (t) => {
  // Run as the unprivileged user `nobody` where this machine allows it (CI and developers' machines run as root);
  // otherwise as the current user, who is not root then. The list names a package that is never present.
  const dir = tempDir(t, 'pkgs');
  chmodSync(dir, 0o755);
  copyFileSync(SCRIPT, join(dir, 'system-packages.mjs'));
  writeFileSync(join(dir, 'list.txt'), 'safepoll-absent-package /nonexistent/safepoll-proof\n');
  const asRoot = process.getuid?.() === 0;
  if (asRoot && !existsSync('/usr/bin/setpriv')) {
    t.fail('setpriv (util-linux) is needed to run the check as an unprivileged user');
    return;
  }
  const command = asRoot
    ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(dir, 'system-packages.mjs')]
    : [process.execPath, join(dir, 'system-packages.mjs')];
  const result = spawnSync(command[0], command.slice(1), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SAFEPOLL_SYSTEM_PACKAGES: join(dir, 'list.txt'), HOME: dir },
  });
  t.not(result.status, 0, 'exits non-zero');
  t.match(result.stderr, 'apt-get install -y --no-install-recommends safepoll-absent-package', 'names the exact install line');
});
