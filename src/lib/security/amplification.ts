/**
 * Reads content/amplification/ports.yaml: UDP protocols abused for reflected, amplified DDoS,
 * their ports and bandwidth amplification factors (source: US-CERT/CISA alert TA14-017A). Pure
 * apart from reading the file; no Astro imports.
 */
import { readFileSync } from 'node:fs';
import { amplificationFileSchema, type AmplificationEntry } from '../../schemas/amplification.ts';
import { InputError } from '../registry/input-error.ts';
import { parseYamlAs } from '../yaml-input.ts';

/** Where the data lives: content/amplification/ports.yaml, or PORT_ATLAS_AMPLIFICATION_FILE (tests). */
export const amplificationFile = (): string => process.env.PORT_ATLAS_AMPLIFICATION_FILE || 'content/amplification/ports.yaml';

/** Port order, then the protocol's name (CLDAP before LDAP on 389): the order pages and the API list them in. */
export const byPortThenProtocol = (a: AmplificationEntry, b: AmplificationEntry): number => a.port - b.port || a.protocol.localeCompare(b.protocol, 'en');

/**
 * @param file path as the user should see it
 * @returns the entries, one per protocol, by port and then protocol name; a port may have several
 * @throws InputError naming file, line and field (`ports[2].factor`) on bad YAML or a schema
 *   violation (including an entry with `ianaService: null` and no `portSource`), and naming the
 *   field for a protocol listed twice
 */
export function parseAmplificationFile(file: string, text: string): AmplificationEntry[] {
  const { ports } = parseYamlAs(file, text, amplificationFileSchema);
  const seen = new Set<string>();
  ports.forEach((entry, i) => {
    if (seen.has(entry.protocol)) throw new InputError(file, null, `ports[${i}].protocol`, `protocol ${entry.protocol} is listed twice`);
    seen.add(entry.protocol);
  });
  return [...ports].sort(byPortThenProtocol);
}

/** Reads and parses the file (see parseAmplificationFile for errors). */
export const loadAmplification = (file: string = amplificationFile()): AmplificationEntry[] => parseAmplificationFile(file, readFileSync(file, 'utf8'));
