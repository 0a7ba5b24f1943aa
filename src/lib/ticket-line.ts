/** The "Copy for a ticket" line of a port page, in the formats people paste into tickets. Pure. */

export type TicketFormat = 'plain' | 'markdown' | 'jira';

export const TICKET_FORMATS: { value: TicketFormat; label: string }[] = [
  { value: 'plain', label: 'Plain text' },
  { value: 'markdown', label: 'Markdown' },
  { value: 'jira', label: 'Jira / Confluence' },
];

/** Link text for Markdown: brackets and backslashes escaped (CommonMark 6.3). */
export const markdownText = (text: string): string => text.replace(/([\\[\]])/g, '\\$1');
/** Link text for Jira wiki markup, which has no escape inside [text|url]: brackets and bars become spaces. */
export const jiraText = (text: string): string => text.replace(/[[\]|]/g, ' ');

/**
 * @param format plain, markdown (CommonMark link) or jira (Jira/Confluence wiki markup link)
 * @param title the page title, e.g. "Port 3489: dtp-dia (TCP, UDP)"
 * @param summary the port's one-line summary (its meta description)
 * @param url the page's absolute URL
 * @returns one line: "summary url", "summary [title](url)" or "summary [title|url]"; brackets
 *   in the title are escaped for Markdown and replaced for Jira, which has no escape inside links
 */
export function ticketLine(format: TicketFormat, title: string, summary: string, url: string): string {
  if (format === 'markdown') return `${summary} [${markdownText(title)}](${url})`;
  if (format === 'jira') return `${summary} [${jiraText(title)}|${url}]`;
  return `${summary} ${url}`;
}
