/**
 * What goes into the search index: which port pages, and each page's HTML without ids. Pure.
 *
 * Unassigned and dynamic ports stay out unless a note is attached: a number jumps to its page
 * without the index, and software on such a port is found through its product page (which lists
 * the port). Keeping ~59,000 near-identical pages out holds the index's page table, which every
 * first search loads, within its budget (BENCHMARKS.md).
 */
import type { PortStatus } from '../schemas/port-record.ts';

/**
 * @param status the port's overall registry status (src/lib/registry/status.ts)
 * @param noteCount how many notes are attached to the port
 * @returns true when the port's page carries data-pagefind-body
 */
export const portInSearchIndex = (status: PortStatus, noteCount: number): boolean =>
  (status !== 'unassigned' && status !== 'dynamic') || noteCount > 0;

/** An id attribute inside a start tag; the tag's text before it is kept as $1. */
const ID_ATTRIBUTE = /(<[a-z][a-z0-9-]*\b[^<>]*?)\s+id="[^"]*"/gi;

/**
 * A page's HTML as the search step hands it to Pagefind: without id attributes. Pagefind stores
 * every element with an id inside data-pagefind-body as an "anchor" (tag, id, text, position) in
 * the page's result fragment, for per-section sub-results. The search box and /search/ show one
 * line per page and never read them, yet anchors were a quarter of the fragment bytes a query
 * loads (BENCHMARKS.md). The served page keeps its ids.
 *
 * A pattern rather than an HTML parser: htmlparser2 took ~1.4 ms a page (~10 s for the index's
 * ~7,500 pages), this ~0.1 ms. It is safe on Astro's output, which double-quotes attribute
 * values and escapes `<` in text and `"` in attribute values, so `<tag ... id="` only occurs in
 * a start tag. An id it misses (after a `>` inside an attribute value) only stays an anchor.
 * @param html a built page
 * @returns the same HTML without id="..." attributes
 */
export const withoutIds = (html: string): string => html.replace(ID_ATTRIBUTE, '$1');

/**
 * The marks the search step reads in a page (`class="facet"`: left out of the indexed text;
 * `data-pagefind-ignore`: left out of the page's text), for Astro attributes: their values on a
 * page that Pagefind reads, undefined (no attribute) on the ~59,000 port pages it never reads,
 * where they would be dead weight (BENCHMARKS.md, issue 24).
 * @param searchable whether the page carries data-pagefind-body (portInSearchIndex)
 * @returns `facet` for a class list, `ignore` for data-pagefind-ignore
 */
export const searchMarks = (searchable: boolean): { facet: 'facet' | undefined; ignore: '' | undefined } =>
  searchable ? { facet: 'facet', ignore: '' } : { facet: undefined, ignore: undefined };
