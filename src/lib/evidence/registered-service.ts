/**
 * Whether an evidence item (a Wireshark dissector, a firewalld service, a Debian /etc/services
 * entry) is the service IANA registered on its port, judged by name and by description. The
 * ghost badge (a verdict on the registration), the headline rule and the "opens it" commands
 * ask this: a dissector for the registered protocol shows the registrant's service runs; one
 * for another protocol only shows that the port is busy. Pure.
 */
import type { Evidence } from '../../schemas/evidence.ts';
import type { RegistryEntry } from '../../schemas/port-record.ts';
import { distinctiveWords } from '../software/practice.ts';

/** "H.323" -> "h323", "X.25" -> "x25": a dotted protocol number is one word, as the registry and the datasets spell it either way. */
const undot = (text: string): string => text.replace(/(?<=[A-Za-z0-9])\.(?=[0-9])/g, '');

/** Lower-case letters and digits only: "cisco-sccp" -> "ciscosccp". */
const squash = (text: string): string => undot(text).toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The acronyms a name can stand for: the first letters of its words ("GPRS Tunneling Protocol"
 * -> "gtp") and its capitals ("Multimedia Internet KEYing" -> "mikey"); only of three letters
 * or more.
 */
function acronyms(name: string): string[] {
  const words = undot(name).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const initials = words.map((w) => w[0]!).join('').toLowerCase();
  const capitals = words.map((w) => w.replace(/[^A-Z0-9]/g, '')).join('').toLowerCase();
  return [...new Set([initials, capitals])].filter((a) => a.length >= 3);
}

/** The names an evidence item gives the protocol: a dissector's filter, a firewalld service, an /etc/services name and its aliases. */
export const evidenceNames = (e: Evidence): string[] =>
  e.source === 'wireshark' ? [e.filter] : e.source === 'firewalld' ? [e.service] : [e.serviceName, ...e.aliases];

/** How an evidence item describes the protocol: a dissector's full name, a firewalld service's short description, an /etc/services comment. */
const evidenceDescription = (e: Evidence): string => (e.source === 'wireshark' ? e.name : e.source === 'firewalld' ? e.short : (e.comment ?? ''));

/** Two squashed names are one protocol's: equal, or one contains the other and both have 4+ characters ("hsrp" in "hsrpv6", "http" in "httpalt"). */
const sameName = (a: string, b: string): boolean => a === b || (a.length >= 4 && b.length >= 4 && (a.includes(b) || b.includes(a)));

/** Two words are one: equal, or one starts with the other and the shorter has 5+ letters ("switch", "switching"). */
const sameWord = (a: string, b: string): boolean => a === b || (Math.min(a.length, b.length) >= 5 && (a.startsWith(b) || b.startsWith(a)));

/**
 * Whether the evidence item is the registered service of one of the entries (their assigned
 * service names and descriptions):
 * - by name: an evidence name and a service name are the same once squashed, or one contains
 *   the other (4+ characters each): `ssh` and `ssh`, `l2tp` and `l2f`'s alias `l2tp`;
 * - by acronym: the evidence's description abbreviates to a service name or to a word of its
 *   description ("Skinny Client Control Protocol" -> SCCP, "Cisco SCCP"; "Multimedia
 *   Internet KEYing" -> MIKEY), or the registry's description abbreviates to an evidence name;
 * - by description: the two descriptions share two distinctive words ("Dynamic DNS Tools" and
 *   "Dynamic DNS Tools Protocol"), or one that carries a digit ("H.323 Gatestat" and
 *   "H323-MESSAGES" share h323).
 * Only assigned entries count: a reserved or de-assigned row registers no service.
 * @param e one evidence item on the port
 * @param entries the port's registry entries
 */
export function isRegisteredService(e: Evidence, entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName' | 'description'>[]): boolean {
  const assigned = entries.filter((entry) => entry.kind === 'assigned' && entry.serviceName);
  if (assigned.length === 0) return false;
  const names = evidenceNames(e).map(squash);
  const description = evidenceDescription(e);
  const theirAcronyms = acronyms(description);
  const theirWords = distinctiveWords(undot(`${description} ${evidenceNames(e).join(' ').replace(/[-_.]/g, ' ')}`));
  const theirText = squash(description);
  return assigned.some((entry) => {
    const service = squash(entry.serviceName!);
    if (names.some((name) => sameName(name, service))) return true;
    // "ff" for ff-fms, "epl" for epl-slp: a dissector named after the first part of the service name.
    const stem = entry.serviceName!.toLowerCase().split('-')[0]!;
    if (entry.serviceName!.includes('-') && stem.length >= 2 && names.includes(stem)) return true;
    // "PostgreSQL" for postgresql, "DirectPlay 8 protocol" for directplay8, "Cisco NetFlow/IPFIX" for ipfix.
    if (service.length >= 5 && theirText.includes(service)) return true;
    if (service.length >= 5 && theirWords.has(service)) return true;
    const ianaText = undot(`${entry.serviceName!.replace(/-/g, ' ')} ${entry.description}`);
    const ianaWords = distinctiveWords(ianaText);
    if (theirAcronyms.some((a) => a === service || ianaWords.has(a))) return true;
    if (acronyms(entry.description).some((a) => names.includes(a))) return true;
    // Capitalised words of the registry's description are acronyms (RMI, GPRS): one shared is enough.
    const capitals = new Set(undot(entry.description).match(/\b[A-Z][A-Z0-9]{2,}\b/g)?.map((w) => w.toLowerCase()) ?? []);
    const shared = [...ianaWords].filter((word) => [...theirWords].some((theirs) => sameWord(word, theirs)));
    return shared.length >= 2 || shared.some((word) => capitals.has(word) || (/\d/.test(word) && /[a-z]/.test(word)));
  });
}
