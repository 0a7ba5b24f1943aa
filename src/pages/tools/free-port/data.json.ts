/** /tools/free-port/data.json: what the free-port finder loads (src/lib/free-port.ts, FreePortData). */
import { freePortData } from '../../../site/free-port.ts';

export const GET = () => new Response(JSON.stringify(freePortData), { headers: { 'Content-Type': 'application/json' } });
