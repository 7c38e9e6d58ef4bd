import { Logger } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import {
  FencedDocumentStore,
  ProjectionRunner,
  checkpointName,
  isFencedOff,
  rebuildProjection,
  servingGeneration,
  type DocumentStore,
  type Fence,
  type LeasedTask,
  type Projection,
} from '@app/read-models';

/** Lease of one projection: one writer per projection, whatever generation it serves. */
export function projectionLease(projection: Projection): string {
  return `projection:${projection.name}`;
}

/**
 * One projection, run while this process holds its lease: the same ProjectionRunner the
 * API runs in a single-process deployment, over a store that fences every batch. Like the
 * API at start-up, it rebuilds beside the serving generation when the serving documents
 * were built by another version of the projection's code.
 */
export class ProjectionTask implements LeasedTask {
  readonly lease: string;
  private readonly logger: Logger;
  private runner: ProjectionRunner | null = null;
  private fenced: FencedDocumentStore | null = null;
  private rebuilding: Promise<void> | null = null;

  constructor(
    private readonly events: EventStore,
    private readonly docs: DocumentStore,
    private readonly projection: Projection,
    private readonly pollIntervalMs: number,
  ) {
    this.lease = projectionLease(projection);
    this.logger = new Logger(`Projector ${projection.name}`);
  }

  async start(fence: Fence, lost: () => void): Promise<void> {
    const fenced = new FencedDocumentStore(this.docs, fence);
    const runner = new ProjectionRunner(this.events, fenced, [this.projection], {
      pollIntervalMs: this.pollIntervalMs,
      onError: (_, error) => {
        if (isFencedOff(error)) lost();
        else this.logger.error(`${String(error)}; retrying`);
      },
    });
    this.fenced = fenced;
    this.runner = runner;
    await runner.start();
    const serving = await servingGeneration(fenced, this.projection);
    const checkpoint = await fenced.checkpoint(checkpointName(serving));
    if (checkpoint !== null && checkpoint.version !== this.projection.version) {
      this.logger.warn(
        `built by version ${checkpoint.version}, code is ${this.projection.version}: rebuilding`,
      );
      this.rebuilding = rebuildProjection(this.events, fenced, this.projection).then(
        (report) =>
          this.logger.log(
            `rebuilt: ${report.eventsReplayed} events, generation ${report.toGeneration}`,
          ),
        (error: unknown) => {
          if (isFencedOff(error)) lost();
          else this.logger.error(`rebuild failed: ${String(error)}`);
        },
      );
    }
  }

  async stop(): Promise<void> {
    // Revoked first: a batch in flight, or a rebuild's next one, is refused from now on.
    this.fenced?.revoke();
    await this.runner?.stop();
    await this.rebuilding;
    this.runner = null;
    this.fenced = null;
    this.rebuilding = null;
  }
}
