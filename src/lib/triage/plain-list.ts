/**
 * Parses a plain list of ports, as a reader types it or copies it from a ticket:
 * "22, 80, 443/udp, 6000-6010", one or many per line, separated by commas, semicolons or
 * spaces. A port may carry its protocol ("443/udp", "53/tcp"); a range "6000-6010" (or with an
 * en dash) stands for each of its ports, up to MAX_RANGE of them.
 *
 * Output: a row per port (per port of a range), with the protocol when given and no address:
 * a plain list does not say where the port is bound.
 * Skipped, with the reason: blank lines; a line with any word on it, whole (it is prose or
 * another tool's output, whose numbers may be PIDs, inodes or queue sizes); on a list line,
 * each item that is no port (a number above 65535, a reversed or over-long range).
 */
import { ListingBuilder, portNumber, REASONS, type ListingProtocol, type ParsedListing } from './listing.ts';

/** The longest range a list may expand: more would be a scan range, not a list of listeners. */
export const MAX_RANGE = 1024;

const ITEM = /^(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;

/** Whether a line reads as a list of ports: every item a port, port/protocol or range. */
export const isPlainListLine = (line: string): boolean => {
  const items = line.split(/[,;\s]+/).filter(Boolean);
  return items.length > 0 && items.every((item) => ITEM.test(item));
};

/** @param lines the input's lines (splitLines) */
export function parsePlainList(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    // "6000 - 6010" is one range: close up spaces around a dash before splitting on spaces.
    const items = text.replace(/\s*([-–])\s*/g, '$1').split(/[,;\s]+/).filter(Boolean);
    // A line with words is prose or another tool's output: its numbers may be PIDs or inodes.
    const word = items.find((item) => !ITEM.test(item));
    if (word !== undefined) return out.skip(n, `not a list of ports ("${word.slice(0, 20)}" is not a port)`);
    let found = 0;
    for (const item of items) {
      const match = ITEM.exec(item)!;
      const start = portNumber(match[1]!);
      const end = match[2] !== undefined ? portNumber(match[2]) : start;
      if (start === null || end === null) {
        out.skip(n, 'not a port number (0-65535)', item);
        continue;
      }
      if (end < start) {
        out.skip(n, 'reversed range', item);
        continue;
      }
      if (end - start + 1 > MAX_RANGE) {
        out.skip(n, `range of more than ${MAX_RANGE} ports: list the ports that listen`, item);
        continue;
      }
      const protocol = (match[3]?.toLowerCase() ?? null) as ListingProtocol | null;
      for (let port = start; port <= end; port++) out.row({ port, protocol, address: null, iface: null, family: null, processes: [] }, [n]);
      found++;
    }
    if (items.length === 0) out.skip(n, REASONS.notThisFormat);
  });
  return out.done('plain');
}
