/** /api/v1/services/<name>.json for every IANA service name; the segment comes from serviceSegment (src/lib/paths.ts). */
import type { ServiceJson } from '../../../../schemas/api.ts';
import { serviceSegment } from '../../../../lib/paths.ts';
import { fileHeader, jsonResponse, services } from '../../../../site/api.ts';
import { cacheKeyOf } from '../../../../site/cache-key.ts';

export const getStaticPaths = () => services.map((service) => ({ params: { name: serviceSegment(service.name) }, props: { service }, cacheKey: cacheKeyOf(service) }));

export const GET = ({ props }: { props: { service: ServiceJson } }) => jsonResponse({ ...fileHeader('serviceFile'), ...props.service });
