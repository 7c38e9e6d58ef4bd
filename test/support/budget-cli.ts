import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUDGET_BIN = join(__dirname, '..', '..', 'bin', 'budget.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real `budget` bin in a child process, from another folder, on `dataDir`, in Vietnamese. */
export function budget(dataDir: string, ...args: string[]): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir };
  delete env.BUDGET_LANG;
  delete env.EVENT_STORE;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUDGET_BIN, ...args], { cwd: tmpdir(), env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
