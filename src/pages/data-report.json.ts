/**
 * /data-report.json, published with the site: the data step's account of every CSV row, counts
 * of the "seen in practice" data (products, uses, ports, ghost flags that practice cleared), the
 * ghost badges before and after each source of evidence (ghostBadges), the port pages that lead
 * with a product (headlines, src/lib/headline.ts), the notes and the ports they reach
 * (notes, src/lib/note-counts.ts), and
 * the port pages in the search index (src/lib/search-scope.ts; the search step reads only those).
 */
import { generatedReport } from '../lib/generated-registry.ts';
import { practiceCounts } from '../site/software.ts';
import { kevCounts } from '../site/security.ts';
import { headlineCounts, searchIndexedPorts } from '../site/routes.ts';
import { ghostCounts } from '../site/evidence.ts';
import { notesReport } from '../site/notes.ts';

export const GET = () =>
  new Response(JSON.stringify({ ...generatedReport(), practice: practiceCounts(), ghostBadges: ghostCounts(), kev: kevCounts(), headlines: headlineCounts(), notes: notesReport(), searchIndex: { ports: searchIndexedPorts } }, null, 2), {
    headers: { 'Content-Type': 'application/json' },
  });
