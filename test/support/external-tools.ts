import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { announceSkip } from '@app/testing';

/**
 * A program a test tier drives that `npm ci` cannot install (a browser, LibreOffice,
 * poppler). On a machine with only Node and npm the tier is skipped with a visible SKIP
 * line naming how to run it; under its REQUIRE_ variable (set by `.ci/run`, which installs
 * the programs first) a missing program fails the tier instead, so CI never skips silently.
 */
export interface ExternalTool {
  /** What the SKIP line calls it. */
  readonly name: string;
  /** Executables the tier needs: absolute paths, or names looked up on PATH. */
  readonly executables: readonly string[];
  /** `REQUIRE_BROWSER`…: `1` turns a missing program into a failure. */
  readonly requireVariable: string;
  /** How to get it (Debian's packages, as `.ci/run` does). */
  readonly install: string;
}

export const CHROMIUM_TOOL: ExternalTool = {
  name: "Debian's Chromium",
  executables: ['/usr/bin/chromium'],
  requireVariable: 'REQUIRE_BROWSER',
  install: 'apt-get install -y chromium (never `npx playwright install`)',
};

export const POPPLER_TOOL: ExternalTool = {
  name: 'poppler (pdftotext, pdftoppm)',
  executables: ['pdftotext', 'pdftoppm'],
  requireVariable: 'REQUIRE_PDF_TOOLS',
  install: 'apt-get install -y poppler-utils',
};

export const LIBREOFFICE_TOOL: ExternalTool = {
  name: 'LibreOffice Calc (soffice)',
  executables: ['soffice'],
  requireVariable: 'REQUIRE_LIBREOFFICE',
  install: 'apt-get install -y libreoffice-calc-nogui',
};

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where each executable is, or null when it is not installed. */
export function locate(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isAbsolute(name)) return executable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export type ToolDecision =
  | { readonly run: true }
  | { readonly run: false; readonly fail: boolean; readonly message: string };

/** Whether a tier runs, is skipped, or fails because a required program is missing. */
export function decide(tool: ExternalTool, env: NodeJS.ProcessEnv = process.env): ToolDecision {
  const missing = tool.executables.filter((name) => locate(name, env) === null);
  if (missing.length === 0) return { run: true };
  const fail = env[tool.requireVariable] === '1';
  const message =
    `${fail ? 'FAIL' : 'SKIP'} ${tool.name} tier: ${missing.join(', ')} not found. ` +
    `To run it: ${tool.install}, then npm test` +
    (fail
      ? ` (${tool.requireVariable}=1 says this machine must have it).`
      : ` (${tool.requireVariable}=1 makes a missing program fail, as .ci/run does).`);
  return { run: false, fail, message };
}

/**
 * `describe` for a tier that needs an external program: runs it when the program is
 * there, prints a SKIP line and skips it when not, or fails it under REQUIRE_….
 */
export function describeWithTool(tool: ExternalTool, title: string, body: () => void): void {
  const decision = decide(tool);
  if (decision.run) {
    describe(title, body);
    return;
  }
  if (decision.fail) {
    describe(title, () => {
      it(`needs ${tool.name}`, () => {
        throw new Error(decision.message);
      });
    });
    return;
  }
  // Visible, not silent: the line names what is missing and how to run the tier.
  announceSkip(decision.message);
  describe.skip(`${title} — ${decision.message}`, body);
}

/**
 * For a few tests inside a suite that otherwise runs without the program: true when it is
 * there; when not, a SKIP line and false (the caller skips those tests) — or, under its
 * REQUIRE_ variable, a thrown error that fails the suite.
 */
export function toolAvailable(tool: ExternalTool): boolean {
  const decision = decide(tool);
  if (decision.run) return true;
  if (decision.fail) throw new Error(decision.message);
  announceSkip(decision.message);
  return false;
}
