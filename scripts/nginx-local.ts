/**
 * Debian's nginx serving dist/ with deploy/nginx.conf on 127.0.0.1, as a user would run it:
 * the server block's two EDIT lines (listen, root) changed, everything else as committed. The
 * pid, logs and temp folders live in a scratch folder; nothing is installed as a service.
 * The end-to-end test (tests/e2e/nginx.spec.ts) and `npm run bench` start it; alone it serves
 * until Ctrl-C:
 *
 *   npm run preview:nginx              # http://127.0.0.1:4330/
 *   npm run preview:nginx -- 8080      # another port
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const NGINX_CONF = join(ROOT, 'deploy/nginx.conf');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync) ?? 'nginx';

export interface LocalNginx {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  /** The scratch folder: nginx.conf, port-atlas.conf (the edited server block), error.log. */
  dir: string;
  /** Stops nginx (SIGQUIT, then SIGKILL after 5 s) and removes the scratch folder. */
  stop(): Promise<void>;
}

/**
 * deploy/nginx.conf with its EDIT lines set: what a user writes into conf.d/.
 * @throws Error when the file lacks exactly one listen and one root line marked EDIT
 */
export function editedServerBlock(conf: string, listen: string, root: string): string {
  let edited = conf;
  for (const [directive, value] of [['listen', listen], ['root', root]] as const) {
    const line = new RegExp(`^(\\s*)${directive} [^;\\n]+;(.*# EDIT.*)$`, 'm');
    if ((conf.match(new RegExp(line.source, 'gm')) ?? []).length !== 1) throw new Error(`${NGINX_CONF}: expected one "${directive} ...;  # EDIT" line`);
    edited = edited.replace(line, `$1${directive} ${value};$2`);
  }
  return edited;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Starts nginx over `dist` and waits until it answers.
 * @param options.dist the built site (default dist/); options.port (default: a free one);
 *   options.workers nginx's worker_processes (default 1); options.conf the server block to use
 * @throws Error naming the command and nginx's own message when it does not start within 10 s
 */
export async function startNginx(options: { dist?: string; port?: number; workers?: number | 'auto'; conf?: string } = {}): Promise<LocalNginx> {
  const dist = resolve(options.dist ?? join(ROOT, 'dist'));
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html not found: run npm run build first`);
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'port-atlas-nginx-'));
  const block = editedServerBlock(options.conf ?? readFileSync(NGINX_CONF, 'utf8'), `127.0.0.1:${port}`, dist);
  writeFileSync(join(dir, 'port-atlas.conf'), block);
  // Under root, nginx would hand its workers to an unprivileged user, who may not reach dist/ (a
  // clone under /root, a mkdtemp folder): this loopback-only server keeps the caller's user.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`).join('\n');
  writeFileSync(join(dir, 'nginx.conf'), `${user}worker_processes ${options.workers ?? 1};
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
${temp}
  include ${join(dir, 'port-atlas.conf')};
}
`);
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf')];
  const child: ChildProcess = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
  const spawnError = new Promise<Error>((done) => child.once('error', done));
  for (const started = performance.now(); performance.now() - started < 10_000;) {
    const failed = await Promise.race([spawnError, new Promise<null>((done) => setTimeout(() => done(null), 50))]);
    if (failed) throw new Error(`${NGINX} could not start (${failed.message}); npm test installs it (scripts/test-system-packages.txt)`);
    if (child.exitCode !== null) break;
    try {
      await fetch(`${origin}/`, { method: 'HEAD' });
      return { origin, dir, stop };
    } catch { /* not listening yet */ }
  }
  await stop().catch(() => {});
  throw new Error(`${NGINX} ${args.join(' ')} did not answer on ${origin}: ${stderr.trim() || 'no message'}`);
}

if (import.meta.main) {
  const port = Number(process.argv[2] ?? 4330);
  const server = await startNginx({ port });
  console.log(`nginx: serving dist/ with deploy/nginx.conf at ${server.origin}/ (Ctrl-C stops it)`);
  const quit = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
