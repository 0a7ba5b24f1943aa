/** Deployment settings, read once per build (src/lib/site-settings.ts says what each does). */
import { repositoryUrl } from '../lib/site-settings.ts';
import { parsePortList } from '../lib/port-list.ts';

/** PORT_ATLAS_REPO, or null: then pages have no edit or report link. */
export const REPOSITORY = repositoryUrl();

/**
 * PORT_ATLAS_PORTS="3480-3499", or null for all: builds only those port pages, their per-port
 * API files and the services on them (fast fixture builds for tests).
 */
export const BUILT_PORTS: ReadonlySet<number> | null = process.env.PORT_ATLAS_PORTS ? parsePortList(process.env.PORT_ATLAS_PORTS) : null;
