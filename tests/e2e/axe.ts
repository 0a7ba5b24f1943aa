/**
 * axe-core as every spec runs it. AxeBuilder's default mode calls axe.runPartial in each frame
 * and axe.finishRun in a new blank page, so that it can reach cross-origin frames; legacy mode
 * calls axe.run in the page itself (@axe-core/playwright README, "setLegacyMode"). The site has
 * no frames, which axeOn checks, so both modes test the same nodes with the same rules, and the
 * blank page and the hand-over of partial results cost 40-50 % of each run (/registry-vs-practice/:
 * 16 s -> 9 s; BENCHMARKS.md, issue 16).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from 'playwright/test';

/** The WCAG 2.1 A and AA rules. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The dark theme changes only colour custom properties (src/styles/global.css), so in dark mode
 * only axe's colour rules can find something new; every WCAG A/AA rule runs in light mode.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * @param page a loaded page of the site
 * @returns an AxeBuilder for it, in legacy mode; fails the test if the page has a frame
 */
export async function axeOn(page: Page): Promise<AxeBuilder> {
  expect(await page.locator('iframe, frame, object, embed').count(), 'frames, which axe in legacy mode would not enter').toBe(0);
  return new AxeBuilder({ page }).setLegacyMode();
}

/** axe's violations as one line each: rule id, count, first target and help text. */
export const describeViolations = (violations: { id: string; help: string; nodes: { target: unknown[] }[] }[]): string[] =>
  violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')} ${v.help}`);
