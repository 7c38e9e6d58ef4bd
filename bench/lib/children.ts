import { fork, type ChildProcess } from 'node:child_process';

/** Forks a TypeScript file under swc-node, with an IPC channel. */
export function forkTs(
  file: string,
  args: readonly string[],
  options: { quiet?: boolean } = {},
): ChildProcess {
  return fork(file, [...args], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
}

/** The next IPC message of a child, or a rejection if it exits first. */
export function nextMessage<T>(child: ChildProcess, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child ${child.pid} sent nothing for ${timeoutMs} ms`));
    }, timeoutMs);
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`child ${child.pid} exited with ${code}`));
    };
    const onMessage = (message: T): void => {
      cleanup();
      resolve(message);
    };
    function cleanup(): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onMessage);
    }
    child.once('exit', onExit);
    child.once('message', onMessage);
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
