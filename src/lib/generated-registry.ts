/**
 * Reads what the data step (scripts/build-data.ts) wrote, once per process. Build-time
 * only; no Astro imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { PortRecord } from '../schemas/port-record.ts';
import type { DataReport } from './registry/build-records.ts';
import { REGISTRY_JSON, REPORT_JSON } from './generated-files.ts';

export interface GeneratedRegistry {
  sources: { csvPath: string; xmlPath: string };
  /** Index = port number, 0-65535. */
  records: PortRecord[];
}

export type GeneratedReport = DataReport & { peopleWarning: string | null; sources: GeneratedRegistry['sources'] };

function readJson<T>(path: string): T {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run build:data\` first (\`npm run build\` and \`npm run dev\` do it for you)`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

let registry: GeneratedRegistry | undefined;
let report: GeneratedReport | undefined;

/** @returns the 65,536 port records; read from disk on the first call only */
export function generatedRegistry(): GeneratedRegistry {
  registry ??= readJson<GeneratedRegistry>(REGISTRY_JSON);
  return registry;
}

/** @returns the data report (row accounting, counts, snapshot date) */
export function generatedReport(): GeneratedReport {
  report ??= readJson<GeneratedReport>(REPORT_JSON);
  return report;
}
