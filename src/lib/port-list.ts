/**
 * Port lists such as "22,3480-3499", used by PORT_ATLAS_PORTS to build only some port pages
 * (fixture builds in tests). Pure.
 */

/**
 * @param spec comma-separated ports and ascending ranges, e.g. "0-10,3489,65535"
 * @returns the set of port numbers
 * @throws Error naming the item that is not a port 0-65535 or an ascending range
 */
export function parsePortList(spec: string): Set<number> {
  const ports = new Set<number>();
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(item);
    const start = Number(match?.[1]);
    const end = Number(match?.[2] ?? match?.[1]);
    if (!match || end < start || end > 65535) {
      throw new Error(`PORT_ATLAS_PORTS: "${item}" is not a port 0-65535 or an ascending range such as 3480-3499`);
    }
    for (let port = start; port <= end; port++) ports.add(port);
  }
  return ports;
}

/**
 * The inverse of parsePortList: ascending ports as the shortest list of items.
 * @param ports port numbers 0-65535, in any order, duplicates allowed
 * @returns e.g. "0-10,3489,65535"; "" for none
 */
export function formatPortList(ports: Iterable<number>): string {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const items: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (sorted[i + 1] === sorted[i]! + 1) i++;
    items.push(start === sorted[i] ? String(start) : `${start}-${sorted[i]}`);
  }
  return items.join(',');
}
