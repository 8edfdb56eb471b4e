#!/usr/bin/env node
// Makes sure the Debian packages the tests use are on this machine before `npm test` runs any test (it is the
// `pretest` script). The list is scripts/system-packages.txt, the one list: .ci/run has none of its own.
//
// What is missing is installed with apt-get when this runs as root, or through `sudo -n` when that works without a
// password; otherwise the run stops here with the exact `apt-get install` line to type, instead of letting browser and
// Word tests fail one by one with messages that say nothing about why. Plain JavaScript so that it runs before
// anything is built.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIST = join(dirname(fileURLToPath(import.meta.url)), 'system-packages.txt');

/** @param {string} text @returns {{ name: string, proof: string }[]} */
export function parseList(text) {
  const out = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const [name, proof, ...rest] = line.split(/\s+/);
    if (!proof || rest.length > 0 || !/^[a-z0-9][a-z0-9+.-]+$/.test(name)) {
      throw new Error(`system-packages.txt line ${i + 1}: expected "<debian-package> <command-or-absolute-path>"`);
    }
    out.push({ name, proof });
  });
  return out;
}

/** @param {string} proof @param {string} path */
function present(proof, path) {
  const candidates = isAbsolute(proof) ? [proof] : path.split(delimiter).filter(Boolean).map((dir) => join(dir, proof));
  return candidates.some((file) => {
    try {
      accessSync(file, isAbsolute(proof) ? constants.R_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** @param {{ name: string, proof: string }[]} packages @param {string} path */
export function missingPackages(packages, path) {
  return packages.filter((p) => !present(p.proof, path)).map((p) => p.name);
}

/**
 * How the missing packages get installed: directly as root, through `sudo -n`, or not at all (then `message` says
 * what to type).
 * @param {string[]} missing @param {{ isRoot: boolean, canSudo: boolean }} who
 * @returns {{ kind: 'none' } | { kind: 'install', prefix: string[] } | { kind: 'refuse', message: string }}
 */
export function installPlan(missing, who) {
  if (missing.length === 0) return { kind: 'none' };
  if (who.isRoot) return { kind: 'install', prefix: [] };
  if (who.canSudo) return { kind: 'install', prefix: ['sudo', '-n'] };
  const line = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  return {
    kind: 'refuse',
    message: `npm test needs these Debian packages, which are missing: ${missing.join(', ')}.\n`
      + `This user cannot install them (not root, and sudo asks for a password). Install them, then run npm test again:\n  ${line}`,
  };
}

/** @param {string[]} command */
function run(command) {
  const result = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function main() {
  const packages = parseList(readFileSync(process.env.SAFEPOLL_SYSTEM_PACKAGES ?? LIST, 'utf8'));
  const missing = missingPackages(packages, process.env.PATH ?? '');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const canSudo = !isRoot && missing.length > 0 && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const plan = installPlan(missing, { isRoot, canSudo });
  if (plan.kind === 'none') return 0;
  if (plan.kind === 'refuse') {
    console.error(plan.message);
    return 1;
  }
  console.log(`npm test: installing the Debian packages the tests use (${missing.join(' ')}); the first time takes a few minutes`);
  const ok = run([...plan.prefix, 'apt-get', 'update', '-qq'])
    && run([...plan.prefix, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  const still = missingPackages(packages, process.env.PATH ?? '');
  if (!ok || still.length > 0) {
    console.error(`npm test: apt-get could not install ${still.join(', ') || missing.join(', ')}; install them by hand:\n  apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
