/**
 * Parses the table PowerShell prints for `Get-NetTCPConnection -State Listen` and
 * `Get-NetUDPEndpoint` (NetTCPIP module; the properties are those of Microsoft's cmdlet
 * reference, learn.microsoft.com/powershell/module/nettcpip/get-nettcpconnection and
 * get-netudpendpoint: LocalAddress, LocalPort, RemoteAddress, RemotePort, State,
 * AppliedSetting, OwningProcess), and any Format-Table of them.
 *
 * Input: a header line of property names, a line of dashes under them, then rows:
 *   LocalAddress  LocalPort RemoteAddress  RemotePort State  AppliedSetting OwningProcess
 *   ------------  --------- -------------  ---------- -----  -------------- -------------
 *   ::            445       ::             0          Listen                4
 * Columns are read by the positions of the dashes, so an empty cell (AppliedSetting is often
 * blank) does not shift the others; without a dash line, by whitespace. Several tables may
 * follow one another (TCP, then UDP). A table whose header has State, RemotePort or
 * AppliedSetting is TCP; one with only local columns is Get-NetUDPEndpoint's, UDP.
 * Output: a row per TCP connection in state Listen and per UDP endpoint, with OwningProcess as
 * the PID (the default table names no process). PowerShell cuts a value wider than its column
 * with "…" or "..."; a cut address is kept as printed.
 * Skipped, with the reason: prompts ("PS C:\> ..."), headers, dash lines and blank lines;
 * TCP connections in any other state (Established, TimeWait, Bound...); lines outside a table.
 */
import { connectionReason, familyOf, ListingBuilder, portNumber, REASONS, type ListingProtocol, type ParsedListing } from './listing.ts';

const isDashes = (line: string): boolean => /^\s*-{2,}(\s+-{2,})*\s*$/.test(line);
/** A header of property names that has LocalAddress and LocalPort, in any order. */
export const isPowerShellHeader = (line: string): boolean => {
  const names = line.trim().split(/\s+/);
  return names.includes('LocalAddress') && names.includes('LocalPort') && names.every((name) => /^[A-Z][A-Za-z]*$/.test(name));
};

interface Table {
  names: string[];
  /** Start column of each name, from the dash line; null: split cells on whitespace. */
  starts: number[] | null;
  protocol: ListingProtocol;
}

/** Cells of a row: by the dash line's column starts (each cell runs to the next start), else by whitespace. */
function cells(line: string, table: Table): string[] {
  if (!table.starts) return line.trim().split(/\s+/);
  return table.starts.map((start, i) => line.slice(start, table.starts![i + 1] ?? line.length).trim());
}

/** @param lines the input's lines (splitLines) */
export function parsePowerShell(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  let table: Table | null = null;
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    if (/^\s*PS [^>]*>/.test(text)) return out.skip(n, 'PowerShell prompt');
    if (isPowerShellHeader(text)) {
      const names = text.trim().split(/\s+/);
      const tcp = names.some((name) => ['State', 'RemotePort', 'RemoteAddress', 'AppliedSetting'].includes(name));
      table = { names, starts: null, protocol: tcp ? 'tcp' : 'udp' };
      return out.skip(n, REASONS.header);
    }
    if (isDashes(text)) {
      if (table && !table.starts) {
        const starts = [...text.matchAll(/-+/g)].map((m) => m.index);
        // A dash line that does not match the header (a cut or mixed paste) leaves no table to read.
        if (starts.length === table.names.length) table.starts = starts;
        else table = null;
      }
      return out.skip(n, REASONS.header);
    }
    if (!table) return out.skip(n, REASONS.notThisFormat);
    const values = cells(text, table);
    if (values.length > table.names.length) return out.skip(n, REASONS.notThisFormat);
    const field = (name: string): string | undefined => {
      const at = table!.names.indexOf(name);
      return at < 0 ? undefined : values[at];
    };
    const address = field('LocalAddress');
    const port = portNumber(field('LocalPort') ?? '');
    // An IPv4 or IPv6 address, possibly with a zone, possibly cut short by PowerShell ("…" or "...").
    if (!address || !/^[0-9A-Fa-f:.]+(%\w+)?(…|\.\.\.)?$/.test(address) || port === null) return out.skip(n, REASONS.notThisFormat);
    const state = field('State');
    if (table.protocol === 'tcp' && state !== undefined && state !== 'Listen') return out.skip(n, connectionReason(state || 'no state'));
    const pid = field('OwningProcess');
    const processes = pid && /^\d+$/.test(pid) ? [{ name: '', pid: Number(pid) }] : [];
    out.row({ port, protocol: table.protocol, address, iface: null, family: familyOf(address), processes }, [n]);
  });
  return out.done('powershell');
}
