/**
 * The triage tool's data (/tools/triage/data.json), computed once per build from the same
 * facts as the port pages: each page's heading label and ghost badge (src/site/routes.ts), its
 * security facts (src/site/security.ts), its witnesses of use (src/site/evidence.ts), and the
 * products' process names. Every port is read, also in a fixture build of a few pages, so the
 * tool explains any port the same way.
 */
import { generatedRegistry } from '../lib/generated-registry.ts';
import { headingLabel } from '../lib/describe-port.ts';
import { compactTriageData, type TriagePortFacts } from '../lib/triage/data.ts';
import type { TriageFile } from '../schemas/api.ts';
import { fileHeader } from './api.ts';
import { witnessesOf } from '../lib/evidence/evidence.ts';
import { pagePropsOf } from './routes.ts';
import { securityOf } from './security.ts';
import { software } from './software.ts';

function factsOf(port: number): TriagePortFacts {
  const record = generatedRegistry().records[port]!;
  const { ghost, headline, uses, evidence } = pagePropsOf(record);
  const security = securityOf(port);
  return {
    port,
    status: record.status,
    label: headingLabel(record, headline),
    ghost,
    kev: security?.kev.reduce((sum, product) => sum + product.count, 0) ?? 0,
    amplification: (security?.amplification ?? []).map(({ protocol, factor }) => ({ protocol, factor })),
    // Any source showing the port in use (a narrow use, a dissector, a firewalld service, an /etc/services entry).
    witnessed: witnessesOf(uses, evidence).length > 0,
  };
}

export const triageData: TriageFile = {
  ...fileHeader('triageFile'),
  ...compactTriageData(generatedRegistry().records.map((record) => factsOf(record.port)), software),
};
