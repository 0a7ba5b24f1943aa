/**
 * The evidence datasets (src/lib/evidence/), loaded once per build, and the ghost-badge counts
 * the data report publishes. PORT_ATLAS_EVIDENCE_DIR points tests at a fixture folder.
 */
import { loadEvidence, otherUsesOf, registrantWitnessesOf, witnessesOf, USE_WITNESSES, type UseWitness } from '../lib/evidence/evidence.ts';
import { generatedRegistry } from '../lib/generated-registry.ts';
import type { Evidence } from '../schemas/evidence.ts';
import { agreesOn, practiceByPort, registryGhost } from './software.ts';

export const evidence = loadEvidence(process.env.PORT_ATLAS_EVIDENCE_DIR || 'content');

const NONE: Evidence[] = [];
/** The port's evidence of use (empty when no source names it). */
export const evidenceOf = (port: number): Evidence[] => evidence.byPort.get(port) ?? NONE;

/**
 * Counts for /data-report.json: how many ports the registry heuristic (with note overrides)
 * calls likely ghosts, how many keep the badge, and how many each source cleared by showing the
 * registered service running (a port several sources name counts for each; `onlyBy` counts the
 * ports one source alone cleared). `busy` counts the badges on ports that other software uses
 * for its own protocol, and `busyBy` which sources show that: the page names them beside the
 * badge.
 */
export function ghostCounts() {
  const registryGhosts = generatedRegistry()
    .records.filter((record) => registryGhost(record.port))
    .map((record) => {
      const uses = practiceByPort.get(record.port) ?? [];
      const portEvidence = evidenceOf(record.port);
      const agrees = agreesOn(record);
      const others = otherUsesOf(uses, portEvidence, agrees, record.entries);
      return {
        registrant: registrantWitnessesOf(uses, portEvidence, agrees, record.entries),
        busy: witnessesOf(others.products, others.evidence),
      };
    });
  const tally = (ports: UseWitness[][]) => Object.fromEntries(USE_WITNESSES.map((w) => [w, ports.filter((witnesses) => witnesses.includes(w)).length]));
  const badged = registryGhosts.filter((port) => port.registrant.length === 0);
  const busy = badged.filter((port) => port.busy.length > 0);
  return {
    registryHeuristic: registryGhosts.length,
    badges: badged.length,
    clearedBy: tally(registryGhosts.map((port) => port.registrant)),
    onlyBy: tally(registryGhosts.map((port) => port.registrant).filter((witnesses) => witnesses.length === 1)),
    busy: busy.length,
    busyBy: tally(busy.map((port) => port.busy)),
    datasets: evidence.versions,
  };
}
