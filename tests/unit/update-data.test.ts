/**
 * `npm run update-data` offline: two fixture snapshots stand in for the vendored copy and
 * IANA's current files (file:// URLs), in a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffRegistries } from '../../src/lib/registry/diff-registry.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { MINI_CSV, MINI_XML, read } from './helpers.ts';

const NEXT_CSV = 'tests/fixtures/registry/mini-next.csv';
const KEV = 'tests/fixtures/kev/good.json';
const fileUrl = (path: string) => pathToFileURL(resolve(path)).href;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'port-atlas-update-'));
  copyFileSync(MINI_CSV, join(dir, 'service-names-port-numbers.csv'));
  copyFileSync(MINI_XML, join(dir, 'service-names-port-numbers.xml'));
  mkdirSync(join(dir, 'kev'));
  mkdirSync(join(dir, 'software'));
  copyFileSync(KEV, join(dir, 'kev', 'known_exploited_vulnerabilities.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function updateData(csv: string, xml = MINI_XML, kev = KEV) {
  return spawnSync(process.execPath, ['scripts/update-data.ts'], {
    encoding: 'utf8',
    env: {
      ...process.env, IANA_DIR: dir, IANA_CSV_URL: fileUrl(csv), IANA_XML_URL: fileUrl(xml),
      KEV_DIR: join(dir, 'kev'), KEV_URL: fileUrl(kev), PORT_ATLAS_SOFTWARE_DIR: join(dir, 'software'),
    },
  });
}

describe('diffRegistries', () => {
  it('names records added, removed and modified by service name, port and protocol', () => {
    const diff = diffRegistries(parseRegistryCsv(read(MINI_CSV), MINI_CSV), parseRegistryCsv(read(NEXT_CSV), NEXT_CSV));
    expect(diff).toEqual({ added: ['new-svc 4000/tcp'], removed: ['isoft-p2p 3501/tcp'], modified: ['dtp-dia 3489/udp'] });
  });

  it('ignores line numbers that moved', () => {
    const rows = parseRegistryCsv(read(MINI_CSV), MINI_CSV);
    expect(diffRegistries(rows, rows.map((row) => ({ ...row, line: row.line + 5 })))).toEqual({ added: [], removed: [], modified: [] });
  });
});

describe('npm run update-data', () => {
  it('replaces the vendored files, rewrites SOURCE.md and prints the changes', () => {
    const result = updateData(NEXT_CSV);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('update-data: 1 records added, 1 removed, 1 modified');
    expect(result.stdout).toMatch(/added:\n {2}new-svc 4000\/tcp/);
    expect(result.stdout).toMatch(/removed:\n {2}isoft-p2p 3501\/tcp/);
    expect(result.stdout).toMatch(/modified:\n {2}dtp-dia 3489\/udp/);
    expect(readFileSync(join(dir, 'service-names-port-numbers.csv'), 'utf8')).toBe(read(NEXT_CSV));
    const source = readFileSync(join(dir, 'SOURCE.md'), 'utf8');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(source).toContain(sha(read(NEXT_CSV)));
    expect(source).toContain('newest record date 2026-03-02; 23 records');
    expect(source).toContain('registry `<updated>` 2026-08-17');
  });

  it('refuses a download that fails validation and leaves the vendored copy alone', () => {
    const before = readFileSync(join(dir, 'service-names-port-numbers.csv'), 'utf8');
    const result = updateData('tests/fixtures/broken/port-above-65535.csv');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('update-data: refused:');
    expect(result.stderr).toContain(':3: field "Port Number"');
    expect(readFileSync(join(dir, 'service-names-port-numbers.csv'), 'utf8')).toBe(before);
  });

  it('refuses a malformed XML the same way', () => {
    const result = updateData(NEXT_CSV, 'tests/fixtures/broken/malformed.xml');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('malformed XML');
    expect(readFileSync(join(dir, 'service-names-port-numbers.csv'), 'utf8')).toBe(read(MINI_CSV));
  });

  it('replaces the KEV catalog and rewrites its SOURCE.md with version and sha256', () => {
    const result = updateData(NEXT_CSV);
    expect(result.status).toBe(0);
    const raw = JSON.parse(read(KEV)) as { catalogVersion: string; dateReleased: string };
    expect(result.stdout).toContain(`KEV catalog ${raw.catalogVersion} (3 entries) -> ${raw.catalogVersion} (3 entries)`);
    const source = readFileSync(join(dir, 'kev', 'SOURCE.md'), 'utf8');
    expect(source).toContain(createHash('sha256').update(read(KEV)).digest('hex'));
    expect(source).toContain(`| ${raw.catalogVersion} | ${raw.dateReleased} |`);
  });

  it('refuses a KEV catalog with a bad entry, naming the field, and leaves every file alone', () => {
    const result = updateData(NEXT_CSV, MINI_XML, 'tests/fixtures/kev/bad-date.json');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('field "vulnerabilities[1].dateAdded"');
    expect(readFileSync(join(dir, 'service-names-port-numbers.csv'), 'utf8')).toBe(read(MINI_CSV));
    expect(readFileSync(join(dir, 'kev', 'known_exploited_vulnerabilities.json'), 'utf8')).toBe(read(KEV));
  });
});
