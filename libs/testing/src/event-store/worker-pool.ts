import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EventStoreConfig } from '@app/event-store';
import type { WorkerCommand, WorkerReply } from './append-worker';

const WORKER = join(__dirname, 'append-worker.ts');

/** Child processes, each with its own connection to the store, driven over IPC. */
export class WorkerPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number, config: EventStoreConfig): Promise<WorkerPool> {
    const children = Array.from({ length: count }, (_, i) =>
      fork(WORKER, [JSON.stringify(config), `worker-${i}`], {
        execArgv: ['-r', '@swc-node/register'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const pool = new WorkerPool(children);
    await Promise.all(children.map((child) => pool.next(child)));
    return pool;
  }

  get size(): number {
    return this.children.length;
  }

  /** Sends the command to every child at once and collects one reply from each. */
  async all(command: WorkerCommand): Promise<WorkerReply[]> {
    const replies = this.children.map((child) => this.next(child));
    for (const child of this.children) child.send(command);
    return Promise.all(replies);
  }

  private next(child: ChildProcess): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`worker exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message: WorkerReply) => {
        child.off('exit', onExit);
        if (message.kind === 'error') reject(new Error(`worker failed: ${message.message}`));
        else resolve(message);
      });
    });
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || !child.connected) return resolve();
            child.once('exit', () => resolve());
            child.send({ cmd: 'exit' } satisfies WorkerCommand);
          }),
      ),
    );
  }
}
