import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { DataSetImporter, loadDataSet } from '@app/application';
import { InjectConfig, type BudgetConfig } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { BufferedAccounts, Credentials } from '@app/api-state';
import { streamIdForUser } from '@app/budgeting';

/** Streams of users and their delegations (`streamIdForUser`), kept apart from the books. */
const USER_STREAM_PREFIX = streamIdForUser('');

/** The seed plan as data, shipped with the product. */
export const EXAMPLE_FOLDER = join(__dirname, '..', '..', '..', '..', 'examples', 'ba-to-2024');

export type ExampleState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'loading'; readonly done: number; readonly total: number }
  | { readonly kind: 'loaded'; readonly events: number; readonly resumed: boolean }
  | { readonly kind: 'skipped'; readonly why: string }
  | { readonly kind: 'failed'; readonly why: string };

/**
 * Loads the Ba Tơ 2024 example on a first start, through the same commands as the API, so
 * a new user sees the plan's money at once — and finishes it on the next start when a
 * start was stopped half-way. What was loaded decides, not whether the log is empty: every
 * step's command id derives from its data item, so the importer's dry run tells which
 * steps are in the log already and records only the others (each exactly once).
 *
 * - empty log: load it all;
 * - some of the example's steps in the log: a load was interrupted, finish it;
 * - all of them: nothing to record (the accounts are registered again if they were lost);
 * - none of them in a log that holds other events: this ledger is someone's own, leave it.
 *   Users registered with `budget users add` before the first start do not count: the
 *   README has a new user add their accounts first, and those are not a ledger's books.
 *
 * BUDGET_NO_EXAMPLE=1 skips all this. Readiness (/health) stays "not ready" until the
 * state is `loaded` or `skipped`.
 */
@Injectable()
export class ExampleLoader implements OnApplicationShutdown {
  private readonly logger = new Logger('Example');
  private readonly abort = new AbortController();
  private current: ExampleState = { kind: 'pending' };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Credentials) private readonly credentials: Credentials,
    @InjectConfig() private readonly config: BudgetConfig,
  ) {}

  get state(): ExampleState {
    return this.current;
  }

  /** Runs once after the server listens; never throws (the state says what happened). */
  async run(): Promise<ExampleState> {
    try {
      this.current = await this.load();
    } catch (error) {
      const why = this.abort.signal.aborted
        ? 'interrupted by shutdown; the next start finishes it'
        : error instanceof Error
          ? error.message
          : String(error);
      this.current = { kind: 'failed', why };
    }
    this.report();
    return this.current;
  }

  private async load(): Promise<ExampleState> {
    if (!this.config.loadExample) return { kind: 'skipped', why: 'BUDGET_NO_EXAMPLE=1' };
    const { dataSet, problems } = await loadDataSet(EXAMPLE_FOLDER);
    if (!dataSet) {
      return { kind: 'failed', why: `the example does not load: ${problems[0]?.message.en ?? ''}` };
    }
    const importer = new DataSetImporter(this.store);
    const planned = await importer.dryRun(dataSet);
    if (planned.present === 0 && (await this.holdsBooks())) {
      return { kind: 'skipped', why: 'the log holds other events and none of the example' };
    }
    if (planned.problems.length > 0) {
      const first = planned.problems[0];
      return {
        kind: 'failed',
        why: `the rest of the example is refused (${planned.problems.length} problems; first: ${first?.message.en ?? ''}); set BUDGET_NO_EXAMPLE=1 to start without it`,
      };
    }
    const total = planned.todo.length;
    this.current = { kind: 'loading', done: 0, total };
    const accounts = await BufferedAccounts.load(this.credentials);
    const result = await importer.importFolder(EXAMPLE_FOLDER, {
      accounts,
      signal: this.abort.signal,
      onProgress: (done) => (this.current = { kind: 'loading', done, total }),
    });
    await accounts.flush();
    return { kind: 'loaded', events: result.events, resumed: planned.present > 0 };
  }

  /**
   * Whether the log holds anything but users and their delegations (streams `user-…`).
   * Reads forward only until the first such event: at once for a ledger in use, and at
   * most the users for one that has nothing else yet.
   */
  private async holdsBooks(): Promise<boolean> {
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: 500, upcast: false });
      if (page.length === 0) return false;
      if (page.some((e) => !e.streamId.startsWith(USER_STREAM_PREFIX))) return true;
      after = page[page.length - 1]!.position;
    }
  }

  private report(): void {
    const state = this.current;
    if (state.kind === 'loaded' && state.events > 0) {
      const how = state.resumed ? 'Đã nạp nốt' : 'Đã nạp';
      const howEn = state.resumed ? 'Finished loading' : 'Loaded';
      this.logger.log(
        `${how} ví dụ Kế hoạch Ba Tơ 2024 (${state.events} sự kiện) / ${howEn} the Ba Tơ 2024 example (${state.events} events).`,
      );
    } else if (state.kind === 'failed') {
      this.logger.error(
        `Ví dụ Ba Tơ 2024 chưa nạp xong / The Ba Tơ 2024 example is not loaded: ${state.why}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.abort.abort();
  }
}
