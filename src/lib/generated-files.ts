/**
 * Where the data step writes its output and the site reads it: `.generated/` under the
 * repo root, or PORT_ATLAS_GENERATED_DIR (tests point it elsewhere so that running the data
 * step on a fixture never replaces the real site's data).
 */
export const GENERATED_DIR = process.env.PORT_ATLAS_GENERATED_DIR || '.generated';
export const REGISTRY_JSON = `${GENERATED_DIR}/registry.json`;
export const REPORT_JSON = `${GENERATED_DIR}/data-report.json`;
/** SHA-256 of the data step's inputs when it last ran (scripts/build-data.ts). */
export const INPUTS_DIGEST = `${GENERATED_DIR}/inputs.sha256`;
