import { describe, expect, it } from 'vitest';
import { formatPortList, parsePortList } from '../../src/lib/port-list.ts';

describe('parsePortList', () => {
  it('reads ports and ranges', () => {
    expect([...parsePortList('22, 3480-3482,65535')]).toEqual([22, 3480, 3481, 3482, 65535]);
  });
  it.each(['70000', '10-5', 'ssh', '1-70000'])('refuses %j, naming it', (spec) => {
    expect(() => parsePortList(spec)).toThrow(`"${spec}" is not a port`);
  });
});

describe('formatPortList', () => {
  it('writes runs as ranges and single ports alone, ascending', () => {
    expect(formatPortList([65535, 3481, 22, 3480, 3482, 3480])).toBe('22,3480-3482,65535');
    expect(formatPortList([])).toBe('');
  });
  it('round-trips through parsePortList', () => {
    const ports = [0, 1, 2, 7, 9, 10, 11, 1023, 49151, 49152, 65535];
    expect([...parsePortList(formatPortList(ports))]).toEqual(ports);
  });
});
