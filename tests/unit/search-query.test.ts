import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nameMatch, NAME_MATCH, parsePortQuery, promoteNameMatches } from '../../src/lib/search-query.ts';

describe('parsePortQuery', () => {
  it.each([
    ['3489', { port: 3489, protocol: null }],
    [' 3489/udp ', { port: 3489, protocol: 'udp' }],
    ['3489/UDP', { port: 3489, protocol: 'udp' }],
    ['port 22', { port: 22, protocol: null }],
    [':443', { port: 443, protocol: null }],
    ['0', { port: 0, protocol: null }],
    ['65535', { port: 65535, protocol: null }],
    ['3489/', { port: 3489, protocol: null }],
    ['3489/u', { port: 3489, protocol: null }],
    ['3489/ud', { port: 3489, protocol: null }],
  ])('reads %j as a port', (query, expected) => expect(parsePortQuery(query)).toEqual(expected));

  it.each(['65536', 'ssh', '22 ssh', '3489/icmp', '3489/x', '', '12345678', '-1'])('leaves %j to the search index', (query) => {
    expect(parsePortQuery(query)).toBeNull();
  });
});

/**
 * A product page's search result as the index returns it: title, aliases and vendor metadata
 * (src/pages/software/[slug].astro), read straight from its file in content/software/.
 */
function productResult(slug: string) {
  const file = parse(readFileSync(`content/software/${slug}.yaml`, 'utf8')) as { name: string; aliases?: string[]; vendor?: string };
  const meta: { title: string; aliases?: string; vendor?: string } = { title: `${file.name} (software)` };
  if (file.aliases?.length) meta.aliases = file.aliases.join(', ');
  if (file.vendor) meta.vendor = file.vendor;
  return { url: `/software/${slug}/`, meta };
}
const portResult = (port: number, title: string) => ({ url: `/ports/${port}/`, meta: { title: `Port ${port}: ${title}` } });
const urls = (results: { url: string }[]) => results.map((result) => result.url);

describe('nameMatch', () => {
  it('tells an exact name, an alias, first words, a vendor and a bare prefix apart', () => {
    const postgresql = productResult('postgresql');
    expect(postgresql.meta.title).toBe('PostgreSQL (software)');
    expect(postgresql.meta.aliases?.split(', ')).toContain('postgres');
    expect(nameMatch(postgresql, ' PostgreSQL ')).toBe(NAME_MATCH.exact);
    expect(nameMatch(postgresql, 'postgres')).toBe(NAME_MATCH.alias);
    expect(nameMatch(postgresql, 'postgre')).toBe(NAME_MATCH.prefix);
    expect(nameMatch(postgresql, 'sql')).toBeNull();
    const weblogic = productResult('oracle-weblogic-server');
    expect(weblogic.meta.title).toBe('Oracle WebLogic Server (software)');
    expect(nameMatch(weblogic, 'oracle')).toBe(NAME_MATCH.firstWords);
    expect(nameMatch(weblogic, 'oracle weblogic')).toBe(NAME_MATCH.firstWords);
    expect(nameMatch(weblogic, 'weblogic')).toBe(NAME_MATCH.alias);
    const winbox = { url: '/software/winbox/', meta: { title: 'Winbox (software)', vendor: 'MikroTik' } };
    expect(nameMatch(winbox, 'mikrotik')).toBe(NAME_MATCH.firstWords);
    expect(nameMatch(winbox, 'mikro')).toBe(NAME_MATCH.prefix);
  });

  it('matches port pages by their IANA service name only, and never notes', () => {
    expect(nameMatch(portResult(22, 'ssh · Dropbear SSH, OpenSSH and Gitea'), 'SSH')).toBe(NAME_MATCH.exact);
    expect(nameMatch(portResult(22, 'ssh · Dropbear SSH, OpenSSH and Gitea'), 'openssh')).toBeNull();
    expect(nameMatch(portResult(830, 'netconf-ssh'), 'netconf')).toBeNull();
    expect(nameMatch({ url: '/notes/port-22/', meta: { title: 'Port 22: SSH' } }, 'ssh')).toBeNull();
    expect(nameMatch(productResult('openssh'), '')).toBeNull();
  });
});

describe('promoteNameMatches', () => {
  it('puts the product whose name is the query first, then those it begins, keeping the rest in order', () => {
    const results = ['Prometheus Node Exporter (software)', 'Port 9090: websm', 'Prometheus (software)', 'Prometheus Pushgateway (software)'].map((title) => ({ url: '/software/x/', meta: { title } }));
    expect(promoteNameMatches(results, ' prometheus ').map((r) => r.meta.title)).toEqual([
      'Prometheus (software)',
      'Prometheus Node Exporter (software)',
      'Prometheus Pushgateway (software)',
      'Port 9090: websm',
    ]);
    expect(promoteNameMatches(results, 'node').map((r) => r.meta.title)).toEqual(results.map((r) => r.meta.title));
  });

  it('puts the port whose IANA service name is the query first, before a product with that alias', () => {
    const openssh = productResult('openssh');
    expect(openssh.meta.aliases?.split(', ')).toContain('SSH');
    const results = [openssh, { url: '/notes/port-22/', meta: { title: 'Port 22: SSH' } }, portResult(830, 'netconf-ssh'), portResult(22, 'ssh · Dropbear SSH, OpenSSH and Gitea')];
    expect(urls(promoteNameMatches(results, 'SSH'))).toEqual(['/ports/22/', '/software/openssh/', '/notes/port-22/', '/ports/830/']);
  });

  // The index's order for "oracle" before this function (measured on a full build): three
  // pages that mention Oracle, then Oracle Database (alias "oracle") and Oracle WebLogic Server.
  it('finds Oracle Database first for "oracle", its alias, and Oracle products next', () => {
    const database = productResult('oracle-database');
    expect(database.meta.aliases?.split(', ')).toContain('oracle');
    const results = [portResult(1630, 'oraclenet8cman · Oracle Database'), portResult(7443, 'oracleas-https'), portResult(1575, 'oraclenames'), database, productResult('oracle-weblogic-server'), portResult(1159, 'oracle-oms')];
    expect(urls(promoteNameMatches(results, 'oracle'))).toEqual(['/software/oracle-database/', '/software/oracle-weblogic-server/', '/ports/1630/', '/ports/7443/', '/ports/1575/', '/ports/1159/']);
  });

  it('lets a bare prefix move products up only when nothing matches whole words', () => {
    const results = [portResult(5432, 'postgresql · CrateDB and PostgreSQL'), { url: '/notes/port-5432/', meta: { title: 'Port 5432: PostgreSQL' } }, productResult('postgrest'), productResult('postgresql')];
    // "postgres" is PostgreSQL's alias; PostgREST only starts with it, so port 5432 stays above PostgREST.
    expect(urls(promoteNameMatches(results, 'postgres'))).toEqual(['/software/postgresql/', '/ports/5432/', '/notes/port-5432/', '/software/postgrest/']);
    // While "postgre" is being typed, both products start with it: they go first, in the index's order.
    expect(urls(promoteNameMatches(results, 'postgre'))).toEqual(['/software/postgrest/', '/software/postgresql/', '/ports/5432/', '/notes/port-5432/']);
  });

  it('puts a promoted product\'s main port right after it, when the index returned that port', () => {
    // The index's order for "airplay" (measured on a full build): pages that mention AirPlay, then port 7000.
    const results = [
      { url: '/software/apple-airplay/', meta: { title: 'Apple AirPlay (software)', aliases: 'AirTunes, AirPlay 2', port: '7000' } },
      { url: '/ports/7011/', meta: { title: 'Port 7011: UxPlay AirPlay timing' } },
      { url: '/ports/3689/', meta: { title: 'Port 3689: daap' } },
      { url: '/software/uxplay/', meta: { title: 'UxPlay (software)', port: '7000' } },
      { url: '/ports/7000/', meta: { title: 'Port 7000: afs3-fileserver' } },
    ];
    expect(urls(promoteNameMatches(results, 'airplay'))).toEqual(['/software/apple-airplay/', '/ports/7000/', '/ports/7011/', '/ports/3689/', '/software/uxplay/']);
    // A product whose main port the index did not return moves nothing...
    expect(urls(promoteNameMatches(results.slice(0, 4), 'airplay'))).toEqual(['/software/apple-airplay/', '/ports/7011/', '/ports/3689/', '/software/uxplay/']);
    // ...unless the caller makes a link to it (the search box does), once.
    const link = (port: number) => ({ url: `/ports/${port}/`, meta: { title: `Port ${port}` } });
    expect(urls(promoteNameMatches(results.slice(0, 4), 'airplay', link))).toEqual(['/software/apple-airplay/', '/ports/7000/', '/ports/7011/', '/ports/3689/', '/software/uxplay/']);
  });

  it('puts a vendor\'s products first for the vendor\'s name', () => {
    const results = [portResult(4191, 'dsmipv6'), { url: '/software/winbox/', meta: { title: 'Winbox (software)', vendor: 'MikroTik' } }, { url: '/software/routeros/', meta: { title: 'RouterOS (software)', aliases: 'mikrotik routeros', vendor: 'MikroTik' } }];
    expect(urls(promoteNameMatches(results, 'MikroTik'))).toEqual(['/software/winbox/', '/software/routeros/', '/ports/4191/']);
  });
});
