import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { FollowUpRunner } from '@app/application';
import { InjectConfig, type BudgetConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  DOCUMENT_STORE,
  projectionLag,
  type DocumentStore,
} from '@app/read-models';
import { ExampleLoader } from '../example/example-loader';

/** A dependency that does not answer within this is down (a health check must not hang). */
const DEPENDENCY_TIMEOUT_MS = 3000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${DEPENDENCY_TIMEOUT_MS} ms`)),
      DEPENDENCY_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The readiness indicators: whether this API can answer truthfully now. Each says up or
 * down and, when down, why in words — never a log position or other figure of the ledger
 * (the endpoint answers without a token).
 */
@Injectable()
export class Readiness {
  /**
   * The log position the read models must reach once before the API is ready: the head
   * when the example finished (or was skipped). After that, a lag within the bound will do.
   */
  private firstTarget: bigint | null | undefined = undefined;
  private caughtUpOnce = false;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly docs: DocumentStore,
    private readonly followUps: FollowUpRunner,
    private readonly loader: ExampleLoader,
    @InjectConfig() private readonly config: BudgetConfig,
  ) {}

  async eventLog(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventLog');
    try {
      await within(this.events.headPosition(), 'the event log');
      return check.up();
    } catch (error) {
      return check.down({ reason: `unreachable: ${reason(error)}` });
    }
  }

  async readStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('readStore');
    try {
      await within(
        this.docs.resolveAlias(ALL_PROJECTIONS[0]?.name ?? 'balances'),
        'the read store',
      );
      return check.up();
    } catch (error) {
      return check.down({ reason: `unreachable: ${reason(error)}` });
    }
  }

  example(): HealthIndicatorResult {
    const check = this.indicators.check('example');
    const state = this.loader.state;
    switch (state.kind) {
      case 'loaded':
        return check.up();
      case 'skipped':
        return check.up({ skipped: state.why });
      case 'pending':
        return check.down({ reason: 'not started yet' });
      case 'loading':
        return check.down({
          reason: `loading the Ba Tơ 2024 example (${state.done} of ${state.total} steps)`,
        });
      case 'failed':
        return check.down({ reason: state.why });
    }
  }

  /**
   * Every projection within BUDGET_READY_MAX_LAG events of the log, and — the first time —
   * up to the head as the example left it, so a new user's first answer shows the whole plan.
   */
  async readModels(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('readModels');
    const state = this.loader.state.kind;
    if (state !== 'loaded' && state !== 'skipped') {
      return check.down({ reason: 'waiting for the example to be loaded' });
    }
    try {
      if (this.firstTarget === undefined) {
        this.firstTarget = await within(this.events.headPosition(), 'the event log');
      }
      const maxLag = this.config.readiness.maxLag;
      const lags = await within(
        projectionLag(this.events, this.docs, ALL_PROJECTIONS, maxLag),
        'the read store',
      );
      const target = this.firstTarget;
      if (!this.caughtUpOnce) {
        const behind = lags.filter(
          (l) => target !== null && (l.appliedUpTo === null || l.appliedUpTo < target),
        );
        if (behind.length > 0) {
          return check.down({
            reason: `catching up with the log after the start: ${behind.map((l) => l.projection).join(', ')}`,
          });
        }
        this.caughtUpOnce = true;
      }
      const lagging = lags.filter((l) => l.behind > maxLag);
      if (lagging.length > 0) {
        return check.down({
          reason: `more than ${maxLag} events behind the log: ${lagging.map((l) => l.projection).join(', ')}`,
        });
      }
      return check.up();
    } catch (error) {
      return check.down({ reason: reason(error) });
    }
  }

  followUpProcesses(): HealthIndicatorResult {
    const check = this.indicators.check('followUps');
    if (!this.config.followUps) return check.up({ runHere: false });
    const { running, failure } = this.followUps.status();
    if (!running) return check.down({ reason: 'stopped' });
    if (failure !== null)
      return check.down({ reason: `restarting from the checkpoint: ${failure}` });
    return check.up();
  }
}
