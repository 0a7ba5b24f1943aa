/**
 * The "#" links beside section headings (SectionLink.astro). Their accessible name is one hidden
 * element per page (BaseLayout) that each link names with aria-labelledby, and the stylesheet,
 * the client script and the search step find them by that reference: no class, no per-link label.
 */
export const SECTION_LINK_LABEL_ID = 'sl';
export const SECTION_LINK_LABEL = 'Link to this section';
/** Selects every section link (global.css spells the same selector out). */
export const SECTION_LINK_SELECTOR = `a[aria-labelledby="${SECTION_LINK_LABEL_ID}"]`;
