/**
 * IANA registry CSV text -> validated rows. Pure: no file system, no Astro.
 *
 * Source of the format: IANA, "Service Name and Transport Protocol Port Number Registry",
 * https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv
 * (columns as of 2026; see content/iana/SOURCE.md).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  MAX_PORT,
  registryDateSchema,
  transportProtocolSchema,
  type Reference,
  type TransportProtocol,
} from '../../schemas/port-record.ts';
import { InputError } from './input-error.ts';

/** The registry's columns, in IANA's order and spelling. */
export const CSV_COLUMNS = [
  'Service Name',
  'Port Number',
  'Transport Protocol',
  'Description',
  'Assignee',
  'Contact',
  'Registration Date',
  'Modification Date',
  'Reference',
  'Service Code',
  'Unauthorized Use Reported',
  'Assignment Notes',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const optionalText = z.string().transform((s) => (s.trim() === '' ? null : s.trim()));

/** Multi-line text: IANA indents continuation lines unevenly, so each line is trimmed. */
const optionalMultilineText = z.string().transform((s) => {
  const text = s.split(/\r?\n/).map((line) => line.trim()).join('\n').trim();
  return text === '' ? null : text;
});

const portRangeField = z.string().transform((raw, ctx) => {
  if (raw === '') return null; // a service name without a port
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(raw);
  const start = match ? Number(match[1]) : NaN;
  const end = match ? Number(match[2] ?? match[1]) : NaN;
  if (!match || start > MAX_PORT || end > MAX_PORT || end < start) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a port number 0-${MAX_PORT} or an ascending range such as 6000-6063, got "${raw}"`,
    });
    return z.NEVER;
  }
  return { start, end };
});

const protocolField = z.string().transform((raw, ctx): TransportProtocol | null => {
  if (raw === '') return null; // IANA: an empty protocol covers every protocol
  const parsed = transportProtocolSchema.safeParse(raw);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: `expected tcp, udp, sctp, dccp or empty, got "${raw}"` });
    return z.NEVER;
  }
  return parsed.data;
});

const dateField = z.string().transform((raw, ctx) => {
  if (raw === '') return null;
  if (!registryDateSchema.safeParse(raw).success) {
    ctx.addIssue({ code: 'custom', message: `expected a date YYYY-MM or YYYY-MM-DD, got "${raw}"` });
    return z.NEVER;
  }
  return raw;
});

/** `[A][B_2]` -> ["A", "B_2"]; anything outside brackets is an error. */
const handlesField = z.string().transform((raw, ctx) => {
  if (raw.trim() === '') return [];
  if (!/^(\[[^\][]+\])+$/.test(raw.trim())) {
    ctx.addIssue({ code: 'custom', message: `expected bracketed handles such as [Jon_Postel], got "${raw}"` });
    return z.NEVER;
  }
  return [...raw.matchAll(/\[([^\][]+)\]/g)].map((m) => m[1]!);
});

const referencesField = z.string().transform((raw) => parseReferences(raw));

/** Schema of one CSV row, keyed by IANA's column titles; its output is a RegistryRow's fields. */
const csvRowSchema = z.object({
  'Service Name': optionalText,
  'Port Number': portRangeField,
  'Transport Protocol': protocolField,
  Description: z.string().transform((s) => s.trim()),
  Assignee: handlesField,
  Contact: handlesField,
  'Registration Date': dateField,
  'Modification Date': dateField,
  Reference: referencesField,
  'Service Code': optionalText,
  'Unauthorized Use Reported': optionalMultilineText,
  'Assignment Notes': optionalMultilineText,
} satisfies Record<CsvColumn, z.ZodType>);

/** One validated CSV row. `ports` is null for a service name registered without a port. */
export interface RegistryRow {
  /** 1-based line on which the row starts (the header is line 1). */
  line: number;
  serviceName: string | null;
  ports: { start: number; end: number } | null;
  /** null: the row covers every transport protocol. */
  protocol: TransportProtocol | null;
  description: string;
  assigneeHandles: string[];
  contactHandles: string[];
  registrationDate: string | null;
  modificationDate: string | null;
  references: Reference[];
  serviceCode: string | null;
  unauthorizedUseReported: string | null;
  assignmentNotes: string | null;
}

/**
 * Parses the registry CSV.
 *
 * @param text the whole file; a UTF-8 BOM and CRLF line ends are accepted
 * @param file the path to name in errors
 * @returns every data row, in file order, with the line it starts on
 * @throws InputError naming file, line and column for a missing header column, a row with
 *   too many or too few fields, an unterminated quote, or a field that fails validation
 */
export function parseRegistryCsv(text: string, file: string): RegistryRow[] {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new InputError(file, null, null, 'the file is empty; expected the IANA registry CSV with a header row');
  }
  let records: { record: string[]; info: { empty_lines: number } }[];
  try {
    // With `info`, csv-parse returns { record, info } objects; its types only model arrays.
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    throw csvSyntaxError(error, file);
  }

  const header = records[0]!.record.map((h) => h.trim());
  for (const [index, column] of CSV_COLUMNS.entries()) {
    if (header[index] !== column) {
      const found = header[index] === undefined ? 'nothing' : `"${header[index]}"`;
      throw new InputError(file, 1, column, `expected header column ${index + 1} to be "${column}", found ${found}`);
    }
  }
  if (header.length !== CSV_COLUMNS.length) {
    throw new InputError(file, 1, null, `expected ${CSV_COLUMNS.length} header columns, found ${header.length}`);
  }

  // Line numbers are counted here, not taken from csv-parse, which counts a CRLF inside a
  // quoted field as two lines: a record spans one line plus one per newline in its fields.
  const rows: RegistryRow[] = [];
  let linesBefore = 0;
  for (const [index, { record, info }] of records.entries()) {
    const line = 1 + linesBefore + info.empty_lines;
    linesBefore += 1 + record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
    if (index > 0) rows.push(toRow(record, line, file));
  }
  return rows;
}

/** One data record (fields in CSV_COLUMNS order) -> a validated row; throws InputError. */
function toRow(record: string[], line: number, file: string): RegistryRow {
  if (record.length !== CSV_COLUMNS.length) {
    throw new InputError(file, line, null, `row has ${record.length} fields, expected ${CSV_COLUMNS.length}`);
  }
  const byColumn = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, record[i]!]));
  const parsed = csvRowSchema.safeParse(byColumn);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(file, line, String(issue.path[0]), issue.message);
  }
  const row = parsed.data;
  return {
    line,
    serviceName: row['Service Name'],
    ports: row['Port Number'],
    protocol: row['Transport Protocol'],
    description: row.Description,
    assigneeHandles: row.Assignee,
    contactHandles: row.Contact,
    registrationDate: row['Registration Date'],
    modificationDate: row['Modification Date'],
    references: row.Reference,
    serviceCode: row['Service Code'],
    unauthorizedUseReported: row['Unauthorized Use Reported'],
    assignmentNotes: row['Assignment Notes'],
  };
}

/** Turns csv-parse's syntax errors (an unterminated quote) into an InputError. */
function csvSyntaxError(error: unknown, file: string): Error {
  const e = error as { code?: string; lines?: number; message?: string };
  if (typeof e.lines !== 'number') return error as Error;
  const problem = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed (unterminated quote)' : (e.message ?? String(error));
  return new InputError(file, e.lines, null, problem);
}

/**
 * Splits the Reference column into its bracketed items and links the ones that have a
 * stable home: RFCs (rfc-editor.org), Internet-Drafts (datatracker.ietf.org) and URLs.
 * Text outside brackets is kept as one more unlinked item, so nothing is lost.
 *
 * @param raw the Reference field, e.g. "[RFC6335][RFC9260]"
 * @returns the items in order, each with a URL or null
 */
export function parseReferences(raw: string): Reference[] {
  const references: Reference[] = [];
  const items = [...raw.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
  const outside = raw.replace(/\[[^\]]*\]/g, '').trim();
  for (const text of [...items, ...(outside ? [outside.replace(/\s+/g, ' ')] : [])]) {
    if (text === '' || text.toLowerCase() === 'n/a') continue;
    references.push({ text, url: referenceUrl(text) });
  }
  return references;
}

function referenceUrl(text: string): string | null {
  const rfc = /^RFC\s?(\d{1,5})$/i.exec(text);
  if (rfc) return `https://www.rfc-editor.org/rfc/rfc${Number(rfc[1])}`;
  if (/^draft-[a-z0-9-]+$/i.test(text)) return `https://datatracker.ietf.org/doc/${text.replace(/-\d\d$/, '')}/`;
  if (/^https?:\/\/\S+$/i.test(text)) return text;
  return null;
}
