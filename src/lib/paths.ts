/** The one place that knows the site's URL shapes. All paths end in "/" (directory pages). */

/** @returns "/ports/3489/" */
export const portPath = (port: number): string => `/ports/${port}/`;

/** @returns "/notes/ghost-registration/" */
export const notePath = (slug: string): string => `/notes/${slug}/`;

/** @returns "/software/grafana/" */
export const softwarePath = (slug: string): string => `/software/${slug}/`;

export const NOTES_INDEX_PATH = '/notes/';
export const SOFTWARE_INDEX_PATH = '/software/';
export const REGISTRY_VS_PRACTICE_PATH = '/registry-vs-practice/';
export const FREE_PORT_PATH = '/tools/free-port/';
export const SERVICE_NAMES_PATH = '/service-names/';
export const SEARCH_PATH = '/search/';
export const RANGES_PATH = '/ports/';
export const DATA_REPORT_PATH = '/data-report.json';

/** Ports per block on the browse pages (/ports/ lists blocks, each links its ports). */
export const BROWSE_BLOCK_SIZE = 1024;

/** @returns "3072-4095", the block of BROWSE_BLOCK_SIZE ports that holds `port` */
export function blockLabel(port: number): string {
  const start = Math.floor(port / BROWSE_BLOCK_SIZE) * BROWSE_BLOCK_SIZE;
  return `${start}-${start + BROWSE_BLOCK_SIZE - 1}`;
}

/** @returns "/ports/range/3072-4095/" for the block that holds `port` */
export const blockPath = (port: number): string => `/ports/range/${blockLabel(port)}/`;
