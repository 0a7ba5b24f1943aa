import { describe, expect, it } from 'vitest';
import { parsePortQuery, promoteExactNames } from '../../src/lib/search-query.ts';

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

describe('promoteExactNames', () => {
  it('puts the product whose name is the query first, keeping the rest in order', () => {
    const results = ['Prometheus Node Exporter (software)', 'Port 9090: websm', 'Prometheus (software)', 'Prometheus Pushgateway (software)'].map((title) => ({ url: '/software/x/', meta: { title } }));
    expect(promoteExactNames(results, ' prometheus ').map((r) => r.meta.title)).toEqual([
      'Prometheus (software)',
      'Prometheus Node Exporter (software)',
      'Port 9090: websm',
      'Prometheus Pushgateway (software)',
    ]);
    expect(promoteExactNames(results, 'node').map((r) => r.meta.title)).toEqual(results.map((r) => r.meta.title));
  });

  it('puts the port whose IANA service name is the query first', () => {
    const results = [
      { url: '/software/openssh/', meta: { title: 'OpenSSH (software)' } },
      { url: '/notes/port-22/', meta: { title: 'Port 22: SSH' } },
      { url: '/ports/830/', meta: { title: 'Port 830: netconf-ssh' } },
      { url: '/ports/22/', meta: { title: 'Port 22: ssh · Dropbear SSH, OpenSSH and Gitea' } },
    ];
    expect(promoteExactNames(results, 'SSH').map((r) => r.url)).toEqual(['/ports/22/', '/software/openssh/', '/notes/port-22/', '/ports/830/']);
  });
});
