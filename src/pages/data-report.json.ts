/** /data-report.json: the data step's account of every CSV row, published with the site. */
import { generatedReport } from '../lib/generated-registry.ts';

export const GET = () =>
  new Response(JSON.stringify(generatedReport(), null, 2), { headers: { 'Content-Type': 'application/json' } });
