/**
 * HTML validation of the built site with html-validate's recommended rules: every page
 * that is not a port page (product pages included), every port page with a note, the edge ports, and every 257th
 * port (about 400 pages of every kind). Runs in Node, no browser.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { expect, test } from 'playwright/test';

const DIST = 'dist';

function samplePages(): string[] {
  const pages = ['index.html', '404.html', 'search/index.html', 'service-names/index.html', 'ports/index.html', 'notes/index.html', 'software/index.html', 'registry-vs-practice/index.html', 'commands/index.html', 'tools/free-port/index.html', 'tools/triage/index.html'];
  for (const product of readdirSync(join(DIST, 'software'), { withFileTypes: true }).filter((e) => e.isDirectory())) pages.push(`software/${product.name}/index.html`);
  for (const block of readdirSync(join(DIST, 'ports/range'))) pages.push(`ports/range/${block}/index.html`);
  const notes = readdirSync(join(DIST, 'notes'), { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const note of notes) pages.push(`notes/${note.name}/index.html`);
  const ports = new Set([0, 1, 2, 4, 22, 24, 80, 443, 3000, 3489, 3640, 5000, 5173, 6010, 6443, 30080, 49151, 49152, 65535]);
  for (let port = 0; port <= 65535; port += 257) ports.add(port);
  for (const note of notes) {
    const match = /^port-(\d+)$/.exec(note.name);
    if (match) ports.add(Number(match[1]));
  }
  for (const port of ports) pages.push(`ports/${port}/index.html`);
  return pages;
}

test('a sample of every kind of page is valid HTML', async () => {
  test.setTimeout(120_000);
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const pages = samplePages();
  const problems: string[] = [];
  for (const page of pages) {
    const report = await validator.validateFile(join(DIST, page));
    for (const message of report.results.flatMap((r) => r.messages)) {
      problems.push(`${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
    }
  }
  expect(pages.length).toBeGreaterThan(350);
  expect(problems).toEqual([]);
});
