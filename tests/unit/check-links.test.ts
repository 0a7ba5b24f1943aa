import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run check:links', () => {
  it('reports missing files and missing #fragment ids, and ignores other sites', () => {
    const result = spawnSync(process.execPath, ['scripts/check-links.ts', 'tests/fixtures/links'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('links: 2 pages, 7 internal links (3 with #fragments)');
    expect(result.stdout).toContain('3 broken');
    expect(result.stderr).toContain('/ -> /missing.css (no such file)');
    expect(result.stderr).toContain('/ -> /a/#gone (no id "gone" on /a/)');
    expect(result.stderr).toContain('/ -> /nowhere/ (no such file)');
    expect(result.stderr).not.toContain('rfc-editor');
  });
});
