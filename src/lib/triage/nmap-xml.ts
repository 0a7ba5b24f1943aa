/**
 * Parses nmap's XML output (-oX), with fast-xml-parser (the project's XML parser) rather than
 * patterns: the document follows nmap's DTD (docs/nmap.dtd in nmap/nmap): <nmaprun> holds
 * <host> elements, each with <address addr addrtype> and <ports>, whose <port protocol portid>
 * has a <state state> and an optional <service name>.
 *
 * Output: a row per <port> in state open (open|filtered: a row marked uncertain), with the
 * host's IPv4 or IPv6 address (not its MAC address). nmap writes each <port> element on one
 * line of its own; that line is the row's line. Other states are skipped on their port's line.
 * Skipped, with the reason: every other line (the XML declaration, <nmaprun>, <scaninfo>,
 * <host>, <address>, <extraports>, <runstats>...), as "XML outside a <port> element";
 * everything, when the text is not well-formed XML (with the parser's message and line).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ListingBuilder, portNumber, type ListingProtocol, type ParsedListing } from './listing.ts';
import { nmapRow, stateReason } from './nmap.ts';

const PROTOCOLS: Record<string, ListingProtocol> = { tcp: 'tcp', udp: 'udp', sctp: 'sctp' };
const ARRAYS = new Set(['host', 'address', 'port']);

interface XmlPort {
  protocol?: string;
  portid?: string;
  state?: { state?: string };
  service?: { name?: string };
}
interface XmlHost {
  address?: { addr?: string; addrtype?: string }[];
  ports?: { port?: XmlPort[] } | string;
}

/** @param lines the input's lines (splitLines) */
export function parseNmapXml(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  const text = lines.join('\n');
  const unreadable = (why: string) => {
    lines.forEach((_, i) => out.skipBlank(i + 1) || out.skip(i + 1, `not well-formed XML: ${why}`));
    return out.done('nmap-xml');
  };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return unreadable(`${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ARRAYS.has(name) });
  let doc: { nmaprun?: { host?: XmlHost[] } };
  try {
    // The parser refuses some documents its validator passes (two DOCTYPE declarations).
    doc = parser.parse(text) as typeof doc;
  } catch (error) {
    return unreadable((error as Error).message);
  }
  // The <port> elements in document order, to pair with the lines that open them.
  const ports: { port: XmlPort; address: string | null }[] = [];
  for (const host of doc.nmaprun?.host ?? []) {
    const address = host.address?.find((a) => a.addrtype === 'ipv4' || a.addrtype === 'ipv6')?.addr ?? null;
    for (const port of typeof host.ports === 'object' ? host.ports.port ?? [] : []) ports.push({ port, address });
  }
  const portLines = lines.flatMap((line, i) => (line.includes('<port ') ? [i + 1] : []));
  // One <port> per line is how nmap writes it; otherwise the ports are attributed to the first such line.
  const lineOf = (k: number): number => (portLines.length === ports.length ? portLines[k]! : portLines[0] ?? 1);
  ports.forEach(({ port, address }, k) => {
    const n = lineOf(k);
    const number = portNumber(port.portid ?? '');
    const protocol = PROTOCOLS[port.protocol ?? ''];
    const state = port.state?.state ?? '';
    const label = `${port.portid ?? '?'}/${port.protocol ?? '?'} ${state}`;
    if (number === null || !protocol) return out.skip(n, 'port element without a port number or protocol', label);
    if (state !== 'open' && state !== 'open|filtered') return out.skip(n, stateReason(state), label);
    out.row(nmapRow(number, protocol, address, port.service?.name, state), [n]);
  });
  const used = new Set([...out.rows.flatMap((row) => row.lines), ...out.skipped.map((s) => s.line)]);
  lines.forEach((_, i) => {
    if (!used.has(i + 1)) out.skipBlank(i + 1) || out.skip(i + 1, 'XML outside a <port> element');
  });
  return out.done('nmap-xml');
}
