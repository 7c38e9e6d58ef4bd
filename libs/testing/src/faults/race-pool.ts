import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { FORCE_SERIAL } from './overlap';
import type { RaceCommand, RaceReply } from './race-worker';

/**
 * Like the contract suite's WorkerPool, but each child gets its own command (its own
 * seeded pause) and loads only the SQLite adapter (see race-worker.ts).
 */
export class RacePool {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number, file: string): Promise<RacePool> {
    const children = Array.from({ length: count }, () =>
      fork(join(__dirname, 'race-worker.ts'), [file], {
        execArgv: ['-r', '@swc-node/register'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const pool = new RacePool(children);
    await Promise.all(children.map((child) => pool.next(child)));
    return pool;
  }

  /**
   * Sends each child its command at once and collects one reply from each, in child order
   * (under FAULT_FORCE_SERIAL, one child after another: see overlap.ts).
   */
  async each(command: (index: number) => RaceCommand): Promise<RaceReply[]> {
    if (FORCE_SERIAL) {
      const replies: RaceReply[] = [];
      for (const [i, child] of this.children.entries()) {
        const reply = this.next(child);
        child.send(command(i));
        replies.push(await reply);
      }
      return replies;
    }
    const replies = this.children.map((child) => this.next(child));
    this.children.forEach((child, i) => child.send(command(i)));
    return Promise.all(replies);
  }

  private next(child: ChildProcess): Promise<RaceReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void =>
        reject(new Error(`race worker exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message: RaceReply) => {
        child.off('exit', onExit);
        if (message.kind === 'error') reject(new Error(`race worker failed: ${message.message}`));
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
            child.send({ cmd: 'exit' } satisfies RaceCommand);
          }),
      ),
    );
  }
}
