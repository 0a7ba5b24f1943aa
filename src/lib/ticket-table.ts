/**
 * The tables the triage tool copies for a ticket (Markdown, Jira wiki markup, CSV), escaped as
 * the ticket line is (src/lib/ticket-line.ts). Apart from it so that the script every page loads
 * does not carry it. Pure.
 */
import { jiraText, markdownText } from './ticket-line.ts';

/** A table cell: text, or text linked to an absolute URL. */
export type TicketCell = string | { text: string; url: string };

export type TableFormat = 'markdown' | 'jira' | 'csv';

/** An RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * @param format markdown (a GFM table), jira (Jira/Confluence wiki markup: ||head|| and |cell|)
 *   or csv (RFC 4180, CRLF line ends; a linked cell becomes its text, with the URL in a column
 *   of its own after it, headed "<column> link")
 * @param header column names
 * @param rows cells per row, as many as the header
 * @returns the table as text. Line breaks in a cell become spaces in Markdown and Jira, whose
 *   rows are single lines; a '|' in a Markdown cell is escaped, in a Jira cell replaced like
 *   link text, and link text is escaped as in ticketLine.
 */
export function ticketTable(format: TableFormat, header: string[], rows: TicketCell[][]): string {
  const flat = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');
  if (format === 'csv') {
    const linked = header.map((_, i) => rows.some((row) => typeof row[i] === 'object'));
    const head = header.flatMap((name, i) => (linked[i] ? [name, `${name} link`] : [name]));
    const body = rows.map((row) => row.flatMap((cell, i) => {
      const text = typeof cell === 'string' ? cell : cell.text;
      return linked[i] ? [text, typeof cell === 'string' ? '' : cell.url] : [text];
    }));
    return [head, ...body].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
  }
  if (format === 'markdown') {
    const cell = (c: TicketCell) => (typeof c === 'string' ? flat(c).replace(/([\\|])/g, '\\$1') : `[${markdownText(flat(c.text)).replace(/\|/g, '\\|')}](${c.url})`);
    return [`| ${header.map((h) => cell(h)).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n') + '\n';
  }
  // Jira: an empty cell needs a space, or the row's columns shift.
  const cell = (c: TicketCell) => (typeof c === 'string' ? jiraText(flat(c)) || ' ' : `[${jiraText(flat(c.text))}|${c.url}]`);
  return [`||${header.map((h) => jiraText(h)).join('||')}||`, ...rows.map((row) => `|${row.map(cell).join('|')}|`)].join('\n') + '\n';
}
