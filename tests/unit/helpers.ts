/** Shared test inputs: the fixture registry and the vendored real one, read without the code under test. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export const MINI_CSV = 'tests/fixtures/registry/mini.csv';
export const MINI_XML = 'tests/fixtures/registry/mini.xml';
export const REAL_CSV = 'content/iana/service-names-port-numbers.csv';
export const REAL_XML = 'content/iana/service-names-port-numbers.xml';

export const read = (path: string) => readFileSync(path, 'utf8');

export type RawRow = Record<string, string>;

/** The real CSV as plain objects keyed by column title, straight from csv-parse. */
export function realRows(): RawRow[] {
  return parse(read(REAL_CSV), { columns: true, bom: true }) as RawRow[];
}

/** Rows whose Port Number is `port` or a range that contains it. */
export function rawRowsForPort(rows: RawRow[], port: number): RawRow[] {
  return rows.filter((row) => {
    const [start, end = start] = row['Port Number']!.split('-').map(Number);
    return row['Port Number'] !== '' && start! <= port && port <= end!;
  });
}

/** The message of the error `run` throws, or null when it throws none. */
export function errorOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
