/**
 * IANA registry XML -> the `<people>` directory that resolves CSV handles. Pure.
 *
 * Source of the format: IANA, service-names-port-numbers.xml, `<registry><people><person
 * id="Handle"><name/><org/><uri/></person>` (see content/iana/SOURCE.md).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Party } from '../../schemas/port-record.ts';
import { InputError } from './input-error.ts';

export interface PersonEntry {
  name: string | null;
  organization: string | null;
  uri: string | null;
}

/** Handle (without brackets) -> what the XML says about that person or organisation. */
export type PeopleDirectory = ReadonlyMap<string, PersonEntry>;

/**
 * Reads the `<people>` section of the registry XML.
 *
 * @param text the whole XML file
 * @param file the path to name in errors
 * @returns handle -> name, organisation and contact URI (URIs as IANA writes them, with
 *   `&` standing for `@` in mailto addresses)
 * @throws InputError with the line and column of the first XML syntax error, or when the
 *   file has no `<people>` section
 */
export function parsePeopleXml(text: string, file: string): PeopleDirectory {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new InputError(file, valid.err.line, null, `malformed XML: ${valid.err.msg} (column ${valid.err.col})`);
  }
  const xml = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'person',
    parseTagValue: false,
    // The registry's 14,000 <record>s are not needed here; skipping them halves parse time.
    stopNodes: ['registry.record'],
  }).parse(text);
  const people = xml?.registry?.people?.person as
    | { id?: string; name?: string; org?: string; uri?: string }[]
    | undefined;
  if (!people) throw new InputError(file, null, null, 'no <registry><people> section found');

  const directory = new Map<string, PersonEntry>();
  for (const person of people) {
    if (!person.id) continue;
    directory.set(person.id, {
      name: text_(person.name),
      organization: text_(person.org),
      uri: text_(person.uri),
    });
  }
  return directory;
}

/**
 * @param text the whole registry XML
 * @returns the registry's own `<updated>` date (YYYY-MM-DD), or null when absent
 */
export function registryUpdated(text: string): string | null {
  const xml = new XMLParser({ parseTagValue: false, stopNodes: ['registry.record', 'registry.people'] }).parse(text);
  return text_(xml?.registry?.updated);
}

function text_(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Resolves a CSV handle to a party to show on a page.
 *
 * @param handle e.g. "David_Walling_2"
 * @param people the directory from parsePeopleXml (may be empty when the XML is missing)
 * @returns name, organisation and, for a mailto contact, only its domain ("isoft.com");
 *   an unknown handle becomes its own text with underscores as spaces, `resolved: false`
 */
export function resolveParty(handle: string, people: PeopleDirectory): Party {
  const entry = people.get(handle);
  if (!entry) {
    return { handle, name: handle.replace(/_/g, ' ').trim(), organization: null, domain: null, url: null, resolved: false };
  }
  const uri = entry.uri ?? '';
  // IANA obfuscates mailto addresses with "&" for "@".
  const mailto = /^mailto:[^&@\s]*[&@]([^&@\s?]+)/i.exec(uri);
  return {
    handle,
    name: entry.name ?? entry.organization ?? handle.replace(/_/g, ' ').trim(),
    organization: entry.organization,
    domain: mailto ? mailto[1]!.toLowerCase() : null,
    url: /^https?:\/\//i.test(uri) ? uri : null,
    resolved: true,
  };
}
