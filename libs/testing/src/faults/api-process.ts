import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

const LISTENING = /API listening: http:\/\/localhost:(\d+)/;

/**
 * The port an API process says it listens on (its start-up line), once it has bound it.
 * Tests start APIs with PORT=0 and read the port back: a port picked by the test and handed
 * over could be taken by another test's server meanwhile, and the test would then talk to
 * that server (a green /health from a stranger).
 */
export function listeningPort(output: string): number | null {
  const match = LISTENING.exec(output);
  return match ? Number(match[1]) : null;
}

/** Resolves with the port once `output()` shows the start-up line; fails if the process exits first. */
export async function waitForPort(
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const port = listeningPort(output());
    if (port !== null) return port;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the API exited before listening:\n${output()}`);
    if (Date.now() > deadline)
      throw new Error(`the API did not listen within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface ApiProcess {
  readonly port: number;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The API as `npm start` runs it (`node -r @swc-node/register apps/api/src/main.ts`), in
 * its own process on `dataDir`, on a port the system picks; resolves once /health answers.
 */
export async function startApiProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      BUDGET_DATA_DIR: dataDir,
      PORT: '0',
      BUDGET_NO_EXAMPLE: '1',
      EVENT_STORE: 'sqlite',
      READ_STORE: 'sqlite',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    if (output.length < 50_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await waitForPort(child, () => output);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited before answering:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** One JSON request to an API process. */
export async function call(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: object,
  key?: string,
): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}
