/**
 * Recognises which tool printed a listing and parses it: the one entry point of the triage
 * parsers. Each format scores the lines that only it prints (its header, its row shape); the
 * highest score wins, ties going to the earlier format in DETECTORS. A paste with none of them
 * is read as a plain list of ports when it looks like one, else every line is skipped as
 * unrecognised. Pure.
 */
import { mergeSockets, REASONS, splitLines, type FormatId, type ParsedListing } from './listing.ts';
import { parseSs } from './ss.ts';
import { parseNetstatLinux } from './netstat-linux.ts';
import { parseLsof } from './lsof.ts';
import { parseNetstatMacos } from './netstat-macos.ts';
import { parseNetstatWindows } from './netstat-windows.ts';
import { isPowerShellHeader, parsePowerShell } from './powershell.ts';
import { parseNmapGrepable, parseNmapNormal } from './nmap.ts';
import { parseNmapXml } from './nmap-xml.ts';
import { isPlainListLine, parsePlainList } from './plain-list.ts';

type Parser = (lines: readonly string[]) => ParsedListing;

interface Detector {
  format: Exclude<FormatId, 'unknown'>;
  /** Lines that only this format prints; each line that shows one scores one. */
  signs: (RegExp | ((line: string) => boolean))[];
  parse: Parser;
}

/** In order of precedence on a tie. */
const DETECTORS: Detector[] = [
  { format: 'nmap-xml', signs: [/<nmaprun[\s>]/, /<port protocol="/], parse: parseNmapXml },
  { format: 'nmap-grepable', signs: [/^Host: \S+ \([^)]*\)\t(Ports|Status):/, /^# Nmap .* -oG\b/], parse: parseNmapGrepable },
  { format: 'nmap-normal', signs: [/^Nmap scan report for /, /^PORT\s+STATE\s+SERVICE/, /^\d{1,5}\/(tcp|udp|sctp)\s+(open|closed|filtered|unfiltered|open\|filtered|closed\|filtered)(\s|$)/], parse: parseNmapNormal },
  {
    format: 'ss',
    signs: [/^\s*(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local\s+Address:Port/, /^(\w+\s+)?(LISTEN|UNCONN|ESTAB|TIME-WAIT|SYN-SENT|SYN-RECV|CLOSE-WAIT|FIN-WAIT-[12]|LAST-ACK|CLOSING)\s+\d+\s+\d+\s+\S+\s+\S+/, /users:\(\("/],
    parse: parseSs,
  },
  {
    format: 'netstat-linux',
    signs: [/^Proto Recv-Q Send-Q Local Address\s+Foreign Address\s+State\b/, /^(tcp6?|udp6?|udpl6?|raw6?)\s+\d+\s+\d+\s+\S*:\S+\s+\S*:\S+/, /^Active Internet connections \((only servers|servers and established|w\/o servers)\)/],
    parse: parseNetstatLinux,
  },
  {
    format: 'netstat-macos',
    signs: [/^Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address\s+\(state\)/, /^(tcp|udp)(4|6|46)\s+\d+\s+\d+\s+\S+\.\S+\s+\S+\.\S+/, /^Active Internet connections( \(including servers\))?$/],
    parse: parseNetstatMacos,
  },
  {
    format: 'netstat-windows',
    signs: [/^\s*Active Connections\s*$/, /^\s*Proto\s+Local Address\s+Foreign Address\s+State/, /^\s*(TCP|UDP)\s+\S+:\d+\s+\S+:(\d+|\*)\b/, /^\s*\[[^\]]+\.exe\]\s*$/],
    parse: parseNetstatWindows,
  },
  { format: 'lsof', signs: [/^COMMAND\s+PID\s+.*\bNAME\s*$/, /\s(IPv4|IPv6)\s+\S+\s+\S+\s+(TCP|UDP)\s/], parse: parseLsof },
  { format: 'powershell', signs: [isPowerShellHeader, /^\s*PS [^>]*>\s*Get-Net(TCPConnection|UDPEndpoint)/i], parse: parsePowerShell },
];

/** @returns the format whose signs most lines show, 'plain' for a list of ports, else 'unknown' */
export function detectFormat(lines: readonly string[]): FormatId {
  let best: { format: FormatId; score: number } = { format: 'unknown', score: 0 };
  for (const detector of DETECTORS) {
    const score = lines.reduce((sum, line) => sum + (detector.signs.some((sign) => (typeof sign === 'function' ? sign(line) : sign.test(line))) ? 1 : 0), 0);
    if (score > best.score) best = { format: detector.format, score };
  }
  if (best.format !== 'unknown') return best.format;
  return lines.some(isPlainListLine) ? 'plain' : 'unknown';
}

const PARSERS = new Map<FormatId, Parser>([...DETECTORS.map((d) => [d.format, d.parse] as const), ['plain', parsePlainList]]);

/**
 * @param text what the reader pasted, any size
 * @param format a format to read it as; by default, detectFormat's choice
 * @returns the format, a row per listening socket (rows of one socket merged), and every
 *   other line with the reason it was skipped; never throws on any input
 */
export function parseListing(text: string, format?: FormatId): ParsedListing {
  const lines = splitLines(text);
  const chosen = format ?? detectFormat(lines);
  const parse = PARSERS.get(chosen);
  if (!parse) {
    return {
      format: 'unknown',
      rows: [],
      skipped: lines.map((line, i) => ({ line: i + 1, text: line, reason: line.trim() === '' ? REASONS.blank : 'not recognised as any supported format' })),
      lineCount: lines.length,
    };
  }
  const parsed = parse(lines);
  return { ...parsed, rows: mergeSockets(parsed.rows) };
}
