import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, HEADER_ONLY_DIRECTIVES } from '../../src/lib/content-security-policy.ts';

describe('the Content-Security-Policy', () => {
  it('allows scripts only from the site itself, never inline', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:/);
  });

  it('is the same in public/_headers, plus what only a header can carry', () => {
    const headers = readFileSync('public/_headers', 'utf8');
    expect(headers).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; ${HEADER_ONLY_DIRECTIVES}\n`);
  });
});
