/**
 * npm's `pretest` step: makes sure the Debian packages the tests need
 * (scripts/test-system-packages.txt, one a line) are installed before `npm test` starts.
 *
 *   node scripts/system-packages.ts [LIST]   # LIST defaults to scripts/test-system-packages.txt
 *
 * All installed: prints nothing and exits 0. Some missing: as root with apt-get, runs
 * `apt-get update` and `apt-get install -y` for the missing ones (non-interactive, as CI
 * needs); otherwise exits 1 at once with the exact command to run. Whether a package is
 * installed is dpkg's own answer (`dpkg-query -W`), not a guess from a binary on PATH.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULT_LIST = resolve(import.meta.dirname, 'test-system-packages.txt');

/** A Debian package name (Debian Policy 5.6.1: lower case, digits, + - . ; two characters or more). */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

/**
 * The package names of a list file's text: one a line, `#` starts a comment, blank lines
 * ignored. Throws naming file and line on anything that is not one package name.
 */
export function parsePackageList(text: string, file: string): string[] {
  const names: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    if (!PACKAGE_NAME.test(line)) throw new Error(`${file}:${i + 1}: expected one Debian package name, got "${line}"`);
    if (names.includes(line)) throw new Error(`${file}:${i + 1}: "${line}" is listed twice`);
    names.push(line);
  });
  return names;
}

/** What to do about missing packages: nothing, install them, or stop with a message. */
export type Plan =
  | { action: 'none' }
  | { action: 'install'; commands: string[][] }
  | { action: 'stop'; message: string };

/**
 * Decides from the missing packages and what this machine allows. `missing` in list order;
 * `isRoot` (uid 0) and `hasAptGet` (apt-get on PATH) describe the machine.
 */
export function planInstall(missing: string[], isRoot: boolean, hasAptGet: boolean): Plan {
  if (missing.length === 0) return { action: 'none' };
  const names = missing.join(' ');
  if (!hasAptGet) {
    return {
      action: 'stop',
      message: `npm test needs these Debian packages, missing here: ${names}.\n` +
        `apt-get was not found: install them with this system's package manager (on Debian: apt-get install -y ${names}), then run npm test again.`,
    };
  }
  if (!isRoot) {
    return {
      action: 'stop',
      message: `npm test needs these Debian packages, missing here: ${names}.\n` +
        `Installing them needs root. Run:\n\n  sudo apt-get update && sudo apt-get install -y ${names}\n\nthen run npm test again.`,
    };
  }
  return { action: 'install', commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', ...missing]] };
}

/** The listed packages dpkg does not report as installed ("ii"), in list order. */
export function missingPackages(names: string[]): string[] {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...names], { encoding: 'utf8' });
  if (query.error) return names; // no dpkg: not Debian, so none of them is known to be installed
  const installed = new Set(
    query.stdout.split('\n').filter((line) => / ii\s*$/.test(line)).map((line) => line.split(' ')[0]!.replace(/:.*/, '')),
  );
  return names.filter((name) => !installed.has(name));
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/**
 * Reads the list, installs what is missing or says what to run.
 * @param list the package list file
 * @param machine whether this process is root and apt-get is on PATH (read from the machine unless given)
 * @returns the exit status: 0 when every package is installed (now or before), 1 otherwise
 */
export function run(list = DEFAULT_LIST, machine = { isRoot: process.getuid?.() === 0, hasAptGet: onPath('apt-get') }): number {
  const missing = missingPackages(parsePackageList(readFileSync(list, 'utf8'), list));
  const plan = planInstall(missing, machine.isRoot, machine.hasAptGet);
  if (plan.action === 'none') return 0;
  if (plan.action === 'stop') {
    console.error(`system-packages: ${plan.message}`);
    return 1;
  }
  console.log(`system-packages: installing ${missing.join(' ')} (listed in ${list})`);
  for (const command of plan.commands) {
    const result = spawnSync(command[0]!, command.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`system-packages: \`${command.join(' ')}\` failed (exit ${result.status ?? result.signal}); install ${missing.join(' ')} by hand and run npm test again.`);
      return 1;
    }
  }
  const still = missingPackages(missing);
  if (still.length > 0) {
    console.error(`system-packages: still missing after apt-get install: ${still.join(' ')}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) process.exitCode = run(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_LIST);
