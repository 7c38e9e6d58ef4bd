import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from './until';

const ROOT = join(__dirname, '..', '..', '..');
export const PROJECTOR_MAIN = join(ROOT, 'apps', 'projector', 'src', 'main.ts');
export const PAUSING_PROJECTOR = join(__dirname, 'pausing-projector.ts');

/** Short leases so that a takeover takes well under a second. */
export const TEST_LEASE_TTL_MS = 600;

export interface ChildMessage {
  readonly kind: string;
  readonly [key: string]: unknown;
}

/** A projector in a child process, as operators run it: its own connections to the stores. */
export class ProjectorProcess {
  readonly messages: ChildMessage[] = [];
  private text = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.note(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.note(chunk));
    child.on('message', (message: ChildMessage) => this.messages.push(message));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  static start(
    dataDir: string,
    env: Record<string, string> = {},
    script = PROJECTOR_MAIN,
  ): ProjectorProcess {
    const child = fork(script, [], {
      cwd: ROOT,
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        BUDGET_DATA_DIR: dataDir,
        EVENT_STORE: 'sqlite',
        READ_STORE: 'sqlite',
        BUDGET_LEASE_TTL_MS: String(TEST_LEASE_TTL_MS),
        BUDGET_LEASE_RENEW_MS: String(TEST_LEASE_TTL_MS / 4),
        BUDGET_PROJECTOR_POLL_MS: '25',
        NO_COLOR: '1',
        // Its start-up lines are what these tests wait for (a harness in the same file may
        // have quietened the parent's LOG_LEVEL).
        LOG_LEVEL: 'info',
        ...env,
      },
    });
    return new ProjectorProcess(child);
  }

  private note(chunk: string): void {
    if (this.text.length < 200_000) this.text += chunk;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('projector did not start');
    return this.child.pid;
  }

  output(): string {
    return this.text;
  }

  /**
   * Resolves once its first round of leases is done (it logs its holder before that). A
   * child compiling TypeScript at start took over 20 s on CI's two cores while two suites
   * shared them: 40 s, and the specs that start two projectors allow 120 s.
   */
  async ready(): Promise<void> {
    await until(
      () => /holder \S+#\d+#/.test(this.text) || this.child.exitCode !== null,
      40_000,
      'a projector to start',
    );
    if (this.child.exitCode !== null) throw new Error(`projector exited:\n${this.text}`);
  }

  async message(kind: string, timeoutMs = 10_000): Promise<ChildMessage> {
    await until(() => this.messages.some((m) => m.kind === kind), timeoutMs, `message ${kind}`);
    return this.messages.find((m) => m.kind === kind)!;
  }

  /** The process state letter from /proc (T: stopped), or null where there is no /proc. */
  state(): string | null {
    const file = `/proc/${this.pid}/stat`;
    if (!existsSync(file)) return null;
    return readFileSync(file, 'utf8').split(') ')[1]?.[0] ?? null;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGTERM (clean: leases released) or SIGKILL, and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (signal !== 'SIGKILL') this.child.kill('SIGCONT');
      this.child.kill(signal);
    }
    await this.exited;
  }
}
