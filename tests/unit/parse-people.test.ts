import { describe, expect, it } from 'vitest';
import { parsePeopleXml, resolveParty } from '../../src/lib/registry/parse-people.ts';
import { MINI_XML, read, REAL_XML } from './helpers.ts';

describe('parsePeopleXml', () => {
  const people = parsePeopleXml(read(MINI_XML), MINI_XML);

  it('reads every <person> of the fixture', () => {
    expect(people.size).toBe(8);
    expect(people.get('IESG')).toEqual({ name: null, organization: 'IESG', uri: 'mailto:iesg&ietf.org' });
  });

  it('reads all 5,615 people of the real XML', () => {
    const real = parsePeopleXml(read(REAL_XML), REAL_XML);
    expect(real.size).toBe((read(REAL_XML).match(/<person id=/g) ?? []).length);
    expect(real.get('David_Walling_2')?.name).toBe('David Walling');
  });

  it('names file and line of malformed XML', () => {
    expect(() => parsePeopleXml('<registry>\n<people>\n<person id="a"><name>A</person>\n</people></registry>', 'bad.xml')).toThrow(
      /^bad\.xml:3: malformed XML/,
    );
  });

  it('refuses XML without a <people> section', () => {
    expect(() => parsePeopleXml('<registry><title>x</title></registry>', 'empty.xml')).toThrow('empty.xml: no <registry><people> section found');
  });
});

describe('resolveParty', () => {
  const people = parsePeopleXml(read(MINI_XML), MINI_XML);

  it('gives a name and only the domain of a mailto contact', () => {
    const party = resolveParty('David_Walling_2', people);
    expect(party).toEqual({ handle: 'David_Walling_2', name: 'David Walling', organization: null, domain: 'isoft.com', url: null, resolved: true });
    expect(JSON.stringify(party)).not.toContain('dwalling');
  });

  it('uses the organisation when there is no person name', () => {
    expect(resolveParty('IESG', people)).toMatchObject({ name: 'IESG', organization: 'IESG', domain: 'ietf.org' });
  });

  it('keeps an http contact URI as a URL', () => {
    expect(resolveParty('Predrag_Filipovic', people)).toMatchObject({ url: 'http://example.org/predrag', domain: null });
  });

  it('shows an unknown handle as its text with spaces', () => {
    expect(resolveParty('Unknown_Person', people)).toEqual({ handle: 'Unknown_Person', name: 'Unknown Person', organization: null, domain: null, url: null, resolved: false });
  });
});
