import {
  ANY,
  AccessDeniedError,
  BACKWARDS,
  END,
  NO_STREAM,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { CheckpointStore } from '../event-store.port';
import type { EsdbClient } from './eventstoredb-client';
import { translated } from './eventstoredb-errors';
import { CHECKPOINT_STREAM_PREFIX } from './eventstoredb-mapping';
import { ON_LEADER, readStreamRecords } from './eventstoredb-reads';

/** Only the latest checkpoint matters; ESDB scavenges the older ones past this count. */
const KEPT_CHECKPOINTS = 5;

/**
 * Checkpoints kept in EventStoreDB itself, so they are as durable as the log and shared
 * by every process: one stream per consumer (`budget-checkpoint-<consumer>`), one
 * `CheckpointStored` event per store. The event store hides these streams from
 * readAll, headPosition and subscriptions (they carry no hash, and the prefix is reserved).
 */
export class EventStoreDbCheckpointStore implements CheckpointStore {
  /** Consumers whose stream already has its maxCount (set once per stream, ever). */
  private readonly limited = new Set<string>();

  constructor(
    private readonly client: EsdbClient,
    private readonly clock: () => Date,
    /** Named by EventStoreUnavailableError. */
    private readonly target: string,
  ) {}

  load(consumer: string): Promise<bigint | null> {
    return translated(this.target, () => this.loadLatest(consumer));
  }

  store(consumer: string, position: bigint): Promise<void> {
    return translated(this.target, () => this.append(consumer, position));
  }

  private async loadLatest(consumer: string): Promise<bigint | null> {
    const [latest] = await readStreamRecords(this.client, streamOf(consumer), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    if (!latest) return null;
    const data = latest.data as { position?: unknown } | null;
    const position = typeof data === 'object' && data !== null ? data.position : undefined;
    if (typeof position !== 'string' || !/^\d+$/.test(position)) {
      throw new Error(`The checkpoint of ${consumer} is not a log position: ${String(position)}`);
    }
    return BigInt(position);
  }

  private async append(consumer: string, position: bigint): Promise<void> {
    await this.limitStream(consumer);
    const event = jsonEvent({
      type: 'CheckpointStored',
      data: { position: position.toString() },
      metadata: { storedAt: this.clock().toISOString() },
    });
    await this.client.appendToStream(streamOf(consumer), event, {
      expectedRevision: ANY,
      ...ON_LEADER,
    });
  }

  /**
   * Writes the stream's metadata if nobody has yet (expected no_stream on $$stream). The
   * application user may write no stream metadata (docs/deployment.md, "EventStoreDB
   * permissions": metadata can truncate a stream); the setup script then sets it for the
   * ledger's consumers, and a refusal here leaves the stream merely unbounded.
   */
  private async limitStream(consumer: string): Promise<void> {
    if (this.limited.has(consumer)) return;
    try {
      await this.client.setStreamMetadata(
        streamOf(consumer),
        { maxCount: KEPT_CHECKPOINTS },
        { expectedRevision: NO_STREAM, ...ON_LEADER },
      );
    } catch (error) {
      // Already set by an earlier run, another process or the operator: what we wanted.
      const settled = error instanceof WrongExpectedVersionError;
      if (!settled && !(error instanceof AccessDeniedError)) throw error;
    }
    this.limited.add(consumer);
  }
}

function streamOf(consumer: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${consumer}`;
}
