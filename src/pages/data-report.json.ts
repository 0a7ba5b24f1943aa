/**
 * /data-report.json: the data step's account of every CSV row, plus counts of the "seen in
 * practice" data (products, uses, ports, ghost flags that practice cleared), published with the site.
 */
import { generatedReport } from '../lib/generated-registry.ts';
import { practiceCounts } from '../site/software.ts';

export const GET = () =>
  new Response(JSON.stringify({ ...generatedReport(), practice: practiceCounts() }, null, 2), {
    headers: { 'Content-Type': 'application/json' },
  });
