/**
 * Reads the registry files from disk and builds the port records. The only module of
 * src/lib/registry that touches the file system; no Astro imports.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MAX_PORT, portRecordSchema } from '../../schemas/port-record.ts';
import { buildPortRecords, type RegistryBuild } from './build-records.ts';
import { parseRegistryCsv } from './parse-csv.ts';
import { parsePeopleXml, type PeopleDirectory } from './parse-people.ts';

/** The vendored snapshots; override with the IANA_CSV and IANA_XML environment variables. */
export const DEFAULT_CSV = 'content/iana/service-names-port-numbers.csv';
export const DEFAULT_XML = 'content/iana/service-names-port-numbers.xml';

export interface RegistrySources {
  csvPath: string;
  xmlPath: string;
}

/** @returns the CSV and XML paths from IANA_CSV / IANA_XML, else the vendored copies */
export function registrySourcesFromEnv(env: NodeJS.ProcessEnv = process.env): RegistrySources {
  return { csvPath: env.IANA_CSV || DEFAULT_CSV, xmlPath: env.IANA_XML || DEFAULT_XML };
}

export interface LoadedRegistry extends RegistryBuild {
  /** Set when the XML could not be used: handles are then shown as names. */
  peopleWarning: string | null;
}

/**
 * Reads, builds, and validates every built record against the port record schema (about
 * 0.2 s), so the schema is the contract for what pages render, not only a type.
 * @throws InputError for any problem in the CSV (the build must stop); a missing or
 *   malformed XML is not fatal and comes back as `peopleWarning`; a ZodError if the
 *   builder produced a record the schema rejects (a bug here, not in the input)
 */
export function loadRegistry({ csvPath, xmlPath }: RegistrySources): LoadedRegistry {
  const rows = parseRegistryCsv(readFileSync(csvPath, 'utf8'), csvPath);
  let people: PeopleDirectory = new Map();
  let peopleWarning: string | null = null;
  try {
    people = parsePeopleXml(readFileSync(xmlPath, 'utf8'), xmlPath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${xmlPath}: file not found` : (error as Error).message;
    peopleWarning = `${reason}; assignee and contact handles are shown as names`;
  }
  const build = buildPortRecords(rows, people);
  z.array(portRecordSchema).length(MAX_PORT + 1).parse(build.records);
  return { ...build, peopleWarning };
}
