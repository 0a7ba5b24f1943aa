import { describe, expect, it } from 'vitest';
import { parsePortList } from '../../src/lib/port-list.ts';

describe('parsePortList', () => {
  it('reads ports and ranges', () => {
    expect([...parsePortList('22, 3480-3482,65535')]).toEqual([22, 3480, 3481, 3482, 65535]);
  });
  it.each(['70000', '10-5', 'ssh', '1-70000'])('refuses %j, naming it', (spec) => {
    expect(() => parsePortList(spec)).toThrow(`"${spec}" is not a port`);
  });
});
