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
