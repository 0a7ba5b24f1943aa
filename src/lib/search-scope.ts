/**
 * Which port pages go into the search index. Pure.
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
