/** The "Copy for a ticket" line of a port page, in the formats people paste into tickets. Pure. */

export type TicketFormat = 'plain' | 'markdown' | 'jira';

export const TICKET_FORMATS: { value: TicketFormat; label: string }[] = [
  { value: 'plain', label: 'Plain text' },
  { value: 'markdown', label: 'Markdown' },
  { value: 'jira', label: 'Jira / Confluence' },
];

/**
 * @param format plain, markdown (CommonMark link) or jira (Jira/Confluence wiki markup link)
 * @param title the page title, e.g. "Port 3489: dtp-dia (TCP, UDP)"
 * @param summary the port's one-line summary (its meta description)
 * @param url the page's absolute URL
 * @returns one line: "summary url", "summary [title](url)" or "summary [title|url]"; brackets
 *   in the title are escaped for Markdown and replaced for Jira, which has no escape inside links
 */
export function ticketLine(format: TicketFormat, title: string, summary: string, url: string): string {
  if (format === 'markdown') return `${summary} [${title.replace(/([\\[\]])/g, '\\$1')}](${url})`;
  if (format === 'jira') return `${summary} [${title.replace(/[[\]|]/g, ' ')}|${url}]`;
  return `${summary} ${url}`;
}
