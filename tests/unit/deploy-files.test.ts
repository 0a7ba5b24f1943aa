/**
 * The headers and redirects every host gets come from one set of rules (src/lib/deploy-rules.ts):
 * public/_headers, public/_redirects and deploy/nginx.conf must be exactly what the rules give
 * (`npm run deploy-files` rewrites them), and each file must say what the rules say.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/lib/content-security-policy.ts';
import { deployFiles, HEADER_RULES, REDIRECT_STATUS, SHORT_URLS, shortUrlTarget } from '../../src/lib/deploy-rules.ts';
import { editedServerBlock } from '../../scripts/nginx-local.ts';

describe('public/_headers, public/_redirects and deploy/nginx.conf', () => {
  it.each(Object.entries(deployFiles()))('%s is what the rules give (npm run deploy-files)', (path, text) => {
    expect(readFileSync(path, 'utf8'), `${path} differs from src/lib/deploy-rules.ts: run npm run deploy-files`).toBe(text);
  });

  it('_headers lists each rule\'s headers under its path, as Netlify reads them', () => {
    const rules = new Map<string, [string, string][]>();
    let path = '';
    for (const line of readFileSync('public/_headers', 'utf8').split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      if (!line.startsWith(' ')) rules.set((path = line), []);
      else rules.get(path)!.push(line.trim().split(/: (.*)/).slice(0, 2) as [string, string]);
    }
    expect([...rules.keys()]).toEqual(HEADER_RULES.map((r) => `${r.prefix}*`));
    for (const rule of HEADER_RULES) expect(rules.get(`${rule.prefix}*`)).toEqual(rule.headers);
    expect(rules.get('/*')!.find(([name]) => name === 'Content-Security-Policy')![1]).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('_redirects has one 301 rule per short URL', () => {
    const lines = readFileSync('public/_redirects', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.map((l) => l.split(/\s+/))).toEqual(SHORT_URLS.map((r) => [r.from, r.to, String(REDIRECT_STATUS)]));
  });

  it('nginx.conf repeats the headers for every path in each location that adds its own, always', () => {
    const conf = readFileSync('deploy/nginx.conf', 'utf8');
    const [all, ...folders] = HEADER_RULES;
    for (const rule of folders) {
      const block = new RegExp(`location ${rule.prefix} \\{([^}]*)\\}`).exec(conf)?.[1] ?? '';
      for (const [name] of [...all!.headers, ...rule.headers]) expect(block, `${name} in location ${rule.prefix}`).toMatch(new RegExp(`add_header ${name} "[^"]*" always;`));
    }
    expect(conf).toMatch(/^\s*error_page 404 \/404\.html;$/m);
    expect(conf.match(/ return 301 /g)).toHaveLength(SHORT_URLS.length);
  });

  it('nginx.conf has one listen and one root line to edit', () => {
    const edited = editedServerBlock(readFileSync('deploy/nginx.conf', 'utf8'), '127.0.0.1:8080', '/srv/www/dist');
    expect(edited).toMatch(/^\s*listen 127\.0\.0\.1:8080; +# EDIT/m);
    expect(edited).toMatch(/^\s*root \/srv\/www\/dist; +# EDIT/m);
  });
});

describe('shortUrlTarget', () => {
  it('sends the README\'s short URLs where the README says', () => {
    expect(shortUrlTarget('/3489')).toBe('/ports/3489/');
    expect(shortUrlTarget('/3489/udp')).toBe('/ports/3489/#udp');
    expect(shortUrlTarget('/ports/3489/udp')).toBe('/ports/3489/#udp');
    expect(shortUrlTarget('/65535/')).toBe('/ports/65535/');
  });

  it('leaves real paths and numbers that are no port alone', () => {
    for (const path of ['/ports/3489/', '/favicon.svg', '/65536', '/03489', '/3489/http', '/notes']) expect(shortUrlTarget(path), path).toBeNull();
  });
});
