/** The free-port finder's data, computed once per build from the registry records and the product files. */
import { compactFreePortData } from '../lib/free-port.ts';
import { generatedRegistry } from '../lib/generated-registry.ts';
import { software } from './software.ts';

export const freePortData = compactFreePortData(
  generatedRegistry().records.filter((r) => r.status === 'assigned' || r.status === 'reserved').map((r) => r.port),
  software.flatMap((product) => product.uses.map((use) => ({ name: product.name, ...use.port }))),
);
