import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@app/event-store';
import type { DocumentStore, ReadModels } from '@app/read-models';
import type { CliContext } from './cli-context';
import { CliError } from './cli-errors';

export type ReadModelsLibrary = typeof import('@app/read-models');

/** What a read command works with, opened on its `--data` and closed when it is done. */
export interface ReadSession {
  readonly lib: ReadModelsLibrary;
  readonly events: EventStore;
  readonly docs: DocumentStore;
  readonly models: ReadModels;
  /** The log's head when the command started: every current projection has applied it. */
  readonly head: bigint | null;
  /** Projections whose serving documents another code version built: left as they are. */
  readonly outdated: readonly string[];
}

export interface ReadSessionOptions {
  /** Projections the command reads: refused when one of them is outdated. */
  readonly reads: readonly string[];
  /**
   * Leave serving generations that never applied an event as they are (`budget rebuild`:
   * it replaces those without comparing, so projecting the whole log into them first
   * would only do the rebuild's work twice).
   */
  readonly skipUnstarted?: boolean;
  /** The log's page cache in KiB, for a command that reads the log once from start to end. */
  readonly logCacheKib?: number;
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function openDocuments(lib: ReadModelsLibrary, cli: CliContext): Promise<DocumentStore> {
  try {
    return await lib.createDocumentStore(cli.config.readStore);
  } catch (error) {
    // Coded failures (READ_MODELS.UNAVAILABLE…) go to the error mapper as they are.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.includes('.')) throw error;
    throw new CliError('READ_STORE.OPEN_FAILED', {
      vi: `không mở được kho dữ liệu đọc: ${detail(error)}`,
      en: `cannot open the read model store: ${detail(error)}`,
    });
  }
}

/**
 * Brings the serving generation of every projection up to the log's head before
 * anything is read, so the CLI never answers from stale documents, with or without an
 * API running. Safe beside a live runner in another process: each batch commits with its
 * checkpoint and a batch not beyond the stored checkpoint is skipped.
 */
async function catchUp(
  lib: ReadModelsLibrary,
  events: EventStore,
  docs: DocumentStore,
  skipUnstarted: boolean,
): Promise<{ head: bigint | null; outdated: string[] }> {
  const head = await events.headPosition();
  const outdated: string[] = [];
  for (const projection of lib.ALL_PROJECTIONS) {
    const generation = await lib.servingGeneration(docs, projection);
    const checkpoint = await docs.checkpoint(lib.checkpointName(generation));
    // Applying this code's evolve on documents of another version would mix both and
    // stamp the checkpoint with this version, hiding from the API that it must rebuild.
    if (checkpoint !== null && checkpoint.version !== projection.version) {
      outdated.push(projection.name);
      continue;
    }
    if (head === null || (skipUnstarted && checkpoint === null)) continue;
    // A rebuild (here or in another process) holds the serving generation at a position
    // while it compares: going past it would make the comparison see a moving target.
    const freeze = await docs.resolveAlias(lib.freezeAlias(projection.name));
    const until = freeze && BigInt(freeze) < head ? BigInt(freeze) : head;
    await lib.projectRange(events, docs, generation, { until });
  }
  return { head, outdated };
}

/**
 * Opens the event log and the read models as the API would on the same `--data` (same
 * EVENT_STORE / READ_STORE settings), catches the projections up, runs `use`, and closes
 * both. The read-model library (and the database clients it brings) loads only here, so
 * `budget users add` stays quick.
 */
export async function withReadModels<T>(
  cli: CliContext,
  options: ReadSessionOptions,
  use: (session: ReadSession) => Promise<T>,
): Promise<T> {
  const [eventLib, lib] = await Promise.all([
    import('@app/event-store'),
    import('@app/read-models'),
  ]);
  const config = cli.config.eventStore;

  let events: EventStore;
  let docs: DocumentStore;
  if (config.kind === 'sqlite' && !existsSync(join(config.dataDir, 'events.sqlite'))) {
    if (!existsSync(config.dataDir)) {
      throw new CliError('DATA.NOT_FOUND', {
        vi: `không có thư mục dữ liệu ${config.dataDir} (xem --data, BUDGET_DATA_DIR)`,
        en: `no data folder ${config.dataDir} (see --data, BUDGET_DATA_DIR)`,
      });
    }
    // Nothing recorded yet: answer from an empty log, and a read must not create one
    // (nor read models) in a folder that may be the wrong one.
    cli.warn({
      vi: `Chưa có sổ sự kiện trong ${config.dataDir}: chưa ghi nhận nghiệp vụ nào.`,
      en: `No event log in ${config.dataDir} yet: nothing has been recorded.`,
    });
    events = new eventLib.SqliteEventStore({ file: ':memory:' });
    docs = new lib.SqliteDocumentStore({ file: ':memory:' });
  } else {
    events = eventLib.createEventStore(
      options.logCacheKib === undefined
        ? config
        : { ...config, sqliteCacheKib: options.logCacheKib },
    );
    try {
      docs = await openDocuments(lib, cli);
    } catch (error) {
      await events.close();
      throw error;
    }
  }

  try {
    const { head, outdated } = await catchUp(lib, events, docs, options.skipUnstarted === true);
    const blocking = outdated.filter((name) => options.reads.includes(name));
    if (blocking.length > 0) {
      const names = blocking.join(', ');
      throw new CliError('READ_MODEL.OUTDATED', {
        vi: `dữ liệu đọc ${names} do một phiên bản mã khác dựng nên, chưa dùng được: chạy budget rebuild --projection ${blocking[0]} (hoặc chờ API tự dựng lại khi khởi động)`,
        en: `read model ${names} was built by another code version and cannot be used yet: run budget rebuild --projection ${blocking[0]} (or let the API rebuild it on start)`,
      });
    }
    return await use({ lib, events, docs, models: new lib.ReadModels(docs), head, outdated });
  } finally {
    try {
      await docs.close();
    } finally {
      await events.close();
    }
  }
}
