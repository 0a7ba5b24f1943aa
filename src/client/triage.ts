/**
 * The triage tool's browser side (/tools/triage/): parses what the reader pasted
 * (src/lib/triage/detect.ts), explains each listening socket with /tools/triage/data.json
 * (annotate.ts), shows the rows attention first, every skipped line on request, and copies the
 * table (Markdown, Jira, CSV) or a permalink holding the rows (permalink.ts). Nothing the reader
 * pastes leaves the page; the data file is fetched once, when the page loads, so the tool also
 * works offline afterwards. Text from the listing is only ever set with textContent. Loaded by
 * src/client/site.ts on that page only.
 */
import { parseListing } from '../lib/triage/detect.ts';
import { annotateRows, type TriageRow } from '../lib/triage/annotate.ts';
import { TriageIndex, type TriageData } from '../lib/triage/data.ts';
import { processColumn, rowFlags, triageTable, usuallyText } from '../lib/triage/describe.ts';
import { FORMAT_LABELS, skipCounts, type FormatId, type ListenRow, type SkippedLine } from '../lib/triage/listing.ts';
import { decodePermalink, encodePermalink, PERMALINK_PREFIX } from '../lib/triage/permalink.ts';
import { portPath, TRIAGE_DATA_PATH } from '../lib/paths.ts';
import { copyButton, pageUrl } from './copy.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = element('a', text);
  a.href = href;
  return a;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A cell of the results' ARIA table. */
function cell(role: 'cell' | 'rowheader', ...content: (Node | string)[]): HTMLDivElement {
  const div = element('div');
  div.setAttribute('role', role);
  div.append(...content);
  return div;
}

/** One row of the results: port, protocol, scope, process, what the port usually is, flags and why. */
function tableRow(row: TriageRow): HTMLDivElement {
  const tr = element('div', undefined, row.attention === 0 ? 'grid-row attention' : 'grid-row');
  tr.setAttribute('role', 'row');
  const { processes, match } = processColumn(row);
  const process = cell('cell');
  if (processes) process.append(element('span', processes));
  if (match) process.append(element('span', match, `match match-${row.match!.kind}`));
  const flags = cell('cell');
  const list = element('ul', undefined, 'flags');
  for (const flag of rowFlags(row)) {
    const item = element('li', undefined, `flag flag-${flag.kind}`);
    item.append(flag.href ? link(flag.href, flag.text) : flag.text);
    list.append(item);
  }
  if (list.childElementCount) flags.append(list);
  if (row.reasons.length) flags.append(element('span', `${row.attention === 0 ? 'Look first: ' : ''}${row.reasons.join('; ')}`, 'why'));
  tr.append(cell('rowheader', link(portPath(row.port), String(row.port))), cell('cell', row.protocol?.toUpperCase() ?? 'not given'), cell('cell', row.scope.words), process, cell('cell', usuallyText(row)), flags);
  return tr;
}

/** The skipped lines in input order, each with its line number, the reason and its text. */
function skippedTable(skipped: readonly SkippedLine[]): HTMLTableElement {
  const table = element('table', undefined, 'skipped-lines');
  const head = element('thead');
  const headRow = element('tr');
  for (const name of ['Line', 'Why skipped', 'Text']) {
    const th = element('th', name);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody');
  for (const s of skipped) {
    const tr = element('tr');
    const text = element('td');
    text.append(element('code', s.text));
    tr.append(element('td', String(s.line)), element('td', s.reason), text);
    body.append(tr);
  }
  table.append(head, body);
  return table;
}

interface Shown {
  format: FormatId;
  lineCount: number;
  rows: ListenRow[];
  /** The skipped lines themselves; null for rows opened from a permalink (only the count travels). */
  skipped: SkippedLine[] | null;
  /** Whole lines skipped, blank ones apart (skipCounts): what a permalink carries. */
  skippedCount: number;
}

/** Sets up the form of /tools/triage/ (site.ts calls it there) and shows the rows of a permalink, if the page was opened with one. */
export async function startTriage(form: HTMLFormElement): Promise<void> {
  const results = document.querySelector<HTMLElement>('[data-triage-results]')!;
  const heading = results.querySelector<HTMLElement>('h2')!;
  const status = results.querySelector<HTMLElement>('[data-triage-status]')!;
  const skippedBox = results.querySelector<HTMLDetailsElement>('[data-triage-skipped]')!;
  const actions = results.querySelector<HTMLElement>('[data-triage-actions]')!;
  const body = results.querySelector<HTMLElement>('[data-triage-rows]')!;
  const textarea = form.querySelector<HTMLTextAreaElement>('textarea')!;
  const dataRequest = fetch(TRIAGE_DATA_PATH).then((response) => {
    if (!response.ok) throw new Error(`${TRIAGE_DATA_PATH}: HTTP ${response.status}`);
    return response.json() as Promise<TriageData>;
  });
  let index: TriageIndex | null = null;
  let annotated: TriageRow[] = [];
  let permalink = '';
  const origin = new URL(pageUrl()).origin;

  // Each accessible name starts with the button's own text (WCAG 2.5.3, label in name).
  actions.append(
    copyButton('Copy as Markdown', 'Copy as Markdown: the table', () => triageTable('markdown', annotated, origin), 'Table copied as Markdown'),
    copyButton('Copy as Jira', 'Copy as Jira wiki markup: the table', () => triageTable('jira', annotated, origin), 'Table copied as Jira wiki markup'),
    copyButton('Copy as CSV', 'Copy as CSV: the table', () => triageTable('csv', annotated, origin), 'Table copied as CSV'),
    copyButton('Copy permalink', 'Copy permalink: a link that shows these rows', () => permalink, 'Link to these rows copied'),
  );

  const show = async (shown: Shown): Promise<void> => {
    index ??= new TriageIndex(await dataRequest);
    annotated = annotateRows(shown.rows, index);
    let skippedWords = `${plural(shown.skippedCount, 'line')} of the original listing skipped (their text is not in the link)`;
    if (shown.skipped) {
      const counts = skipCounts({ rows: shown.rows, skipped: shown.skipped });
      skippedWords = `${plural(counts.lines, 'line')} skipped${counts.entries ? `, ${plural(counts.entries, 'entry', 'entries')} skipped on lines with rows` : ''}${counts.blank ? `, ${plural(counts.blank, 'blank line')}` : ''}`;
    }
    const first = annotated.filter((row) => row.attention === 0).length;
    status.textContent = `${shown.skipped ? '' : 'Rows from a shared link. '}${shown.format === 'unknown' ? 'No known format recognised' : FORMAT_LABELS[shown.format]}: ${plural(annotated.length, 'listening socket')}, ${skippedWords}.${first ? ` ${plural(first, 'row')} to look at first.` : ''}`;
    body.replaceChildren(...annotated.map(tableRow));
    results.querySelector<HTMLElement>('[data-triage-table]')!.hidden = annotated.length === 0;
    actions.hidden = annotated.length === 0;
    const skipped = shown.skipped ?? [];
    skippedBox.hidden = skipped.length === 0;
    if (skipped.length) {
      skippedBox.querySelector('summary')!.textContent = `Show the ${plural(skipped.length, 'skipped line')}`;
      skippedBox.querySelector('table')?.remove();
      skippedBox.append(skippedTable(skipped));
    }
    skippedBox.open = false;
    results.hidden = false;
    permalink = pageUrl() + (await encodePermalink({ format: shown.format, lineCount: shown.lineCount, skipped: shown.skippedCount, rows: shown.rows }));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const parsed = parseListing(textarea.value);
    try {
      await show({ format: parsed.format, lineCount: parsed.lineCount, rows: parsed.rows, skipped: parsed.skipped, skippedCount: skipCounts(parsed).lines });
    } catch (error) {
      results.hidden = false;
      status.textContent = `The port data could not be loaded (${(error as Error).message}): reload the page once you are online.`;
    }
    heading.focus();
  });
  // Ctrl+Enter (Cmd+Enter) in the text area submits, as in many paste boxes.
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.hidden = false;

  const openLink = async () => {
    if (!window.location.hash.startsWith(PERMALINK_PREFIX)) return;
    const shared = await decodePermalink(window.location.hash);
    if (!shared) {
      results.hidden = false;
      status.textContent = 'This link does not hold rows this tool can read (it may have been cut short).';
      return;
    }
    await show({ ...shared, skipped: null, skippedCount: shared.skipped });
  };
  window.addEventListener('hashchange', () => void openLink());
  await openLink();
}

