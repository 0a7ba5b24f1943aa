/** Deployment settings, read once per build (src/lib/site-settings.ts says what each does). */
import { repositoryUrl } from '../lib/site-settings.ts';

/** PORT_ATLAS_REPO, or null: then pages have no edit or report link. */
export const REPOSITORY = repositoryUrl();
