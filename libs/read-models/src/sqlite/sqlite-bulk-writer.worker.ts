/**
 * The bulk writer's thread (see sqlite-bulk-writer.ts): its own connection to the
 * read-model file, in bulk mode, writing each batch it is handed, in order, with the same
 * code as SqliteDocumentStore.applyBatch, and answering with the outcome. After an error,
 * or once the other side raised the abort flag, the batches still queued are skipped:
 * nothing is written past a failure.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteDocumentStore } from './sqlite-document-store';
import type { WriterReply, WriterRequest, WriterStart } from './sqlite-bulk-writer';
import { unpackBatch } from './sqlite-batch';

function describe(error: unknown): WriterReply['error'] {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
  };
}

async function main(): Promise<void> {
  const start = workerData as WriterStart;
  const port = parentPort;
  if (!port) throw new Error('sqlite-bulk-writer.worker runs as a worker thread');
  const abort = new Int32Array(start.abort);
  const store = new SqliteDocumentStore({ file: start.file });
  await store.beginBulkLoad([]);
  let failed = false;
  port.on('message', (request: WriterRequest) => {
    if (request.kind === 'close') {
      void store
        .endBulkLoad([])
        .then(() => store.close())
        .then(
          () => port.postMessage({ seq: request.seq, ok: true } satisfies WriterReply),
          (error: unknown) =>
            port.postMessage({ seq: request.seq, error: describe(error) } satisfies WriterReply),
        );
      return;
    }
    if (failed || Atomics.load(abort, 0) !== 0) {
      port.postMessage({ seq: request.seq, skipped: true } satisfies WriterReply);
      return;
    }
    try {
      const ok = store.writeEncoded(unpackBatch(request.batch), request.expectedPrevious);
      port.postMessage({ seq: request.seq, ok } satisfies WriterReply);
    } catch (error) {
      failed = true;
      port.postMessage({ seq: request.seq, error: describe(error) } satisfies WriterReply);
    }
  });
  port.postMessage({ seq: 0, ok: true } satisfies WriterReply);
}

void main().catch((error: unknown) => {
  parentPort?.postMessage({ seq: 0, error: describe(error) } satisfies WriterReply);
});
