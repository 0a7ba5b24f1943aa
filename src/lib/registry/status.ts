/**
 * Classification rules: port tier (RFC 6335), what a registry row means, a port's status,
 * and the ghost-registration heuristic documented in content/notes/ghost-registration.mdx.
 * Pure functions; change the note when you change a rule here.
 */
import type { EntryKind, PortStatus, RegistryEntry, Tier } from '../../schemas/port-record.ts';

/** RFC 6335 section 6: the upper bounds of the System and User port ranges. */
export const WELL_KNOWN_MAX = 1023;
export const REGISTERED_MAX = 49151;

/**
 * @param port 0-65535
 * @returns "well-known" for 0-1023, "registered" for 1024-49151, "dynamic" for 49152-65535
 *   (RFC 6335 section 6: System Ports, User Ports, Dynamic and/or Private Ports)
 */
export function tierOf(port: number): Tier {
  if (port <= WELL_KNOWN_MAX) return 'well-known';
  if (port <= REGISTERED_MAX) return 'registered';
  return 'dynamic';
}

/** Inclusive bounds of each tier, for pages that explain the ranges. */
export const TIER_BOUNDS: Record<Tier, { start: number; end: number }> = {
  'well-known': { start: 0, end: WELL_KNOWN_MAX },
  registered: { start: WELL_KNOWN_MAX + 1, end: REGISTERED_MAX },
  dynamic: { start: REGISTERED_MAX + 1, end: 65535 },
};

const WITHDRAWN = /de-?assigned|de-?registered|removed|deprecated|decomm?issioned|de-commissioned/i;

/**
 * What a registry row says, from its Service Name, Description and Assignment Notes.
 * A row with a service name is an assignment. Without one, IANA writes the status in the
 * Description ("Unassigned", "Reserved", "De-registered", "Removed", ...) and sometimes
 * explains a withdrawal in the notes ("De-assigned on 2025-02-13, previously compressnet").
 * A few rows have no service name but describe a use ("any private mail system" on 24):
 * those count as assigned.
 *
 * @returns assigned | reserved | unassigned | de-assigned
 */
export function entryKind(row: { serviceName: string | null; description: string; assignmentNotes: string | null }): EntryKind {
  if (row.serviceName) return 'assigned';
  if (WITHDRAWN.test(row.description) || WITHDRAWN.test(row.assignmentNotes ?? '')) return 'de-assigned';
  if (/^\(?unassigned/i.test(row.description)) return 'unassigned';
  if (/^reserved/i.test(row.description)) return 'reserved';
  return 'assigned';
}

const STATUS_PRIORITY: EntryKind[] = ['assigned', 'de-assigned', 'reserved', 'unassigned'];

/**
 * A port's status: dynamic for 49152-65535, else the strongest kind among its entries
 * (assigned > de-assigned > reserved > unassigned), unassigned when there are none.
 */
export function portStatus(port: number, entries: Pick<RegistryEntry, 'kind'>[]): PortStatus {
  if (tierOf(port) === 'dynamic') return 'dynamic';
  for (const kind of STATUS_PRIORITY) {
    if (entries.some((entry) => entry.kind === kind)) return kind;
  }
  return 'unassigned';
}

/**
 * The ghost-registration heuristic on registry facts alone. True when all hold:
 * the port is registered (1024-49151) and assigned; no assigned entry has a reference,
 * a modification date, assignment notes or reported unauthorized use; and every assignee
 * is an individual (no organisation in the XML), unresolvable, or absent.
 * A port note's `ghost` frontmatter overrides the result (see applyGhostOverride).
 */
export function isLikelyGhost(port: number, status: PortStatus, entries: RegistryEntry[]): boolean {
  if (tierOf(port) !== 'registered' || status !== 'assigned') return false;
  const assigned = entries.filter((entry) => entry.kind === 'assigned');
  return assigned.every(
    (entry) =>
      entry.references.length === 0 &&
      entry.modificationDate === null &&
      entry.assignmentNotes === null &&
      entry.unauthorizedUseReported === null &&
      entry.assignees.every((party) => party.organization === null),
  );
}

/**
 * @param likelyGhost the registry heuristic's answer
 * @param overrides `ghost` values from the notes attached to the port (undefined = silent)
 * @returns the first explicit note value, else the heuristic
 */
export function applyGhostOverride(likelyGhost: boolean, overrides: (boolean | undefined)[]): boolean {
  return overrides.find((value) => value !== undefined) ?? likelyGhost;
}

/**
 * The ghost badge on a port page, a verdict on the *registration*: "likely ghost" only when the
 * registry heuristic says so (after any note's override) AND nothing shows the registered
 * service running: no product implementing it, and no Wireshark dissector, firewalld service
 * or Debian /etc/services entry for it (registrantWitnessesOf in src/lib/evidence/evidence.ts).
 * A product or dissector using the port for its own protocol shows the port is busy, not that
 * the registrant's service lives: such a page keeps the badge and names what uses the port
 * (content/notes/ghost-registration.mdx).
 * @param likelyGhost the registry heuristic's answer (isLikelyGhost)
 * @param overrides `ghost` values of the notes attached to the port
 * @param registeredInUse whether any source shows the registered service running (registrantWitnessesOf(...).length > 0)
 */
export function ghostVerdict(likelyGhost: boolean, overrides: (boolean | undefined)[], registeredInUse: boolean): boolean {
  return !registeredInUse && applyGhostOverride(likelyGhost, overrides);
}
