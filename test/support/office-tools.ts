import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * LibreOffice headless converts every file in one call (each call costs 5–10 s to start),
 * into `outDir`, with a profile of its own so parallel runs never share a lock.
 * CSV export writes raw cell values (token 9 "save as shown" off), so amounts read back
 * as plain integers whatever the number format.
 */
export async function sofficeConvert(
  files: readonly string[],
  target: 'csv' | 'pdf',
  outDir: string,
): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  const filter =
    target === 'csv' ? 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false' : 'pdf';
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        filter,
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 16 << 20 });
  return stdout;
}

/** Renders page 1 to `<prefix>-1.png` (or `-01.png` for longer documents) for a person to look at. */
export async function renderFirstPage(file: string, prefix: string): Promise<void> {
  await run('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', file, prefix]);
}

export async function pdfPages(file: string): Promise<{ pages: number; size: string }> {
  const { stdout } = await run('pdfinfo', [file]);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
    size: /Page size:\s+(.+)/.exec(stdout)?.[1]?.trim() ?? '',
  };
}
