/**
 * The evidence datasets (src/lib/evidence/), loaded once per build, and the ghost-badge counts
 * the data report publishes. PORT_ATLAS_EVIDENCE_DIR points tests at a fixture folder.
 */
import { loadEvidence, witnessesOf, USE_WITNESSES, type UseWitness } from '../lib/evidence/evidence.ts';
import { generatedRegistry } from '../lib/generated-registry.ts';
import type { Evidence } from '../schemas/evidence.ts';
import { practiceByPort, registryGhost } from './software.ts';

export const evidence = loadEvidence(process.env.PORT_ATLAS_EVIDENCE_DIR || 'content');

const NONE: Evidence[] = [];
/** The port's evidence of use (empty when no source names it). */
export const evidenceOf = (port: number): Evidence[] => evidence.byPort.get(port) ?? NONE;

/** Which sources show each port in use (practice or evidence); computed once. */
export const witnessesByPort: UseWitness[][] = generatedRegistry().records.map((record) =>
  witnessesOf(practiceByPort.get(record.port) ?? [], evidenceOf(record.port)),
);

/**
 * Counts for /data-report.json: how many ports the registry heuristic (with note overrides)
 * calls likely ghosts, how many keep the badge, and how many each source cleared (a port
 * several sources name counts for each; `onlyBy` counts the ports one source alone cleared).
 */
export function ghostCounts() {
  const registryGhosts = generatedRegistry()
    .records.filter((record) => registryGhost(record.port))
    .map((record) => witnessesByPort[record.port]!);
  const tally = (ports: UseWitness[][]) => Object.fromEntries(USE_WITNESSES.map((w) => [w, ports.filter((witnesses) => witnesses.includes(w)).length]));
  return {
    registryHeuristic: registryGhosts.length,
    badges: registryGhosts.filter((witnesses) => witnesses.length === 0).length,
    clearedBy: tally(registryGhosts),
    onlyBy: tally(registryGhosts.filter((witnesses) => witnesses.length === 1)),
    datasets: evidence.versions,
  };
}
