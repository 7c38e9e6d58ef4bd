import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

import { CHROMIUM_TOOL } from './external-tools';

/** Debian's Chromium; CI's `.ci/run` installs it. Suites gate on it with describeWithTool. */
export const CHROMIUM = CHROMIUM_TOOL.executables[0] ?? '/usr/bin/chromium';

/**
 * The flags these machines need (see the stack notes): without the background-networking
 * ones Chromium keeps trying to reach hosts this closed network refuses. `--headless` is
 * added by Playwright itself, and so is a fresh, empty `--user-data-dir` (a new temporary
 * profile for every launch, removed at close; Playwright refuses the flag in `args`).
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where browser tests leave their screenshots (`.test-output/` is gitignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', '.test-output', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

export function screenshotPath(name: string): string {
  return join(SCREENSHOTS, `${name}.png`);
}
