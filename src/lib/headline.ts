/**
 * The headline of a busy port: what a reader finds there in practice, where that is not what
 * IANA records (6443: "Kubernetes API server", not sun-sr-https). Pure.
 *
 * The rule, in order:
 * 1. Only products documented to use the port itself (a single port or a range of up to 64)
 *    are candidates, one use each (its best by rule 4), and never a honeypot or an emulator
 *    (`imitation`): it stands in for other software, which is not what a reader finds; nor a
 *    catalogue of protocol ports (a product with more than CATALOGUE_USES uses, such as Traccar):
 *    its port for one of hundreds of protocols is not what a reader most likely finds. With no
 *    candidate, the page leads with IANA's name as before.
 * 2. If any product on the port is the registered service (agreesWithRegistry), or a Wireshark
 *    dissector, firewalld service or /etc/services entry is (isRegisteredService, by name or by
 *    description: x11 on 6000, H.225 on 1719 for h323gatestat), IANA's name already says what is
 *    there: no headline.
 * 3. A range never heads a port that IANA assigns, nor one a product uses by itself: esbuild's
 *    8000-8009 does not head 8006, which Proxmox VE uses, nor KDE Connect's 1716-1764 head 1720.
 *    Nor does a client's range (`basis: client`: a library that tries 49151-49159 in turn to
 *    find a Wemo device) head any port: it says where to look, not which port the product is on.
 * 4. A single port comes before a range; then a default before a convention before a client's
 *    port (`basis`); then the score: one for the product's file, one for each other candidate
 *    whose role names it ("K3s supervisor and Kubernetes API server" names Kubernetes), and one
 *    for each dissector, firewalld service and /etc/services entry on the port whose name or
 *    description names it (firewalld's "Kubernetes Api Server"); naming is the product's whole
 *    name or slug appearing as words, and only for a proper name (not "serve"). Then the
 *    product's main port (its first listed use), then the name in alphabetical order.
 * 5. A tie with the runner-up on everything that outranks the name means no product stands
 *    out: no headline, and the summary lists the products after IANA's facts. Among three or
 *    more candidates (3000 has some thirty) the main port does not break the tie either; between
 *    two, it does (a product's main port before another's side port).
 */
import type { Evidence } from '../schemas/evidence.ts';
import type { RegistryEntry } from '../schemas/port-record.ts';
import { isRegisteredService } from './evidence/registered-service.ts';
import { basisRank, isWide, useClause, type PortUse } from './software/practice.ts';
import { joinWords } from './words.ts';

export interface Headline {
  /** The winning use. */
  lead: PortUse;
  /** What the page leads with: "Kubernetes API server", "Grafana web UI and HTTP API", or the product name. */
  label: string;
  /** The other candidates' product names, best first. */
  others: string[];
}

/** Longest label that reads as a headline; a longer role falls back to the product's name. */
const MAX_LABEL = 48;

const evidenceText = (e: Evidence): string =>
  e.source === 'wireshark' ? `${e.name} ${e.filter}` : e.source === 'firewalld' ? `${e.service} ${e.short}` : `${e.serviceName} ${e.aliases.join(' ')} ${e.comment ?? ''}`;

/** " kubernetes api server ": lower-case words between single spaces, for whole-phrase matching. */
const phrase = (text: string): string => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

/**
 * Whether a text names the product: contains its whole name or slug as words ("Kubernetes Api
 * Server" names Kubernetes). Only a proper name counts (a capital or a digit: Kubernetes, k0s):
 * a lower-case tool name such as "serve" is also an ordinary word ("docusaurus serve").
 */
function names(text: string, use: PortUse): boolean {
  if (!/[A-Z0-9]/.test(use.name)) return false;
  const haystack = phrase(text);
  return [use.name, use.slug].some((name) => haystack.includes(phrase(name)));
}

/** "Kubernetes API server (kube-apiserver)" for Kubernetes -> "Kubernetes API server"; "web UI" for Grafana -> "Grafana web UI". */
export function headlineLabel({ name, use }: PortUse): string {
  const role = use.role.replace(/\s*\([^)]*\)/g, '').trim();
  // A role that already names the product, or starts with the name's first word ("Oracle Net Listener"), stands alone.
  const first = name.split(' ')[0]!.toLowerCase();
  const label = role.toLowerCase().includes(name.toLowerCase()) || role.toLowerCase().startsWith(`${first} `) ? role : `${name} ${role}`;
  return label.length <= MAX_LABEL ? label : name;
}

/** How strongly a use claims its port: a single port before a range, then default, convention, a client's port (basisRank). */
const isSingle = (u: PortUse): boolean => u.use.port.start === u.use.port.end;
const tier = (u: PortUse): number => (isSingle(u) ? 0 : 3) + basisRank(u.use.basis);

/**
 * @param uses the port's uses (usesByPort)
 * @param evidence the port's evidence of use (evidenceByPort)
 * @param agrees whether a use is the service IANA records on the port (agreesWithRegistry)
 * @param entries the port's IANA entries (their assigned service names and descriptions)
 * @returns the headline by the rule above, or null
 */
export function practiceHeadline(
  uses: readonly PortUse[],
  evidence: readonly Evidence[],
  agrees: (use: PortUse) => boolean,
  entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName' | 'description'>[] = [],
): Headline | null {
  const narrow = uses.filter((u) => !isWide(u.use));
  if (narrow.some(agrees)) return null;
  if (evidence.some((e) => isRegisteredService(e, entries))) return null;
  // Each product's best use of the port.
  const best = new Map<string, PortUse>();
  for (const u of narrow) {
    if (u.imitation || u.catalogue || (!isSingle(u) && u.use.basis === 'client')) continue;
    const held = best.get(u.slug);
    if (!held || tier(u) < tier(held) || (tier(u) === tier(held) && u.primary && !held.primary)) best.set(u.slug, u);
  }
  const products = [...best.values()];
  const assigned = entries.some((e) => e.kind === 'assigned');
  const candidates = assigned || products.some(isSingle) ? products.filter(isSingle) : products;
  if (candidates.length === 0) return null;
  const score = (c: PortUse) =>
    1 + candidates.filter((o) => o.slug !== c.slug && names(o.use.role, c)).length + evidence.filter((e) => names(evidenceText(e), c)).length;
  const scores = new Map(candidates.map((c) => [c.slug, score(c)]));
  const rank = (a: PortUse, b: PortUse) =>
    tier(a) - tier(b) ||
    scores.get(b.slug)! - scores.get(a.slug)! ||
    Number(!a.primary) - Number(!b.primary) ||
    a.name.localeCompare(b.name, 'en');
  const [lead, ...rest] = [...candidates].sort(rank) as [PortUse, ...PortUse[]];
  const runnerUp = rest[0];
  const tiedTop = runnerUp !== undefined && tier(runnerUp) === tier(lead) && scores.get(runnerUp.slug) === scores.get(lead.slug);
  // Only the alphabet would separate them: no product stands out.
  if (tiedTop && (candidates.length >= 3 || runnerUp.primary === lead.primary)) return null;
  // The other products that use the port, ranges included, in the same order.
  const others = products.filter((p) => p.slug !== lead.slug).sort((a, b) => Number(!candidates.includes(a)) - Number(!candidates.includes(b)) || tier(a) - tier(b) || a.name.localeCompare(b.name, 'en'));
  return { lead, label: headlineLabel(lead), others: others.map((u) => u.name) };
}

/**
 * The summary's first sentence for a headline.
 * @param named how many other products to name before "N more"
 * @returns e.g. "In practice, Kubernetes uses port 6443 by default for its Kubernetes API server
 *   (kube-apiserver); K3s, RKE2 and k0s use it too."
 */
export function headlineSentence(port: number, { lead, others }: Headline, named = 3): string {
  const listed = others.slice(0, named);
  const rest = others.length - listed.length;
  const too = others.length === 0 ? '' : `; ${joinWords(rest > 0 ? [...listed, `${rest} more product${rest === 1 ? '' : 's'}`] : listed)} ${others.length === 1 ? 'uses' : 'use'} it too`;
  return `In practice, ${useClause(lead.name, `port ${port}`, lead.use)}${too}.`;
}
