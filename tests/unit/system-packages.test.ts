/**
 * The one list of Debian packages the tests need (scripts/test-system-packages.txt) and the
 * pretest step that installs them: the list parses, names what the tests run, and a machine
 * where installing is impossible gets the exact command at once.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIST, parsePackageList, planInstall, run } from '../../scripts/system-packages.ts';
import { errorOf } from './helpers.ts';

const listed = parsePackageList(readFileSync(DEFAULT_LIST, 'utf8'), DEFAULT_LIST);

describe('scripts/test-system-packages.txt', () => {
  it('lists the packages whose programs the tests run, each with a comment saying which test', () => {
    // The programs the test code starts, and the Debian package each comes from.
    for (const name of ['chromium', 'ufw', 'nftables', 'firewalld', 'tcpdump', 'tshark', 'zsh', 'nmap', 'lsof', 'netcat-openbsd', 'iproute2', 'nginx']) expect(listed).toContain(name);
    for (const line of readFileSync(DEFAULT_LIST, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))) {
      expect(line, 'each package line says which test needs it').toMatch(/^\S+\s+#\s*\S/);
    }
  });

  it('.ci/run leaves the packages to npm test (the list is the one place that names them)', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toMatch(/^npm test$/m);
    for (const name of listed) expect(ci).not.toMatch(new RegExp(`apt-get[^\\n]*\\b${name}\\b`));
    expect(JSON.parse(readFileSync('package.json', 'utf8')).scripts.pretest).toBe('node scripts/system-packages.ts');
  });

  it('rejects a line that is not one package name, naming file and line', () => {
    expect(errorOf(() => parsePackageList('chromium\nnginx apache2-utils\n', 'list.txt'))).toBe(
      'list.txt:2: expected one Debian package name, got "nginx apache2-utils"',
    );
    expect(errorOf(() => parsePackageList('ufw # a\n\nufw\n', 'list.txt'))).toBe('list.txt:3: "ufw" is listed twice');
  });
});

describe('planInstall', () => {
  it('does nothing when nothing is missing, installs as root with apt-get', () => {
    expect(planInstall([], false, false)).toEqual({ action: 'none' });
    expect(planInstall(['ufw', 'nginx'], true, true)).toEqual({
      action: 'install',
      commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', 'ufw', 'nginx']],
    });
  });

  it('stops with the exact command when it cannot install', () => {
    const notRoot = planInstall(['ufw', 'nginx'], false, true);
    expect(notRoot.action).toBe('stop');
    expect(notRoot.action === 'stop' && notRoot.message).toContain('sudo apt-get update && sudo apt-get install -y ufw nginx');
    const noApt = planInstall(['ufw'], true, false);
    expect(noApt.action === 'stop' && noApt.message).toContain('apt-get was not found');
  });
});

describe('run (the pretest step)', () => {
  it('on a machine where it cannot install, stops at once naming the missing package and the command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'port-atlas-packages-'));
    const list = join(dir, 'list.txt');
    writeFileSync(list, 'port-atlas-no-such-package   # never installed\n');
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((message: string) => { errors.push(message); });
    try {
      const started = performance.now();
      expect(run(list, { isRoot: false, hasAptGet: true })).toBe(1);
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join('\n')).toContain('sudo apt-get update && sudo apt-get install -y port-atlas-no-such-package');
  });
});
