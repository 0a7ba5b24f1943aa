/** /api/v1/registry.json: the whole dataset in one compact file, less the ports that only say "Unassigned". */
import { WIDE_RANGE_PORTS } from '../../../lib/software/practice.ts';
import { fileHeader, jsonResponse, portlessEntries, portsWithFiles, wideUses } from '../../../site/api.ts';
import { evidence } from '../../../site/evidence.ts';

export const GET = () =>
  jsonResponse({
    ...fileHeader('registryFile'),
    omitted:
      `Ports whose only IANA entry is "Unassigned" (or, from 49152, that have none) and that no note or use of ${WIDE_RANGE_PORTS} ports or fewer names: ` +
      `they are in the block files /api/v1/ports/blocks/<start>-<end>.json. Uses spanning more than ${WIDE_RANGE_PORTS} ports are listed once in rangeUses.`,
    ports: portsWithFiles,
    rangeUses: wideUses,
    pools: evidence.pools,
    serviceNamesWithoutPort: portlessEntries,
  });
