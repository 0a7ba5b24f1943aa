/**
 * `npm run rebuild` runs the data step with PORT_ATLAS_INCREMENTAL=1, and `npm run dev` with
 * `--if-changed`: it keeps its output when the registry files and its code are unchanged, and
 * reruns when either changes. Keeping is safe only because a rerun would write the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'port-atlas-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, 'registry.csv');
copyFileSync('tests/fixtures/registry/mini.csv', csv);

const dataStep = (incremental: boolean, args: string[] = []) =>
  spawnSync(process.execPath, ['scripts/build-data.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, IANA_CSV: csv, IANA_XML: 'tests/fixtures/registry/mini.xml', PORT_ATLAS_GENERATED_DIR: join(dir, 'out'), PORT_ATLAS_INCREMENTAL: incremental ? '1' : '' },
  }).stdout;

describe('the data step in an incremental build', () => {
  it('keeps its output while the registry is unchanged, and rereads a changed registry', () => {
    expect(dataStep(false)).toContain('data: wrote');
    expect(dataStep(true)).toContain('are unchanged; kept');
    expect(dataStep(false)).toContain('data: wrote'); // a full build always runs it
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/\n$/, '\n\n'));
    expect(dataStep(true)).toContain('data: wrote');
    expect(dataStep(true)).toContain('are unchanged; kept');
  });
});

describe('the data step of npm run dev (--if-changed)', () => {
  const out = join(dir, 'out');
  const outputs = () => readdirSync(out).sort().map((file) => [file, readFileSync(join(out, file), 'utf8')]);

  it('keeps byte-identical output while nothing changed, and rereads a changed registry', () => {
    expect(dataStep(false)).toContain('data: wrote');
    const written = outputs();
    expect(dataStep(false, ['--if-changed'])).toContain('are unchanged; kept');
    expect(outputs()).toEqual(written);
    expect(dataStep(false)).toContain('data: wrote'); // what it kept is what a rerun writes
    expect(outputs()).toEqual(written);
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/\n$/, '\n\n'));
    expect(dataStep(false, ['--if-changed'])).toContain('data: wrote');
  });
});
