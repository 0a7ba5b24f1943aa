/** Where the data step writes its output and the site reads it (relative to the repo root). */
export const GENERATED_DIR = '.generated';
export const REGISTRY_JSON = `${GENERATED_DIR}/registry.json`;
export const REPORT_JSON = `${GENERATED_DIR}/data-report.json`;
