import { describe, expect, it } from 'vitest';
import { claimsOn, compactFreePortData, findFreePorts, parseRange, RULES, toRuns, type Rule } from '../../src/lib/free-port.ts';

const data = compactFreePortData([1024, 1025, 1026, 2000], [
  { name: 'Alpha', start: 1030, end: 1030 },
  { name: 'Beta', start: 1030, end: 1040 },
  { name: 'Gamma', start: 40000, end: 40010 },
  { name: 'Delta', start: 20000, end: 20100 },
]);

/** The answer computed port by port, the obvious way. */
function bruteForce(start: number, end: number, rules: Set<Rule>): number[] {
  const taken = (port: number) =>
    (rules.has('iana') && [1024, 1025, 1026, 2000].includes(port)) ||
    (rules.has('practice') && ((port >= 1030 && port <= 1040) || (port >= 40000 && port <= 40010))) ||
    (rules.has('practice-ranges') && port >= 20000 && port <= 20100) ||
    (rules.has('linux-ephemeral') && port >= 32768 && port <= 60999) ||
    ((rules.has('windows-ephemeral') || rules.has('macos-ephemeral')) && port >= 49152) ||
    (rules.has('privileged') && port < 1024);
  return Array.from({ length: end - start + 1 }, (_, i) => start + i).filter((port) => !taken(port));
}

describe('free-port finder', () => {
  it('stores claimed ports as runs and product names once', () => {
    expect(toRuns([7, 1, 2, 3, 3])).toEqual([[1, 3], [7, 7]]);
    expect(data.iana).toEqual([[1024, 1026], [2000, 2000]]);
    expect(data.products).toEqual(['Alpha', 'Beta', 'Delta', 'Gamma']);
  });

  it('agrees with a port-by-port computation for every rule set', () => {
    const sets: Rule[][] = [[...RULES], [], ['iana'], ['practice', 'privileged'], ['practice-ranges'], ['linux-ephemeral'], ['windows-ephemeral', 'iana']];
    for (const rules of sets) {
      for (const [start, end] of [[0, 3000], [1000, 1100], [19000, 21000], [32000, 50000], [65000, 65535]] as const) {
        expect(findFreePorts(data, { start, end }, new Set(rules)).ports, `${rules} ${start}-${end}`).toEqual(bruteForce(start, end, new Set(rules)));
      }
    }
  });

  it('lists the longest free runs first', () => {
    const { runs } = findFreePorts(data, { start: 1020, end: 1045 }, new Set<Rule>(['iana', 'practice']));
    expect(runs).toEqual([{ start: 1020, end: 1023 }, { start: 1027, end: 1029 }, { start: 1041, end: 1045 }].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start));
  });

  it('gives every reason a port is not free', () => {
    expect(claimsOn(data, 1030, new Set(RULES))).toEqual([{ rule: 'practice', products: ['Alpha', 'Beta'] }]);
    expect(claimsOn(data, 20050, new Set(RULES))).toEqual([{ rule: 'practice-ranges', products: ['Delta'] }]);
    expect(claimsOn(data, 20050, new Set<Rule>(['practice']))).toEqual([]);
    expect(claimsOn(data, 50000, new Set(RULES)).map((c) => c.rule)).toEqual(['linux-ephemeral', 'windows-ephemeral', 'macos-ephemeral']);
    expect(claimsOn(data, 80, new Set<Rule>(['iana', 'privileged']))).toEqual([{ rule: 'privileged' }]);
    expect(claimsOn(data, 5000, new Set(RULES))).toEqual([]);
  });

  it('reads a range or a single port, and refuses anything else', () => {
    expect(parseRange('1024-49151')).toEqual({ start: 1024, end: 49151 });
    expect(parseRange(' 8000 ')).toEqual({ start: 8000, end: 8000 });
    expect(parseRange('9000–9100')).toEqual({ start: 9000, end: 9100 });
    for (const bad of ['', 'abc', '5-1', '1-70000', '-1']) expect(parseRange(bad), bad).toBeNull();
  });
});
