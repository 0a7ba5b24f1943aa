import { describe, expect, it } from 'vitest';
import { portInSearchIndex, searchMarks, withoutIds } from '../../src/lib/search-scope.ts';

describe('portInSearchIndex', () => {
  it('indexes ports with an IANA entry other than Unassigned', () => {
    for (const status of ['assigned', 'reserved', 'de-assigned'] as const) expect(portInSearchIndex(status, 0)).toBe(true);
  });
  it('leaves unassigned and dynamic ports out unless a note is attached', () => {
    expect(portInSearchIndex('unassigned', 0)).toBe(false);
    expect(portInSearchIndex('dynamic', 0)).toBe(false);
    expect(portInSearchIndex('unassigned', 1)).toBe(true);
    expect(portInSearchIndex('dynamic', 2)).toBe(true);
  });
});

describe('withoutIds', () => {
  it('drops id attributes from start tags and keeps the other attributes and the text', () => {
    expect(withoutIds('<section id="registration" aria-labelledby="registration-heading"><h2 id="registration-heading">What IANA records</h2></section>'))
      .toBe('<section aria-labelledby="registration-heading"><h2>What IANA records</h2></section>');
    expect(withoutIds('<span id="tcp" class="anchor-target"></span><p class="x" id="summary" data-port-summary>text</p>'))
      .toBe('<span class="anchor-target"></span><p class="x" data-port-summary>text</p>');
  });
  it('keeps attributes that only end in "id" and text that looks like an attribute', () => {
    const html = '<i data-id="q" aria-describedby="search-status">id="not-an-attribute" &lt;b id="x"&gt;</i>';
    expect(withoutIds(html)).toBe(html);
  });
  it('drops the id of a page as Astro builds it, wherever it is', () => {
    const page = '<!DOCTYPE html><html lang="en"><body><main id="main" data-pagefind-body><h1>Port 22: ssh</h1>\n<article class="entry"><span id="udp" class="anchor-target"></span></article></main></body></html>';
    expect(withoutIds(page)).not.toMatch(/\sid=/);
    expect(withoutIds(page)).toContain('<main data-pagefind-body><h1>Port 22: ssh</h1>');
  });
});

describe('searchMarks', () => {
  // scripts/build-search-index.ts reads .facet (EXCLUDE) and data-pagefind-ignore; only searchable pages need them.
  it('gives the facet class and a bare data-pagefind-ignore on a page Pagefind reads, no attribute on the others', () => {
    expect(searchMarks(true)).toEqual({ facet: 'facet', ignore: '' });
    expect(searchMarks(false)).toEqual({ facet: undefined, ignore: undefined });
  });
});
