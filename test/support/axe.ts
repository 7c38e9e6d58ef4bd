import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';

/**
 * axe-core's engine, from the installed package (no CDN). It goes into the page through
 * Playwright's evaluate (the DevTools protocol), not a <script> tag: the dashboard's
 * Content-Security-Policy forbids inline scripts, and the test must not loosen it.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets checked: WCAG 2.0/2.1/2.2 A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

/** Every violation axe finds on the page as it is now, most severe first. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) =>
      (
        globalThis as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<unknown> };
        }
      ).axe.run(globalThis, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    TAGS,
  );
  const order = ['critical', 'serious', 'moderate', 'minor'];
  return (result as AxeResult).violations
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.trim()),
    }))
    .sort((a, b) => order.indexOf(a.impact ?? 'minor') - order.indexOf(b.impact ?? 'minor'));
}

/** The violations a person relying on a screen reader or a keyboard cannot get past. */
export function blocking(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation, with the elements it names: what a failing test prints. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact ?? '?'} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`)
    .join('\n');
}

/**
 * The page as it is now has no serious or critical accessibility violation, and its
 * screenshot (the whole page) is left in .test-output/screenshots/<name>.png. The
 * check's answer is returned so a test can also assert on the lesser ones.
 */
export async function expectAccessible(page: Page, name: string): Promise<AxeViolation[]> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  const violations = await axeViolations(page);
  const serious = blocking(violations);
  if (serious.length > 0) {
    throw new Error(`axe-core on ${name} (${page.url()}):\n${describeViolations(serious)}`);
  }
  return violations;
}
