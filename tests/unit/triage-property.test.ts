/**
 * Property tests of the triage parsers (fast-check): random text, and the real fixtures mangled
 * (lines dropped, duplicated, cut, swapped, characters inserted, formats mixed), never make a
 * parser throw; every input line ends up in a row or in the skipped list; every row is a port
 * 0-65535 on a line of the input; and no line with a connection state becomes a listener.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseListing } from '../../src/lib/triage/detect.ts';
import { splitLines, type FormatId } from '../../src/lib/triage/listing.ts';

const DIR = 'tests/fixtures/triage';
const FIXTURES = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(DIR, d.name)).filter((f) => /\.(txt|xml)$/.test(f)).map((f) => readFileSync(join(DIR, d.name, f), 'utf8')));
const FORMATS: FormatId[] = ['ss', 'netstat-linux', 'lsof', 'netstat-macos', 'netstat-windows', 'powershell', 'nmap-normal', 'nmap-grepable', 'nmap-xml', 'plain'];
/** A connection's state as a whole word, in any format's spelling ("<->" is ss's shutdown mark, not a connection). */
const CONNECTION = /\b(ESTAB|ESTABLISHED|TIME[-_]WAIT|CLOSE[-_]WAIT|SYN[-_]SENT|SYN[-_]RECV|FIN[-_]WAIT[-_]?[12]|LAST[-_]ACK|Established|TimeWait|CloseWait)\b/;

/** The invariants every parse must keep, whatever the input. */
function checkInvariants(text: string, format?: FormatId): void {
  const lines = splitLines(text);
  const parsed = parseListing(text, format);
  expect(parsed.lineCount).toBe(lines.length);
  const seen = new Set<number>();
  for (const row of parsed.rows) {
    expect(Number.isInteger(row.port) && row.port >= 0 && row.port <= 65535).toBe(true);
    expect(row.lines.length).toBeGreaterThan(0);
    for (const n of row.lines) {
      expect(n >= 1 && n <= lines.length).toBe(true);
      seen.add(n);
      // A row's line never shows a connection, unless the line also names LISTEN(ING) (a mangled line may hold both).
      if (CONNECTION.test(lines[n - 1]!)) expect(lines[n - 1]).toMatch(/LISTEN|Listen|UNCONN|open/);
    }
  }
  for (const s of parsed.skipped) {
    expect(s.line >= 1 && s.line <= lines.length).toBe(true);
    expect(s.reason.length).toBeGreaterThan(0);
    seen.add(s.line);
  }
  expect(seen.size).toBe(lines.length);
}

/** A fixture mangled by a few random edits of its lines. */
const mangled = fc
  .tuple(
    fc.constantFrom(...FIXTURES),
    fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
        fc.record({ op: fc.constant('dup' as const), at: fc.nat() }),
        fc.record({ op: fc.constant('cut' as const), at: fc.nat(), keep: fc.nat({ max: 80 }) }),
        fc.record({ op: fc.constant('insert' as const), at: fc.nat(), pos: fc.nat({ max: 120 }), text: fc.string({ maxLength: 8 }) }),
        fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
        fc.record({ op: fc.constant('mix' as const), at: fc.nat(), from: fc.constantFrom(...FIXTURES), line: fc.nat() }),
        fc.record({ op: fc.constant('tokens' as const), at: fc.nat() }),
      ),
      { maxLength: 12 },
    ),
    fc.boolean(),
  )
  .map(([text, edits, crlf]) => {
    const lines = splitLines(text);
    for (const edit of edits) {
      if (lines.length === 0) lines.push('');
      const at = edit.at % lines.length;
      if (edit.op === 'drop') lines.splice(at, 1);
      else if (edit.op === 'dup') lines.splice(at, 0, lines[at]!);
      else if (edit.op === 'cut') lines[at] = lines[at]!.slice(0, edit.keep);
      else if (edit.op === 'insert') lines[at] = lines[at]!.slice(0, edit.pos) + edit.text + lines[at]!.slice(edit.pos);
      else if (edit.op === 'swap') [lines[at], lines[edit.with % lines.length]] = [lines[edit.with % lines.length]!, lines[at]!];
      else if (edit.op === 'mix') {
        const other = splitLines(edit.from);
        lines.splice(at, 0, other[edit.line % Math.max(other.length, 1)] ?? '');
      } else lines[at] = lines[at]!.split(/(\s+)/).reverse().join('');
    }
    return lines.join(crlf ? '\r\n' : '\n');
  });

describe('triage parsers on random and mangled listings', () => {
  it('keep their invariants on mangled fixtures, whatever format is detected', () => {
    fc.assert(fc.property(mangled, (text) => checkInvariants(text)), { numRuns: 400 });
  });
  it('keep their invariants when a mangled listing is forced through every parser', () => {
    fc.assert(fc.property(mangled, fc.constantFrom(...FORMATS), (text, format) => checkInvariants(text, format)), { numRuns: 400 });
  });
  it('keep their invariants on random text, line breaks and ports', () => {
    const token = fc.oneof(fc.string({ maxLength: 12 }), fc.nat({ max: 70000 }).map(String), fc.constantFrom('LISTEN', 'UNCONN', 'ESTAB', 'TCP', 'UDP', 'tcp', 'udp6', '*:*', '[::]:22', '0.0.0.0:80', '<port ', '/open/tcp//', 'users:(("x",pid=1,fd=3))', '\t', ', ', '-'));
    const line = fc.array(token, { maxLength: 12 }).map((tokens) => tokens.join(' '));
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), fc.option(fc.constantFrom(...FORMATS), { nil: undefined }), (lines, format) => checkInvariants(lines.join('\n'), format)), { numRuns: 500 });
  });
});
