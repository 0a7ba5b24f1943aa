/** /api/v1/ports/N.json for every port with a per-port file (src/lib/api/port-json.ts: hasPortFile). */
import type { PortJson } from '../../../../schemas/api.ts';
import { fileHeader, jsonResponse, portFileRoutes } from '../../../../site/api.ts';

export const getStaticPaths = () => portFileRoutes;

export const GET = ({ props }: { props: { port: PortJson } }) => jsonResponse({ ...fileHeader('portFile'), ...props.port });
