/**
 * The broken-input corpus in tests/fixtures/broken/, run through the real data step
 * (scripts/build-data.ts as a child process, as `npm run build` runs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DIR = 'tests/fixtures/broken';
const expected = JSON.parse(readFileSync(join(DIR, 'expected-errors.json'), 'utf8')) as Record<string, string>;
const outDir = mkdtempSync(join(tmpdir(), 'port-atlas-broken-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function dataStep(csv: string, xml = 'tests/fixtures/registry/mini.xml') {
  const result = spawnSync(process.execPath, ['scripts/build-data.ts'], {
    encoding: 'utf8',
    env: { ...process.env, IANA_CSV: csv, IANA_XML: xml, PORT_ATLAS_GENERATED_DIR: outDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the data step stops on broken input, naming file, line and field', () => {
  it.each(Object.entries(expected))('%s', (file, message) => {
    const { status, stderr } = dataStep(join(DIR, file));
    expect(status).toBe(1);
    expect(stderr.trim()).toBe(`data: error: ${DIR}/${message}`);
  });
});

describe('the data step accepts what it should', () => {
  it('reads a UTF-8 BOM and CRLF line ends', () => {
    const { status, stdout } = dataStep(join(DIR, 'bom-crlf.csv'));
    expect(status).toBe(0);
    expect(stdout).toContain('data: 3 rows: 3 on port pages, 0 service-name-only, 0 duplicates');
    const report = JSON.parse(readFileSync(join(outDir, 'data-report.json'), 'utf8'));
    expect(report.counts.rows).toBe(3);
  });

  it('shows identical duplicate rows once and reports each duplicate', () => {
    const { status, stdout } = dataStep(join(DIR, 'duplicate-rows.csv'));
    expect(status).toBe(0);
    expect(stdout).toContain('data: 4 rows: 2 on port pages, 0 service-name-only, 2 duplicates');
    const report = JSON.parse(readFileSync(join(outDir, 'data-report.json'), 'utf8'));
    expect(report.duplicates).toEqual([{ line: 4, duplicateOfLine: 2 }, { line: 5, duplicateOfLine: 2 }]);
  });

  it('goes on without a usable XML, showing handles as names, and says so once', () => {
    for (const xml of [join(DIR, 'malformed.xml'), join(DIR, 'no-such-file.xml')]) {
      const { status, stderr } = dataStep('tests/fixtures/registry/mini.csv', xml);
      expect(status).toBe(0);
      expect(stderr.match(/warning/g)).toHaveLength(1);
      expect(stderr).toContain(xml);
      expect(stderr).toContain('assignee and contact handles are shown as names');
      const registry = JSON.parse(readFileSync(join(outDir, 'registry.json'), 'utf8'));
      expect(registry.records[3489].entries[0].assignees[0]).toMatchObject({ name: 'Alexei V Soloviev', resolved: false });
    }
  });
});
