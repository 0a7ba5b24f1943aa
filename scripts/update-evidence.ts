/**
 * Part of `npm run update-data`: refreshes the vendored evidence datasets from Debian's
 * packages (the build itself never needs these tools):
 *   content/wireshark/        `tshark -G decodes` (tcp/udp/sctp.port rows), `tshark -G protocols`
 *                             (the dissectors those rows name) and each dissector's source file,
 *                             found in Wireshark's Debian source package
 *   content/firewalld/        /usr/lib/firewalld/services/*.xml of Debian's firewalld package
 *   content/debian-services/  /etc/services of Debian's netbase package
 * Each folder also gets SOURCE.md (origin, version, date, licence, sha256, command) and
 * version.txt (the Debian package version, shown on pages).
 * Needs a Debian machine with `tshark` installed (apt-get install tshark) at the version to
 * vendor, `apt-get download`, `dpkg-deb`, and a deb-src line for `apt-get source`.
 * Every file is parsed with the build's own parsers before anything is replaced.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDecodes, parseDissectorFiles, parseEtcServices, parseFirewalldService, parseProtocols } from '../src/lib/evidence/parse-sources.ts';
import { registeredFilters } from '../src/lib/evidence/wireshark-source.ts';

const run = (command: string, args: string[], cwd?: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const today = new Date().toISOString().slice(0, 10);
const lines = (rows: string[]) => rows.join('\n') + '\n';

/** Downloads a Debian binary package and unpacks it; returns the folder and the package version. */
function unpack(work: string, name: string): { root: string; version: string } {
  run('apt-get', ['download', name], work);
  const deb = readdirSync(work).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${name} left no .deb in ${work}`);
  const root = join(work, name);
  run('dpkg-deb', ['-x', join(work, deb), root]);
  return { root, version: run('dpkg-deb', ['-f', join(work, deb), 'Version']).trim() };
}

function updateWireshark(work: string): string {
  const version = run('dpkg-query', ['-W', '-f', '${Version}', 'tshark']).trim();
  const decodesText = lines(run('tshark', ['-G', 'decodes']).split('\n').filter((l) => /^(tcp|udp|sctp)\.port\t/.test(l)).sort());
  const decodes = parseDecodes(decodesText, 'tshark -G decodes');
  const wanted = new Set(decodes.map((row) => row.filter));
  const protocolsText = lines(run('tshark', ['-G', 'protocols']).split('\n').filter((l) => wanted.has(l.split('\t')[2] ?? '')).sort());
  parseProtocols(protocolsText, 'tshark -G protocols');

  // The source of the same Debian version: which file registers each dissector.
  run('apt-get', ['source', '--download-only', `wireshark=${version}`], work);
  const tarball = readdirSync(work).find((f) => /^wireshark_.*\.orig\.tar\.\w+$/.test(f));
  if (!tarball) throw new Error(`apt-get source wireshark=${version} left no .orig tarball in ${work} (is a deb-src line configured?)`);
  run('tar', ['-xf', tarball, '--wildcards', '*/epan/dissectors/*.c', '*/plugins/epan/*.c'], work);
  const top = readdirSync(work).find((f) => f.startsWith('wireshark-') && existsSync(join(work, f, 'epan')))!;
  const sources = ['epan/dissectors', 'plugins/epan'].flatMap((dir) =>
    (readdirSync(join(work, top, dir), { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.c')).map((f) => `${dir}/${f}`).sort(),
  );
  const fileOf = new Map<string, string>();
  for (const path of sources) {
    for (const filter of registeredFilters(readFileSync(join(work, top, path), 'utf8'))) if (!fileOf.has(filter)) fileOf.set(filter, path);
  }
  const filesText = lines([...wanted].filter((f) => fileOf.has(f)).sort().map((f) => `${f}\t${fileOf.get(f)}`));
  parseDissectorFiles(filesText, 'dissector files');

  const dir = 'content/wireshark';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'decodes.tsv'), decodesText);
  writeFileSync(join(dir, 'protocols.tsv'), protocolsText);
  writeFileSync(join(dir, 'dissector-files.tsv'), filesText);
  writeFileSync(join(dir, 'version.txt'), `${version}\n`);
  const upstream = version.replace(/-.*$/, '');
  writeFileSync(
    join(dir, 'SOURCE.md'),
    `# Wireshark's port table

Written by \`npm run update-data\` (scripts/update-evidence.ts) on ${today}; edit that script, not this file.

From Debian's \`tshark\` package, version ${version} (Wireshark ${upstream}), and its source package.
Wireshark is GPL-2.0-or-later; these files are facts extracted from it (its port registrations
and protocol names), used to say which dissector Wireshark applies to a port.

| file | what it is | made with | rows | sha256 |
| --- | --- | --- | --- | --- |
| decodes.tsv | the \`tcp.port\`, \`udp.port\` and \`sctp.port\` rows of the dissector tables: table, port, display filter | \`tshark -G decodes \\| grep -E '^(tcp\\|udp\\|sctp)\\.port'\`, sorted | ${decodes.length} | ${sha256(decodesText)} |
| protocols.tsv | full name, short name and display filter of each dissector named in decodes.tsv | \`tshark -G protocols\`, those rows, sorted | ${protocolsText.trim().split('\n').length} | ${sha256(protocolsText)} |
| dissector-files.tsv | display filter, the source file whose \`proto_register_protocol()\` registers it | \`apt-get source wireshark=${version}\`, scanned by src/lib/evidence/wireshark-source.ts | ${filesText.trim().split('\n').length} | ${sha256(filesText)} |

A dissector missing from dissector-files.tsv (its filter name is a macro defined in another file)
is shown without a source link. Pages link source files at the tag v${upstream} of
https://gitlab.com/wireshark/wireshark.
`,
  );
  return `wireshark ${version}: ${decodes.length} port rows, ${wanted.size} dissectors, ${fileOf.size} registrations found in ${sources.length} source files`;
}

function updateFirewalld(work: string): string {
  const { root, version } = unpack(work, 'firewalld');
  const from = join(root, 'usr/lib/firewalld/services');
  const files = readdirSync(from).filter((f) => f.endsWith('.xml')).sort();
  for (const f of files) parseFirewalldService(readFileSync(join(from, f), 'utf8'), join(from, f));
  const dir = 'content/firewalld';
  rmSync(join(dir, 'services'), { recursive: true, force: true });
  cpSync(from, join(dir, 'services'), { recursive: true });
  writeFileSync(join(dir, 'version.txt'), `${version}\n`);
  const digest = sha256(files.map((f) => `${f}\0${sha256(readFileSync(join(from, f)))}\n`).join(''));
  writeFileSync(
    join(dir, 'SOURCE.md'),
    `# firewalld's service definitions

Written by \`npm run update-data\` (scripts/update-evidence.ts) on ${today}; edit that script, not this file.

\`services/\` is \`/usr/lib/firewalld/services/\` of Debian's \`firewalld\` package, version ${version}
(\`apt-get download firewalld && dpkg-deb -x\`), byte-for-byte: ${files.length} service files. firewalld is
GPL-2.0-or-later (Red Hat, Inc. and contributors). Each file is a service that
\`firewall-cmd --add-service=<name>\` opens; the site reads the \`<short>\` name and the \`<port>\`
elements (firewalld.service(5)). sha256 over the sorted "name NUL sha256" lines: ${digest}.
`,
  );
  return `firewalld ${version}: ${files.length} services`;
}

function updateDebianServices(work: string): string {
  const { root, version } = unpack(work, 'netbase');
  const text = readFileSync(join(root, 'etc/services'), 'utf8');
  const entries = parseEtcServices(text, 'netbase: /etc/services');
  const dir = 'content/debian-services';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'services'), text);
  writeFileSync(join(dir, 'version.txt'), `${version}\n`);
  writeFileSync(
    join(dir, 'SOURCE.md'),
    `# Debian's /etc/services

Written by \`npm run update-data\` (scripts/update-evidence.ts) on ${today}; edit that script, not this file.

\`services\` is \`/etc/services\` of Debian's \`netbase\` package, version ${version} (\`apt-get download
netbase && dpkg-deb -x\`), byte-for-byte: ${entries.length} entries, sha256 ${sha256(text)}. netbase is
GPL-2.0 (Debian). Its policy, from the file's own header: new ports "will be added on request if they
have been officially assigned by IANA and used in the real-world or are needed by a debian package".
`,
  );
  return `netbase ${version}: ${entries.length} /etc/services entries`;
}

const work = mkdtempSync(join(tmpdir(), 'port-atlas-evidence-'));
try {
  for (const step of [updateWireshark, updateFirewalld, updateDebianServices]) console.log(`update-evidence: ${step(work)}`);
} catch (error) {
  console.error(`update-evidence: refused: ${(error as Error).message}; the vendored copies are unchanged where the step failed`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
