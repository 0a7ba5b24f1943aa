/**
 * `npm run precompress [dir]`: writes FILE.gz (gzip level 9) beside every text file of dist/
 * (HTML, CSS, JavaScript, JSON, SVG, XML, plain text), for nginx's gzip_static in
 * deploy/nginx.conf: it then sends the .gz as it is instead of compressing each response
 * (BENCHMARKS.md, issue 24: about a twelfth of the CPU per response). It doubles the file count, so it is for
 * a server or a container (deploy/Containerfile runs it), not for hosts that count files
 * (Cloudflare Pages) or compress on their own (Netlify, GitHub Pages). Pagefind's index files
 * are compressed already and stay as they are.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** File name endings worth compressing: deploy-rules.ts's GZIP_TYPES, plus HTML. */
export const TEXT_FILE = /\.(?:html|css|js|json|svg|xml|txt)$/;

const dir = resolve(process.argv[2] ?? 'dist');
const started = performance.now();
let files = 0;
let before = 0;
let after = 0;
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT_FILE.test(entry.name)) continue;
  const path = join(entry.parentPath, entry.name);
  const data = readFileSync(path);
  const gz = gzipSync(data, { level: 9 });
  writeFileSync(`${path}.gz`, gz);
  files++;
  before += data.length;
  after += gz.length;
}
const mib = (n: number) => (n / 2 ** 20).toFixed(1);
console.log(`precompress: ${files} files in ${dir}, ${mib(before)} MiB -> ${mib(after)} MiB of .gz, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
