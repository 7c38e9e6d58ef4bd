import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { FollowUpRunner } from '@app/application';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  DOCUMENT_STORE,
  LeaseSupervisor,
  type DocumentStore,
  type LeaseChange,
  type LeasedTask,
} from '@app/read-models';
import { FollowUpsTask } from './follow-ups.task';
import { ProjectionTask } from './projection.task';
import { PROJECTOR_SETTINGS } from './projector.tokens';
import type { ProjectorSettings } from './projector-settings';

/**
 * The projector: competes for a lease per projection and one for the process managers,
 * and runs what it holds. Several projectors may run; each lease has one holder at a time,
 * the others stand by and take over when it expires or is released.
 */
@Injectable()
export class ProjectorService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Projector');
  readonly supervisor: LeaseSupervisor;

  constructor(
    @Inject(EVENT_STORE) events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly docs: DocumentStore,
    @Inject(PROJECTOR_SETTINGS) readonly settings: ProjectorSettings,
    followUps: FollowUpRunner,
  ) {
    const tasks: LeasedTask[] = [];
    if (settings.projections) {
      for (const projection of ALL_PROJECTIONS) {
        tasks.push(new ProjectionTask(events, docs, projection, settings.pollIntervalMs));
      }
    }
    if (settings.followUps) tasks.push(new FollowUpsTask(followUps));
    this.supervisor = new LeaseSupervisor(docs, tasks, {
      holder: settings.holder,
      ttlMs: settings.leaseTtlMs,
      renewEveryMs: settings.renewEveryMs,
      onChange: (change) => this.logger.log(describe(change)),
      onError: (lease, error) => this.logger.error(`lease ${lease}: ${String(error)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.logger.log(`holder ${this.settings.holder}, lease TTL ${this.settings.leaseTtlMs} ms`);
    await this.supervisor.start();
  }

  /** Before the stores close: stop the work, then hand the leases to a standby. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.supervisor.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.docs.close();
  }
}

function describe(change: LeaseChange): string {
  switch (change.kind) {
    case 'acquired':
      return `${change.lease}: running (token ${change.token})`;
    case 'lost':
      return `${change.lease}: stopped, lease lost (token ${change.token}): ${change.why}`;
    case 'released':
      return `${change.lease}: stopped, lease released (token ${change.token})`;
  }
}
