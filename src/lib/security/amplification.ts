/**
 * Reads content/amplification/ports.yaml: UDP ports abused for reflected, amplified DDoS and
 * their bandwidth amplification factors (source: US-CERT/CISA alert TA14-017A). Pure apart
 * from reading the file; no Astro imports.
 */
import { readFileSync } from 'node:fs';
import { amplificationFileSchema, type AmplificationEntry } from '../../schemas/amplification.ts';
import { InputError } from '../registry/input-error.ts';
import { parseYamlAs } from '../yaml-input.ts';

/** Where the data lives: content/amplification/ports.yaml, or PORT_ATLAS_AMPLIFICATION_FILE (tests). */
export const amplificationFile = (): string => process.env.PORT_ATLAS_AMPLIFICATION_FILE || 'content/amplification/ports.yaml';

/**
 * @param file path as the user should see it
 * @returns the entries, by port
 * @throws InputError naming file, line and field (`ports[2].factor`) on bad YAML or a schema
 *   violation, and naming the field for a port listed twice
 */
export function parseAmplificationFile(file: string, text: string): AmplificationEntry[] {
  const { ports } = parseYamlAs(file, text, amplificationFileSchema);
  const seen = new Set<number>();
  ports.forEach((entry, i) => {
    if (seen.has(entry.port)) throw new InputError(file, null, `ports[${i}].port`, `port ${entry.port} is listed twice`);
    seen.add(entry.port);
  });
  return [...ports].sort((a, b) => a.port - b.port);
}

/** Reads and parses the file (see parseAmplificationFile for errors). */
export const loadAmplification = (file: string = amplificationFile()): AmplificationEntry[] => parseAmplificationFile(file, readFileSync(file, 'utf8'));
