import { describe, expect, it } from 'vitest';
import { ticketLine } from '../../src/lib/ticket-line.ts';

describe('ticket line', () => {
  const url = 'https://ports.example.org/ports/3489/';
  it('gives the summary and link in plain text, Markdown and Jira wiki markup', () => {
    expect(ticketLine('plain', 'Port 3489: dtp-dia (TCP, UDP)', 'Port 3489 is a registered port.', url)).toBe(`Port 3489 is a registered port. ${url}`);
    expect(ticketLine('markdown', 'Port 3489: dtp-dia (TCP, UDP)', 'S.', url)).toBe(`S. [Port 3489: dtp-dia (TCP, UDP)](${url})`);
    expect(ticketLine('jira', 'Port 3489: dtp-dia (TCP, UDP)', 'S.', url)).toBe(`S. [Port 3489: dtp-dia (TCP, UDP)|${url}]`);
  });
  it('keeps brackets in a title from breaking the link', () => {
    expect(ticketLine('markdown', 'Port 1: a [b]', 'S.', url)).toBe(`S. [Port 1: a \\[b\\]](${url})`);
    expect(ticketLine('jira', 'Port 1: a [b|c]', 'S.', url)).toBe(`S. [Port 1: a  b c |${url}]`);
  });
});
