/**
 * `npm run update-data`: downloads the current registry CSV and XML from IANA and CISA's
 * Known Exploited Vulnerabilities catalog, validates them with the build's own parsers (and
 * the product files' `kev` pairs against the new catalog), and only then replaces the vendored
 * copies in content/iana/ and content/kev/ and rewrites their SOURCE.md (date, sha256, counts).
 * Prints what changed: records added, removed and modified, by service name, port and
 * protocol, and the catalog's version and size.
 *
 * Environment (for tests and mirrors): IANA_CSV_URL, IANA_XML_URL, KEV_URL (http(s) or
 * file://), IANA_DIR (default content/iana), KEV_DIR (default content/kev),
 * PORT_ATLAS_SOFTWARE_DIR (the product files whose pairs are checked).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffRegistries } from '../src/lib/registry/diff-registry.ts';
import { parseRegistryCsv } from '../src/lib/registry/parse-csv.ts';
import { parsePeopleXml, registryUpdated } from '../src/lib/registry/parse-people.ts';
import { checkKevPairs, parseKevCatalog } from '../src/lib/security/kev.ts';
import { KEV_FEED_URL, kevSourceMarkdown } from '../src/lib/security/kev-source.ts';
import { loadSoftwareDir, softwareDir } from '../src/lib/software/load-software.ts';

const IANA_BASE = 'https://www.iana.org/assignments/service-names-port-numbers';
const CSV_URL = process.env.IANA_CSV_URL || `${IANA_BASE}/service-names-port-numbers.csv`;
const XML_URL = process.env.IANA_XML_URL || `${IANA_BASE}/service-names-port-numbers.xml`;
const DIR = process.env.IANA_DIR || 'content/iana';
const CSV_FILE = join(DIR, 'service-names-port-numbers.csv');
const XML_FILE = join(DIR, 'service-names-port-numbers.xml');
const KEV_URL = process.env.KEV_URL || KEV_FEED_URL;
const KEV_DIR = process.env.KEV_DIR || 'content/kev';
const KEV_FILE = join(KEV_DIR, 'known_exploited_vulnerabilities.json');
const LIST_MAX = 40;

async function download(url: string): Promise<string> {
  if (url.startsWith('file:')) return readFileSync(fileURLToPath(url), 'utf8');
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function sourceMarkdown(csv: string, xml: string, newestRecordDate: string | null, rows: number, people: number): string {
  const xmlRecords = (xml.match(/<record[\s>]/g) ?? []).length;
  return `# Vendored IANA registry snapshots

Written by \`npm run update-data\` (scripts/update-data.ts); edit that script, not this file.

The build reads only these files (or the files named by \`IANA_CSV\` / \`IANA_XML\`, see the
README). They are IANA's "Service Name and Transport Protocol Port Number Registry",
byte-for-byte as published. IANA registry content is public (CC0):
https://www.iana.org/help/licensing-terms.

| file | published at | snapshot | sha256 |
| --- | --- | --- | --- |
| service-names-port-numbers.csv | ${IANA_BASE}/service-names-port-numbers.csv | newest record date ${newestRecordDate ?? 'none'}; ${rows.toLocaleString('en')} records | ${sha256(csv)} |
| service-names-port-numbers.xml | ${IANA_BASE}/service-names-port-numbers.xml | registry \`<updated>\` ${registryUpdated(xml) ?? 'none'}; ${xmlRecords.toLocaleString('en')} records, ${people.toLocaleString('en')} \`<person>\` entries | ${sha256(xml)} |

- The CSV is the registry the site is built from: one row per (service name, port number or
  range, transport protocol).
- The XML is used only for its \`<people>\` section, which resolves the \`[Handle]\` values of
  the CSV's Assignee and Contact columns to a name, an organisation and a contact URI. The
  site shows only the domain of a \`mailto:\` contact, never the address. A handle missing
  from the XML is shown as the handle with underscores turned into spaces and counted in
  the build's data report.
`;
}

function printList(title: string, labels: string[]): void {
  if (labels.length === 0) return;
  console.log(`${title}:`);
  for (const label of labels.slice(0, LIST_MAX)) console.log(`  ${label}`);
  if (labels.length > LIST_MAX) console.log(`  … and ${labels.length - LIST_MAX} more`);
}

async function run(): Promise<void> {
  console.log(`update-data: downloading ${CSV_URL}, ${XML_URL} and ${KEV_URL}`);
  const [csv, xml, kevText] = await Promise.all([download(CSV_URL), download(XML_URL), download(KEV_URL)]);

  // Validate with the build's parser before touching anything.
  const rows = parseRegistryCsv(csv, CSV_URL);
  const people = parsePeopleXml(xml, XML_URL);
  const kev = parseKevCatalog(KEV_URL, kevText);
  // A product's pair that the new catalog dropped or renamed would stop the next build.
  checkKevPairs(loadSoftwareDir(softwareDir()), kev, softwareDir());
  const kevBefore = parseKevCatalog(KEV_FILE, readFileSync(KEV_FILE, 'utf8'));
  const before = parseRegistryCsv(readFileSync(CSV_FILE, 'utf8'), CSV_FILE);
  const diff = diffRegistries(before, rows);
  const newest = rows.flatMap((r) => [r.registrationDate, r.modificationDate]).filter((d): d is string => d !== null).sort().at(-1) ?? null;

  writeFileSync(CSV_FILE, csv);
  writeFileSync(XML_FILE, xml);
  writeFileSync(join(DIR, 'SOURCE.md'), sourceMarkdown(csv, xml, newest, rows.length, people.size));
  writeFileSync(KEV_FILE, kevText);
  writeFileSync(join(KEV_DIR, 'SOURCE.md'), kevSourceMarkdown(kev, kevText, `Downloaded from ${KEV_URL} by \`npm run update-data\` on ${new Date().toISOString().slice(0, 10)}, byte for byte.`));

  console.log(`update-data: ${diff.added.length} records added, ${diff.removed.length} removed, ${diff.modified.length} modified`);
  printList('added', diff.added);
  printList('removed', diff.removed);
  printList('modified', diff.modified);
  console.log(`update-data: KEV catalog ${kevBefore.catalogVersion} (${kevBefore.vulnerabilities.length} entries) -> ${kev.catalogVersion} (${kev.vulnerabilities.length} entries)`);
  console.log(`update-data: wrote ${CSV_FILE}, ${XML_FILE}, ${KEV_FILE} and both SOURCE.md files`);
}

run().catch((error: Error) => {
  console.error(`update-data: refused: ${error.message}; the vendored copies in ${DIR} and ${KEV_DIR} are unchanged`);
  process.exitCode = 1;
});
