/**
 * The headline of a busy port: what a reader finds there in practice, where that is not what
 * IANA records (6443: "Kubernetes API server", not sun-sr-https). Pure.
 *
 * The rule, in order:
 * 1. Only products documented to use the port itself (a single port or a range of up to 64)
 *    are candidates; with none, the page leads with IANA's name as before.
 * 2. If any candidate is the registered service (agreesWithRegistry), or the evidence shows the
 *    registered service in use (a Wireshark dissector, firewalld service or /etc/services entry
 *    under one of the port's IANA service names: x11 on 6000), IANA's name already says what is
 *    there: no headline.
 * 3. Each candidate scores one for its own product file, one for each other candidate whose
 *    role names it ("K3s supervisor and Kubernetes API server" names Kubernetes), and one for
 *    each Wireshark dissector, firewalld service and /etc/services entry on the port whose name
 *    or description names it (firewalld's "Kubernetes Api Server"); naming is the product's
 *    whole name or slug appearing as words, and only for a proper name (not "serve").
 * 4. The highest score wins. Between two candidates, a tie goes to a default over a convention,
 *    then to the product's main port (its first listed use), then to the name in alphabetical
 *    order. Among three or more, a tie for the top score means no product stands out (3000 has
 *    some thirty): no headline, and the summary lists the products after IANA's facts.
 */
import type { Evidence } from '../schemas/evidence.ts';
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

/** The names an evidence item gives the protocol: a dissector's filter, a firewalld service, an /etc/services name and its aliases. */
const evidenceNames = (e: Evidence): string[] =>
  e.source === 'wireshark' ? [e.filter] : e.source === 'firewalld' ? [e.service] : [e.serviceName, ...e.aliases];

/**
 * @param uses the port's uses (usesByPort)
 * @param evidence the port's evidence of use (evidenceByPort)
 * @param agrees whether a use is the service IANA records on the port (agreesWithRegistry)
 * @param ianaServices the port's assigned IANA service names
 * @returns the headline by the rule above, or null
 */
export function practiceHeadline(
  uses: readonly PortUse[],
  evidence: readonly Evidence[],
  agrees: (use: PortUse) => boolean,
  ianaServices: readonly string[] = [],
): Headline | null {
  const seen = new Set<string>();
  const candidates = uses.filter((u) => !isWide(u.use) && !seen.has(u.slug) && seen.add(u.slug));
  if (candidates.length === 0 || candidates.some(agrees)) return null;
  const registered = new Set(ianaServices.map((name) => name.toLowerCase()));
  if (evidence.some((e) => evidenceNames(e).some((name) => registered.has(name.toLowerCase())))) return null;
  const score = (c: PortUse) =>
    1 + candidates.filter((o) => o.slug !== c.slug && names(o.use.role, c)).length + evidence.filter((e) => names(evidenceText(e), c)).length;
  const scores = new Map(candidates.map((c) => [c.slug, score(c)]));
  const ranked = [...candidates].sort(
    (a, b) =>
      scores.get(b.slug)! - scores.get(a.slug)! ||
      basisRank(a.use.basis) - basisRank(b.use.basis) ||
      Number(!a.primary) - Number(!b.primary) ||
      a.name.localeCompare(b.name, 'en'),
  );
  const [lead, ...rest] = ranked as [PortUse, ...PortUse[]];
  if (candidates.length >= 3 && scores.get(rest[0]!.slug) === scores.get(lead.slug)) return null;
  return { lead, label: headlineLabel(lead), others: rest.map((u) => u.name) };
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
