/**
 * Parsers for the vendored evidence datasets (content/<source>/SOURCE.md says where each comes
 * from). Pure: text in, rows out; every malformed line is an InputError naming file and line.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { transportProtocolSchema, type TransportProtocol } from '../../schemas/port-record.ts';
import { InputError } from '../registry/input-error.ts';

/** One row of Wireshark's port table. */
export interface DecodeRow {
  protocol: TransportProtocol;
  port: number;
  /** Display-filter name of the dissector registered on the port. */
  filter: string;
}

/** A dissector as `tshark -G protocols` describes it. */
export interface DissectorInfo {
  name: string;
  shortName: string;
  filter: string;
}

/** A port or range as the sources write it: "8291" or "5900-5903". */
function parsePortText(text: string, file: string, line: number | null, field: string): { start: number; end: number } {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const start = Number(match?.[1]);
  const end = match?.[2] === undefined ? start : Number(match[2]);
  if (!match || end > 65535 || end < start) {
    throw new InputError(file, line, field, `expected a port number 0-65535 or an ascending range such as 5900-5903, got "${text}"`);
  }
  return { start, end };
}

function parseProtocol(text: string, file: string, line: number | null, field: string): TransportProtocol {
  const result = transportProtocolSchema.safeParse(text.toLowerCase());
  if (!result.success) throw new InputError(file, line, field, `expected tcp, udp, sctp or dccp, got "${text}"`);
  return result.data;
}

/** Non-empty lines with their 1-based numbers. */
const linesOf = (text: string) =>
  text.split(/\r?\n/).map((content, i) => ({ content, line: i + 1 })).filter(({ content }) => content.trim() !== '');

/**
 * Wireshark's port table: the tcp.port, udp.port and sctp.port rows of `tshark -G decodes`
 * ("tcp.port<TAB>2000<TAB>skinny"; format per tshark(1), "-G decodes": layer type, selector,
 * display filter name). Rows of other dissector tables are not in the vendored file.
 * @throws InputError for a row that is not three tab-separated fields, an unknown table, or a bad port
 */
export function parseDecodes(text: string, file: string): DecodeRow[] {
  return linesOf(text).map(({ content, line }) => {
    const fields = content.split('\t');
    if (fields.length !== 3) throw new InputError(file, line, null, `expected 3 tab-separated fields (table, port, filter), got ${fields.length}`);
    const [table, portText, filter] = fields as [string, string, string];
    const tableMatch = /^(tcp|udp|sctp)\.port$/.exec(table);
    if (!tableMatch) throw new InputError(file, line, 'table', `expected tcp.port, udp.port or sctp.port, got "${table}"`);
    const { start, end } = parsePortText(portText, file, line, 'port');
    if (start !== end) throw new InputError(file, line, 'port', `expected a single port, got "${portText}"`);
    if (!filter) throw new InputError(file, line, 'filter', 'is empty');
    return { protocol: tableMatch[1] as TransportProtocol, port: start, filter };
  });
}

/**
 * `tshark -G protocols` rows: "Skinny Client Control Protocol<TAB>SKINNY<TAB>skinny"
 * (full name, short name, display filter name; tshark(1), "-G protocols").
 * @returns display filter name -> the dissector
 * @throws InputError for a row that is not three tab-separated fields
 */
export function parseProtocols(text: string, file: string): Map<string, DissectorInfo> {
  const byFilter = new Map<string, DissectorInfo>();
  for (const { content, line } of linesOf(text)) {
    const fields = content.split('\t');
    if (fields.length !== 3 || fields.some((f) => f === '')) {
      throw new InputError(file, line, null, `expected 3 non-empty tab-separated fields (name, short name, filter), got "${content}"`);
    }
    const [name, shortName, filter] = fields as [string, string, string];
    byFilter.set(filter, { name, shortName, filter });
  }
  return byFilter;
}

/**
 * content/wireshark/dissector-files.tsv: "skinny<TAB>epan/dissectors/packet-skinny.c", the source
 * file that registers each dissector (found by scripts/update-evidence.ts in Wireshark's source).
 * @returns display filter name -> path in Wireshark's source tree
 * @throws InputError for a row that is not two tab-separated fields or whose path is not a .c file
 */
export function parseDissectorFiles(text: string, file: string): Map<string, string> {
  const byFilter = new Map<string, string>();
  for (const { content, line } of linesOf(text)) {
    const fields = content.split('\t');
    if (fields.length !== 2) throw new InputError(file, line, null, `expected 2 tab-separated fields (filter, source file), got ${fields.length}`);
    const [filter, path] = fields as [string, string];
    if (!/^[\w./+-]+\.c$/.test(path)) throw new InputError(file, line, 'source file', `expected a path to a .c file, got "${path}"`);
    byFilter.set(filter, path);
  }
  return byFilter;
}

/** A firewalld service definition. */
export interface FirewalldService {
  /** The file name without .xml: what `firewall-cmd --add-service=` takes. */
  service: string;
  short: string;
  ports: { protocol: TransportProtocol; start: number; end: number }[];
  /** Services it includes (`<include service="rdp"/>`): it opens their ports too. */
  includes: string[];
  /** Whether it opens more than ports: an IP protocol (`<protocol value="esp"/>`, `<port protocol="ah" port=""/>`). */
  opensIpProtocols: boolean;
  /** Whether its short name or description says it is deprecated ("FreeIPA with LDAP (deprecated)"). */
  deprecated: boolean;
}

const serviceXml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // The attribute port="..." is no array; only <port> elements are.
  isArray: (name, _path, _leaf, isAttribute) => (name === 'port' || name === 'include' || name === 'protocol') && !isAttribute,
  parseTagValue: false,
});

/**
 * One firewalld service file (firewalld.service(5): `<service><short/><description/>
 * <port protocol="tcp" port="5900-5903"/>...</service>`). Only `<port>` elements count:
 * `<source-port>`, `<protocol>`, `<module>`/`<helper>`, `<include>` and a `<port>` with an IP
 * protocol and no port (`<port protocol="ah" port=""/>`) open no listening port of their own.
 * @param file e.g. content/firewalld/services/vnc-server.xml (the service name comes from it)
 * @throws InputError with the line of an XML syntax error, a missing `<service>` root, or a bad port or protocol
 */
export function parseFirewalldService(text: string, file: string): FirewalldService {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InputError(file, valid.err.line, null, `malformed XML: ${valid.err.msg} (column ${valid.err.col})`);
  const root = serviceXml.parse(text) as {
    service?: { short?: string; description?: string; port?: { protocol?: string; port?: string }[]; include?: { service?: string }[]; protocol?: unknown[] } | '';
  };
  if (root.service === undefined) throw new InputError(file, null, null, 'expected a <service> root element');
  const service = root.service || {};
  // firewalld writes one element a line, so the i-th <port> is on the i-th line that has one.
  const portLines = text.split('\n').flatMap((content, n) => (/<port[\s/>]/.test(content) ? [n + 1] : []));
  let opensIpProtocols = (service.protocol ?? []).length > 0;
  const ports = (service.port ?? []).flatMap((port, i) => {
    const line = portLines[i] ?? null;
    // `<port protocol="ah" port=""/>` opens an IP protocol (ipsec.xml), not a port.
    if (!port.port && port.protocol && !transportProtocolSchema.safeParse(port.protocol).success) {
      opensIpProtocols = true;
      return [];
    }
    return [{ protocol: parseProtocol(port.protocol ?? '', file, line, 'protocol'), ...parsePortText(port.port ?? '', file, line, 'port') }];
  });
  const short = typeof service.short === 'string' ? service.short : '';
  const description = typeof service.description === 'string' ? service.description : '';
  return {
    service: file.split('/').at(-1)!.replace(/\.xml$/, ''),
    short,
    ports,
    includes: (service.include ?? []).flatMap((include) => (include.service ? [include.service] : [])),
    opensIpProtocols,
    deprecated: /\bdeprecated\b/i.test(`${short} ${description}`),
  };
}

/** One line of /etc/services. */
export interface EtcServicesEntry {
  serviceName: string;
  port: number;
  protocol: TransportProtocol;
  aliases: string[];
  comment: string | null;
}

/**
 * /etc/services (services(5): "service-name port/protocol [aliases ...]", "#" starts a comment).
 * AppleTalk DDP lines ("rtmp 1/ddp") are skipped: they name DDP sockets, not ports.
 * @throws InputError for a line without a port/protocol field, a bad port or an unknown protocol
 */
export function parseEtcServices(text: string, file: string): EtcServicesEntry[] {
  return linesOf(text).flatMap(({ content, line }) => {
    const hash = content.indexOf('#');
    const body = (hash >= 0 ? content.slice(0, hash) : content).trim();
    if (body === '') return [];
    const comment = hash >= 0 ? content.slice(hash + 1).trim() || null : null;
    const [serviceName, portProtocol, ...aliases] = body.split(/\s+/) as [string, string | undefined, ...string[]];
    const match = /^(\d+)\/(\w+)$/.exec(portProtocol ?? '');
    if (!match) throw new InputError(file, line, 'port/protocol', `expected "port/protocol" such as 22/tcp after "${serviceName}", got "${portProtocol ?? ''}"`);
    // AppleTalk's Datagram Delivery Protocol numbers its sockets, not TCP/UDP ports.
    if (match[2] === 'ddp') return [];
    const { start: port } = parsePortText(match[1]!, file, line, 'port');
    return [{ serviceName, port, protocol: parseProtocol(match[2]!, file, line, 'protocol'), aliases, comment }];
  });
}
