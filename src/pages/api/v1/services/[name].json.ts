/** /api/v1/services/<name>.json for every IANA service name; the segment comes from serviceSegment (src/lib/paths.ts). */
import type { ServiceJson } from '../../../../schemas/api.ts';
import { fileHeader, jsonResponse, serviceRoutes } from '../../../../site/api.ts';

export const getStaticPaths = serviceRoutes;

export const GET = ({ props }: { props: { service: ServiceJson } }) => jsonResponse({ ...fileHeader('serviceFile'), ...props.service });
