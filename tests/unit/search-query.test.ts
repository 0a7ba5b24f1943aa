import { describe, expect, it } from 'vitest';
import { parsePortQuery } from '../../src/lib/search-query.ts';

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
