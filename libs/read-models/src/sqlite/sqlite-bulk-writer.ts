import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BulkWriter, Write } from '../document-store.port';
import { encodeBatch, packBatch, type PackedBatch } from './sqlite-batch';

/** What the thread is started with. */
export interface WriterStart {
  readonly file: string;
  /** Int32 flag: nonzero tells the thread to skip what is still queued. */
  readonly abort: SharedArrayBuffer;
}

export type WriterRequest =
  | {
      readonly kind: 'batch';
      readonly seq: number;
      readonly batch: PackedBatch;
      readonly expectedPrevious: bigint | null | undefined;
    }
  | { readonly kind: 'close'; readonly seq: number };

/** seq 0 answers the start. */
export interface WriterReply {
  readonly seq: number;
  readonly ok?: boolean;
  readonly skipped?: true;
  readonly error?: {
    readonly name: string;
    readonly message: string;
    readonly code?: string;
    readonly stack?: string;
  };
}

/**
 * Starts the thread's module whatever runs this code: built JavaScript as it is; from the
 * TypeScript sources (the `budget` CLI, tests, benches) through the repository's own
 * loader, bin/ts-loader.js, unless a `.ts` loader is already there (`-r @swc-node/register`
 * is passed on to threads).
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.loader && !require.extensions['.ts']) require(workerData.loader).register();
require(workerData.entry);
`;

interface Waiting {
  readonly resolve: (ok: boolean) => void;
  readonly reject: (error: Error) => void;
}

function toError(reply: NonNullable<WriterReply['error']>): Error {
  const error = new Error(`read-model writer thread: ${reply.message}`);
  error.name = reply.name;
  if (reply.code !== undefined) (error as Error & { code?: string }).code = reply.code;
  if (reply.stack !== undefined) error.stack = `${error.name}: ${error.message}\n${reply.stack}`;
  return error;
}

/**
 * A rebuild's SQLite writes on a second thread (DocumentStore.openBulkWriter): the caller
 * checks and encodes each batch (encodeBatch, as applyBatch does) and posts its JSON text;
 * the thread inserts and commits it with its checkpoint on its own connection, so on two
 * cores the storage overlaps the replay. Batches are written in the order posted. The
 * caller bounds how many wait (the replay: `maxInFlight`), which bounds the memory.
 * Errors come back on the batch's promise; from the first error on, the batches still
 * queued are skipped. A thread that dies rejects every batch waiting.
 */
export class SqliteBulkWriter implements BulkWriter {
  private readonly worker: Worker;
  private readonly stop = new SharedArrayBuffer(4);
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;
  private failure: Error | null = null;
  private exited = false;

  private constructor(file: string) {
    const ts = extname(__filename) === '.ts';
    const start: WriterStart & { entry: string; loader: string | null } = {
      file,
      abort: this.stop,
      entry: join(__dirname, `sqlite-bulk-writer.worker${extname(__filename)}`),
      loader: ts ? join(__dirname, '..', '..', '..', '..', 'bin', 'ts-loader.js') : null,
    };
    this.worker = new Worker(BOOT, { eval: true, workerData: start });
    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.fail(new Error(`read-model writer thread exited (code ${code})`));
    });
  }

  /** Starts the thread on the file, resolved once its connection is open in bulk mode. */
  static async start(file: string): Promise<SqliteBulkWriter> {
    const writer = new SqliteBulkWriter(file);
    try {
      await writer.expect(0);
    } catch (error) {
      await writer.worker.terminate();
      throw error;
    }
    return writer;
  }

  private expect(seq: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.waiting.set(seq, { resolve, reject });
    });
  }

  private settle(reply: WriterReply): void {
    const waiting = this.waiting.get(reply.seq);
    if (!waiting) return;
    this.waiting.delete(reply.seq);
    if (reply.error) {
      const error = toError(reply.error);
      this.failure ??= error;
      waiting.reject(error);
    } else if (reply.skipped) {
      waiting.reject(this.failure ?? new Error('read-model writer thread: batch skipped'));
    } else {
      waiting.resolve(reply.ok === true);
    }
  }

  /** Everything waiting is rejected; nothing more is written. */
  private fail(error: Error): void {
    this.failure ??= error;
    Atomics.store(new Int32Array(this.stop), 0, 1);
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }

  applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
  ): Promise<boolean> {
    if (this.failure) return Promise.reject(this.failure);
    // Encoded now: the caller may change the documents' values once this returns.
    const batch = packBatch(encodeBatch(projection, writes, position, version));
    const seq = ++this.seq;
    const done = this.expect(seq);
    const request: WriterRequest = { kind: 'batch', seq, batch, expectedPrevious };
    this.worker.postMessage(request, [batch.text]);
    return done;
  }

  async abort(): Promise<void> {
    Atomics.store(new Int32Array(this.stop), 0, 1);
    await this.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const seq = ++this.seq;
      const closed = new Promise<void>((resolve, reject) => {
        this.waiting.set(seq, { resolve: () => resolve(), reject });
      });
      this.worker.postMessage({ kind: 'close', seq } satisfies WriterRequest);
      try {
        await closed;
      } catch (error) {
        this.failure ??= error as Error;
      } finally {
        // The thread closed its connection (or failed to): it has nothing left to do.
        this.worker.removeAllListeners('exit');
        this.exited = true;
        await this.worker.terminate();
      }
    }
    if (this.failure) throw this.failure;
  }
}
