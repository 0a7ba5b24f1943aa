/** /api/v1/ports/blocks/S-E.json: every port of one 1,024-port block, unassigned ones as compact objects. */
import type { BlockJson } from '../../../../../lib/api/port-json.ts';
import { apiBlocks, fileHeader, jsonResponse } from '../../../../../site/api.ts';
import { cacheKeyOf } from '../../../../../site/cache-key.ts';

export const getStaticPaths = () => apiBlocks.map((block) => ({ params: { block: `${block.start}-${block.end}` }, props: { block }, cacheKey: cacheKeyOf(block) }));

export const GET = ({ props }: { props: { block: BlockJson } }) => jsonResponse({ ...fileHeader('blockFile'), ...props.block });
