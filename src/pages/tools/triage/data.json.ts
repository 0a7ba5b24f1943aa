/** /tools/triage/data.json: what the triage tool loads (triageFileSchema in src/schemas/api.ts; src/site/triage.ts). */
import { jsonResponse } from '../../../site/api.ts';
import { triageData } from '../../../site/triage.ts';

export const GET = () => jsonResponse(triageData);
