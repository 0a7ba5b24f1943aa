/**
 * `npm run deploy-files`: writes public/_headers, public/_redirects and deploy/nginx.conf from
 * the one set of rules in src/lib/deploy-rules.ts. Run it after editing the rules; the unit
 * tests fail while a committed file differs from what the rules give.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deployFiles } from '../src/lib/deploy-rules.ts';

const ROOT = resolve(import.meta.dirname, '..');
for (const [path, text] of Object.entries(deployFiles())) {
  writeFileSync(join(ROOT, path), text);
  console.log(`deploy-files: wrote ${path}`);
}
