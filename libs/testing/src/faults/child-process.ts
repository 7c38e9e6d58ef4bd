import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Messages a fault child sends over IPC. */
export type ChildMessage =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'ack';
      readonly batchId: string;
      readonly size: number;
      readonly stream: string;
    }
  | { readonly kind: 'progress'; readonly position: string }
  | { readonly kind: 'done'; readonly detail?: unknown }
  | { readonly kind: 'error'; readonly message: string };

export interface ChildRun {
  readonly child: ChildProcess;
  readonly messages: ChildMessage[];
  /** Resolves with the first message of that kind (rejects if the child exits before). */
  waitFor(kind: ChildMessage['kind']): Promise<ChildMessage>;
  /** Resolves when the child has exited, with its signal or code. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `libs/testing/src/faults/<script>` in a child Node process running TypeScript. */
export function startChild(script: string, args: readonly string[]): ChildRun {
  const child = fork(join(__dirname, script), [...args], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const messages: ChildMessage[] = [];
  const listeners = new Set<(m: ChildMessage) => void>();
  let errText = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (errText.length < 20_000) errText += chunk;
  });
  child.on('message', (message: ChildMessage) => {
    messages.push(message);
    for (const listener of [...listeners]) listener(message);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    messages,
    waitFor: (kind) =>
      new Promise((resolve, reject) => {
        const found = messages.find((m) => m.kind === kind);
        if (found) return resolve(found);
        const listener = (m: ChildMessage): void => {
          if (m.kind === 'error') {
            listeners.delete(listener);
            reject(new Error(`child ${script} failed: ${m.message}`));
          } else if (m.kind === kind) {
            listeners.delete(listener);
            resolve(m);
          }
        };
        listeners.add(listener);
        void exited.then(({ code, signal }) => {
          if (!listeners.has(listener)) return;
          listeners.delete(listener);
          reject(
            new Error(`child ${script} exited (${signal ?? code}) before '${kind}'\n${errText}`),
          );
        });
      }),
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
    stderr: () => errText,
  };
}

/** Sleeps; used for seeded kill delays. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
