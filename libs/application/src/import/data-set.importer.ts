import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Module, Optional } from '@nestjs/common';
import type { Money } from '@app/budgeting';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { BudgetingApplicationModule } from '../budgeting-application.module';
import { registerAccounts, type AccountRegistry } from './accounts';
import type { DataSet } from './data-set';
import { dryRun, type DryRun } from './dry-run';
import { importHandlers } from './import-handlers';
import { DataSetInvalidError } from './import-problem';
import { importContext } from './import-step';
import { planImport, type ImportStep, type StepIo } from './import-steps';
import { loadDataSet } from './load-data-set';
import { ProgramSettings } from '../shared/program-settings';

export interface ImportOptions {
  /** Called after each command: done of total (total 0 when there is nothing to record). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops between two commands (a process shutting down): every command is whole. */
  readonly signal?: AbortSignal;
}

export interface ImportCounts {
  readonly documents: number;
  readonly units: number;
  readonly people: number;
  readonly delegations: number;
  /** Distinct budget lines money was put on. */
  readonly lines: number;
  readonly allocations: number;
  readonly carryOvers: number;
  /** Deadline extensions (gia hạn), each a decision naming its lines. */
  readonly extensions: number;
  readonly plans: number;
  readonly activities: number;
  /** Payments of payments.yaml (proposed, signed, through the Treasury, settled). */
  readonly payments: number;
}

export interface ImportResult {
  readonly dataSet: string;
  /** What the set holds (whether recorded now or by an earlier import). */
  readonly imported: ImportCounts;
  readonly amounts: {
    readonly allocated: Money;
    readonly carriedIn: Money;
    readonly total: Money;
  };
  /** Events this run recorded. */
  readonly events: number;
  /** True when every command of the set was already in the log: nothing was recorded. */
  readonly alreadyPresent: boolean;
}

export function countsOf(set: DataSet): Pick<ImportResult, 'imported' | 'amounts'> {
  const lines = set.lines?.lines ?? [];
  const sum = (kind: string): Money =>
    lines.filter((l) => l.kind === kind).reduce((total, l) => total + BigInt(l.amount), 0n);
  const lineIds = new Set(
    lines.map((l) => [l.programPart, l.fundSource, l.sourceYear, l.unit].join('.')),
  );
  const allocated = sum('allocation');
  const carriedIn = sum('carry_over');
  return {
    imported: {
      documents: set.documents.length,
      units: set.units.length,
      people: set.people.length,
      delegations: set.people.reduce((n, p) => n + (p.delegations?.length ?? 0), 0),
      lines: lineIds.size,
      allocations: lines.filter((l) => l.kind === 'allocation').length,
      carryOvers: lines.filter((l) => l.kind === 'carry_over').length,
      extensions: set.lines?.extensions?.length ?? 0,
      plans: set.plan ? 1 : 0,
      activities: set.plan?.activities.length ?? 0,
      payments: set.payments?.payments.length ?? 0,
    },
    amounts: { allocated, carriedIn, total: allocated + carriedIn },
  };
}

const PAGE = 1000;

async function eventsAfter(store: EventStore, after: bigint | null): Promise<number> {
  let count = 0;
  let from = after ?? undefined;
  for (;;) {
    const page = await store.readAll({
      ...(from === undefined ? {} : { after: from }),
      maxCount: PAGE,
    });
    count += page.length;
    if (page.length < PAGE) return count;
    from = page.at(-1)?.position;
  }
}

/**
 * Imports a data set with the commands, handlers, rules and events of the API. Every
 * command id derives from its data item, so a second import of the same set records
 * nothing. Before anything is written the whole set is run dry: the same handlers over a
 * scratch store (see dryRun). A refusal or an item edited since it was imported stops
 * the import with every problem listed and nothing of it recorded.
 *
 * Carry-overs go through RequestTransferCommand and DecideTransferCommand, as in the
 * API; the money then moves by the transfer process (TransferProcess), run here on the
 * approval right away rather than left to the follow-up subscription: a CLI process
 * ends before any subscription would get to it. Its steps have the process's own
 * deterministic ids, so when the API's follow-up runner later (or at the same time)
 * handles the same approval, it finds them done and records nothing.
 */
@Injectable()
export class DataSetImporter {
  private readonly settings: ProgramSettings;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() settings?: ProgramSettings,
  ) {
    this.settings = settings ?? ProgramSettings.ofProcess();
  }

  /** Reads, checks and imports a folder; throws DataSetInvalidError listing every problem. */
  async importFolder(
    folder: string,
    options: ImportOptions & { readonly accounts?: AccountRegistry } = {},
  ): Promise<ImportResult & { readonly accountsCreated: readonly string[] }> {
    const { dataSet, problems } = await loadDataSet(folder, this.settings);
    if (!dataSet) throw new DataSetInvalidError(problems);
    const result = await this.importDataSet(dataSet, options);
    const accountsCreated = options.accounts ? registerAccounts(options.accounts, dataSet) : [];
    return { ...result, accountsCreated };
  }

  /**
   * What importing the set would do now, recording nothing: the steps already in the log
   * (`present`), those left (`todo`), the events they would record, and any problem.
   */
  async dryRun(set: DataSet, correlationId = `import:${set.name}:dry-run`): Promise<DryRun> {
    return dryRun(planImport(set), this.store, {
      settings: this.settings,
      lineOf: set.lineOf,
      context: (step) => importContext(set.name, step, correlationId),
    });
  }

  /** Imports a set loaded by loadDataSet. */
  async importDataSet(set: DataSet, options: ImportOptions = {}): Promise<ImportResult> {
    const correlationId = `import:${set.name}:${randomUUID()}`;
    const planned = await this.dryRun(set, correlationId);
    if (planned.problems.length > 0) throw new DataSetInvalidError(planned.problems);

    const head = await this.store.headPosition();
    const io: StepIo = {
      ...importHandlers(this.store, this.settings),
      context: (step: ImportStep) => importContext(set.name, step, correlationId),
    };
    const total = planned.todo.length;
    options.onProgress?.(0, total);
    let done = 0;
    for (const step of planned.todo) {
      options.signal?.throwIfAborted();
      await step.run(io);
      options.onProgress?.(++done, total);
    }
    const events = total === 0 ? 0 : await eventsAfter(this.store, head);
    return { dataSet: set.name, ...countsOf(set), events, alreadyPresent: total === 0 };
  }
}

/**
 * The importer with what it needs, for a process that has no application module yet
 * (the CLI): `NestFactory.createApplicationContext(DataSetImportModule)`. An app that
 * already imports BudgetingApplicationModule may import this module too.
 */
@Module({
  imports: [BudgetingApplicationModule],
  providers: [DataSetImporter],
  exports: [DataSetImporter],
})
export class DataSetImportModule {}
