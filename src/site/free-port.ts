/** The free-port finder's data, computed once per build from the registry records and the product files. */
import { compactFreePortData } from '../lib/free-port.ts';
import { generatedRegistry } from '../lib/generated-registry.ts';
import { software } from './software.ts';

export const freePortData = compactFreePortData(
  // Any assigned or reserved entry claims the port, even when another protocol's entry is de-assigned (3980).
  generatedRegistry().records.filter((r) => r.entries.some((e) => e.kind === 'assigned' || e.kind === 'reserved')).map((r) => r.port),
  software.flatMap((product) => product.uses.map((use) => ({ name: product.name, ...use.port }))),
);
