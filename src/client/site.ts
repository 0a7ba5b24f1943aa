/**
 * The only script the site ships. Reading a page needs none of it; it adds:
 * - search: a port number (+ Enter) jumps to its page with no index lookup; other text
 *   queries Pagefind, which is loaded on first use only;
 * - OS tabs over the per-OS command blocks, remembering the reader's choice;
 * - copy buttons on command snippets and section links, and "Copy for a ticket" on port pages;
 * - "/" focuses the search box; the 404 page forwards short URLs (/3489, /3489/udp);
 * - on /tools/triage/ only, loads the triage tool (src/client/triage.ts) as a chunk of its own,
 *   which shares this script's copy buttons (src/client/copy.ts) instead of a copy of them.
 * Text from the reader or the index is only ever set with textContent, never as HTML.
 */
import { NAME_MATCH, nameMatch, parsePortQuery, promoteNameMatches, SOFTWARE_TITLE_SUFFIX, type NamedResult } from '../lib/search-query.ts';
import { portPath } from '../lib/paths.ts';
import { SECTION_LINK_SELECTOR } from '../lib/section-link.ts';
import { TICKET_FORMATS, ticketLine, type TicketFormat } from '../lib/ticket-line.ts';
import { copyButton, pageUrl } from './copy.ts';

const OS_STORAGE_KEY = 'port-atlas:os';
const TICKET_STORAGE_KEY = 'port-atlas:ticket-format';
const MAX_RESULTS = 8;
/** Product pages beyond the first results fetched when none of those is named by the query (searchIndex). */
const PRODUCTS_CHECKED = 2;

interface PagefindResultData extends NamedResult {
  meta: NamedResult['meta'] & { summary?: string };
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string> }): Promise<{ results: { id: string; data(): Promise<PagefindResultData> }[] }>;
}

let pagefind: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  // A variable URL keeps Vite from bundling the index's loader, which exists only in dist.
  const url = '/pagefind/pagefind.js';
  pagefind ??= import(/* @vite-ignore */ url).then(async (module: Pagefind) => {
    // Boilerplate is kept out of the index (scripts/build-search-index.ts), so page length
    // says little; without this, a port with a long note ranked below ports that merely
    // contain the term once (ssh: 830 netconf-ssh above 22).
    // noWorker: Pagefind 1.6 would also download pagefind-worker.js (43 KB, ~12 KB gzip) to
    // search off the main thread; over ~7,500 pages a search takes milliseconds either way.
    await module.options({ noWorker: true, excerptLength: 0, ranking: { pageLength: 0 } });
    return module;
  });
  return pagefind;
}

let latestSearch = 0;

/** A link to a promoted product's main port page when the index did not return that page (promoteNameMatches). */
const mainPortResult = (port: number, product: PagefindResultData): PagefindResultData => ({
  url: portPath(port),
  meta: { title: `Port ${port}`, summary: `The main port of ${(product.meta.title ?? '').replace(SOFTWARE_TITLE_SUFFIX, '')}` },
});

/**
 * Query -> up to `limit` results with title and summary, best match first; null when a
 * newer query started meanwhile. No debounce: a search over cached index chunks takes
 * milliseconds, and stale answers are simply dropped.
 */
async function searchIndex(query: string, limit: number): Promise<PagefindResultData[] | null> {
  const id = ++latestSearch;
  const search = await (await loadPagefind()).search(query);
  if (id !== latestSearch) return null;
  const results = await Promise.all(search.results.slice(0, limit).map((result) => result.data()));
  if (id !== latestSearch) return null;
  // A product named by the query can rank below pages that repeat its name in their headings
  // ("prometheus": 9th, under exporters' ports): when none of the results is named by the query,
  // ask for the best product pages (kind:software, src/pages/software/[slug].astro) as well.
  if (!results.some((result) => (nameMatch(result, query) ?? NAME_MATCH.prefix) < NAME_MATCH.firstWords)) {
    const loaded = new Set(search.results.slice(0, limit).map((result) => result.id));
    const products = await (await loadPagefind()).search(query, { filters: { kind: 'software' } });
    const unseen = products.results.filter((result) => !loaded.has(result.id)).slice(0, PRODUCTS_CHECKED);
    const extra = await Promise.all(unseen.map((result) => result.data()));
    if (id !== latestSearch) return null;
    const named = extra.filter((result) => (nameMatch(result, query) ?? NAME_MATCH.prefix) < NAME_MATCH.firstWords);
    results.push(...named);
  }
  return promoteNameMatches(results, query, mainPortResult).slice(0, limit);
}

function renderResults(list: HTMLElement, results: PagefindResultData[], query: string): void {
  list.replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = result.url;
      const title = document.createElement('strong');
      title.textContent = result.meta.title ?? result.url;
      link.append(title);
      if (result.meta.summary) {
        const summary = document.createElement('span');
        summary.textContent = result.meta.summary;
        link.append(summary);
      }
      item.append(link);
      return item;
    }),
  );
  if (results.length === 0) {
    const item = document.createElement('li');
    item.className = 'no-results';
    item.textContent = `No port, product or note matches “${query}”.`;
    list.append(item);
  }
}

function jumpTarget(query: string): string | null {
  const parsed = parsePortQuery(query);
  if (!parsed) return null;
  return portPath(parsed.port) + (parsed.protocol ? `#${parsed.protocol}` : '');
}

function setUpSearch(form: HTMLFormElement): void {
  const input = form.querySelector('input')!;
  // Only this script fills the result list and the live region, so it makes them: 65,536 port
  // pages need not carry them (issue 24). The region exists before its first announcement.
  const status = document.createElement('p');
  status.id = 'search-status';
  status.className = 'visually-hidden';
  status.setAttribute('aria-live', 'polite');
  const list = document.createElement('ul');
  list.className = 'search-results';
  list.dataset.searchResults = '';
  list.hidden = true;
  form.append(status, list);
  input.setAttribute('aria-describedby', status.id);
  const showJump = (query: string, target: string) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = target;
    link.textContent = `Go to port ${query.trim()}`;
    item.append(link);
    list.replaceChildren(item);
    list.hidden = false;
  };

  form.addEventListener('submit', (event) => {
    const target = jumpTarget(input.value);
    if (target) {
      event.preventDefault();
      window.location.assign(target);
    } else if (input.value.trim() === '') {
      event.preventDefault();
    }
  });

  input.addEventListener('input', async () => {
    const query = input.value;
    if (query.trim() === '') {
      list.hidden = true;
      list.replaceChildren();
      return;
    }
    const target = jumpTarget(query);
    if (target) return showJump(query, target);
    const results = await searchIndex(query, MAX_RESULTS);
    if (results === null || input.value !== query) return;
    renderResults(list, results, query);
    list.hidden = false;
    status.textContent = `${results.length} result${results.length === 1 ? '' : 's'}`;
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') list.hidden = true;
  });
}

/** /search/?q=...: the full result list for a query submitted without a jump. */
async function setUpSearchPage(container: HTMLElement): Promise<void> {
  const query = new URLSearchParams(window.location.search).get('q') ?? '';
  const input = document.querySelector<HTMLInputElement>('#search-input');
  if (input) input.value = query;
  const heading = container.querySelector('[data-search-heading]');
  const list = container.querySelector<HTMLElement>('[data-search-page-results]')!;
  if (query.trim() === '') return;
  const target = jumpTarget(query);
  if (target) return window.location.replace(target);
  if (heading) heading.textContent = `Results for “${query}”`;
  const results = await searchIndex(query, 50);
  if (results) renderResults(list, results, query);
}

function setUpOsTabs(container: HTMLElement): void {
  const blocks = [...container.querySelectorAll<HTMLElement>(':scope > section')];
  if (blocks.length === 0) return;
  const tablist = document.createElement('div');
  tablist.setAttribute('role', 'tablist');
  tablist.setAttribute('aria-label', 'Operating system');
  tablist.className = 'os-tabs';
  const tabs = blocks.map((block) => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.id = `tab-${block.id}`;
    tab.setAttribute('aria-controls', block.id);
    tab.textContent = block.querySelector('h3')?.firstChild?.textContent?.trim() || block.id;
    tab.addEventListener('click', () => select(block.id, true));
    tablist.append(tab);
    block.setAttribute('role', 'tabpanel');
    block.setAttribute('aria-labelledby', tab.id);
    return tab;
  });
  const copyOsLink = copyButton('Copy link', 'Copy link to these commands', () => pageUrl(tabs.find((tab) => tab.getAttribute('aria-selected') === 'true')?.getAttribute('aria-controls') ?? ''), 'Link copied');
  copyOsLink.classList.add('copy-link', 'os-link');
  container.before(tablist, copyOsLink);
  container.classList.add('tabbed');
  // Each block's heading is visually hidden behind its tab: keep its # link out of the tab order.
  for (const anchor of container.querySelectorAll<HTMLElement>(`:scope > section > h3 ${SECTION_LINK_SELECTOR}`)) anchor.tabIndex = -1;

  function select(os: string, remember: boolean): void {
    blocks.forEach((block, i) => {
      const selected = block.id === os;
      block.hidden = !selected;
      tabs[i]!.setAttribute('aria-selected', String(selected));
      tabs[i]!.tabIndex = selected ? 0 : -1;
    });
    if (remember) {
      try {
        localStorage.setItem(OS_STORAGE_KEY, os);
      } catch {
        // Storage may be disabled; the choice then lasts for this page only.
      }
    }
  }

  tablist.addEventListener('keydown', (event) => {
    const current = tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = (current + step + tabs.length) % tabs.length;
    select(blocks[next]!.id, true);
    tabs[next]!.focus();
    event.preventDefault();
  });

  const ids = blocks.map((block) => block.id);
  const fromHash = window.location.hash.slice(1);
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(OS_STORAGE_KEY);
  } catch {
    stored = null;
  }
  const guess = /Win/.test(navigator.userAgent) ? 'windows' : /Mac/.test(navigator.userAgent) ? 'macos' : 'linux';
  // A link to #windows shows Windows without changing the remembered choice.
  if (ids.includes(fromHash)) select(fromHash, false);
  else select(stored && ids.includes(stored) ? stored : guess, false);
  window.addEventListener('hashchange', () => {
    const os = window.location.hash.slice(1);
    if (ids.includes(os)) select(os, false);
  });
}

function addCopyButtons(): void {
  for (const pre of document.querySelectorAll<HTMLElement>('figure > pre')) {
    pre.after(copyButton('Copy', `Copy command: ${pre.textContent ?? ''}`, () => pre.textContent ?? '', 'Command copied'));
  }
  // Not in the hidden headings of tabbed OS blocks: their tab list has its own "Copy link".
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>(`${SECTION_LINK_SELECTOR}:not(.os-blocks.tabbed > section > h3 a)`)) {
    const id = anchor.hash.slice(1);
    const button = copyButton('Copy link', 'Copy link to this section', () => pageUrl(id), 'Link copied');
    button.classList.add('copy-link');
    anchor.after(button);
  }
}

/** "Copy for a ticket" under a port page's summary; the chosen format is remembered. */
function setUpTicketCopy(summary: HTMLElement): void {
  const title = document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content ?? document.title;
  const description = document.querySelector<HTMLMetaElement>('meta[name=description]')?.content ?? '';
  const wrapper = document.createElement('div');
  wrapper.className = 'ticket';
  const select = document.createElement('select');
  select.id = 'ticket-format';
  const label = document.createElement('label');
  label.htmlFor = select.id;
  label.textContent = 'Copy for a ticket as';
  for (const { value, label: text } of TICKET_FORMATS) select.append(new Option(text, value));
  try {
    const stored = localStorage.getItem(TICKET_STORAGE_KEY);
    if (TICKET_FORMATS.some((f) => f.value === stored)) select.value = stored!;
  } catch {
    // Storage may be disabled: plain text is the default.
  }
  select.addEventListener('change', () => {
    try {
      localStorage.setItem(TICKET_STORAGE_KEY, select.value);
    } catch {
      // The choice then lasts for this page only.
    }
  });
  const button = copyButton('Copy', 'Copy this port\'s summary and link for a ticket', () => ticketLine(select.value as TicketFormat, title, description, pageUrl()), 'Summary and link copied');
  wrapper.append(label, select, button);
  summary.after(wrapper);
}

/** "/" focuses the search box, as on many reference sites, unless the reader is typing. */
function setUpSlashShortcut(): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    const input = document.querySelector<HTMLInputElement>('#search-input');
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

/**
 * On the 404 page: /3489, /3489/udp and /ports/3489/udp are short URLs for a port page and
 * its protocol section; forward them (hosts without redirect rules serve this page).
 */
function forwardShortUrl(): void {
  const match = /^\/(?:ports\/)?(\d{1,5})(?:\/(tcp|udp|sctp|dccp))?\/?$/i.exec(window.location.pathname);
  if (!match || Number(match[1]) > 65535) return;
  window.location.replace(portPath(Number(match[1])) + (match[2] ? `#${match[2].toLowerCase()}` : ''));
}

if (document.querySelector('[data-not-found]')) forwardShortUrl();
// Found by class, as the stylesheet does: 74,000 pages carry the header, so no data- mark of their own (issue 24).
for (const form of document.querySelectorAll<HTMLFormElement>('form.search')) setUpSearch(form);
const searchPage = document.querySelector<HTMLElement>('[data-search-page]');
if (searchPage) void setUpSearchPage(searchPage);
const osBlocks = document.querySelector<HTMLElement>('.os-blocks');
if (osBlocks) setUpOsTabs(osBlocks);
addCopyButtons();
const portSummaryLine = document.querySelector<HTMLElement>('p#summary');
if (portSummaryLine) setUpTicketCopy(portSummaryLine);
setUpSlashShortcut();
const triageForm = document.querySelector<HTMLFormElement>('[data-triage]');
if (triageForm) void import('./triage.ts').then(({ startTriage }) => startTriage(triageForm));
