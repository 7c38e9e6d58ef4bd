import {
  authorityOn,
  fold,
  streamIdForUser,
  userDecider,
  type Actor,
  type Authority,
  type Decider,
  type Messages,
  type UserEvent,
} from '@app/budgeting';
import type { EventStore, JsonObject } from '@app/event-store';
import type { CommandContext } from '../command-executor';
import { decodeEvent, type DomainEvent } from '../event-codec';
import { DecideOnStreamCommand } from '../shared/decide-on-stream';
import type { ImportHandlers } from './import-handlers';
import type { DataFileName, Illustrative, PersonItem } from './data-set';
import { formatPath } from './import-problem';
import type { PathSegments } from './yaml-file';

/**
 * Who records reference data (units, documents, users, delegations, allocations, plan
 * drafts): an administrator, as the API requires for them. Steps the rules keep from an
 * administrator (requesting a carry-over, approving) are taken by the people of the set.
 */
export const IMPORT_ACTOR: Actor = {
  userId: 'system:import',
  name: 'Nhập bộ dữ liệu (budget import)',
  role: 'admin',
  unit: null,
};

/** What a step runs on: the handlers over the log, or over a dry run's scratch store. */
export interface StepIo extends ImportHandlers {
  context(step: ImportStep): CommandContext;
}

export type StepKind =
  | 'document'
  | 'unit'
  | 'signatory'
  | 'budget_relationship_code'
  | 'person'
  | 'delegation'
  | 'allocation'
  | 'carry_over_request'
  | 'carry_over_approval'
  | 'carry_over_credit'
  | 'carry_over_completion'
  | 'deadline_extension'
  | 'line_classification'
  | 'plan_draft'
  | 'plan_submission'
  | 'plan_approval'
  | 'lead_agency'
  | 'payment_proposal'
  | 'payment_signature'
  | 'payment_treasury'
  | 'advance_settlement'
  | 'advance_recovery';

/**
 * One command of the import. Its id derives from the data item alone, so importing the
 * same set again finds every step already in the log and records nothing. `commandId`
 * and `streamId` name the step's first event as the executor derives it (eventIdOf).
 */
export interface ImportStep {
  readonly kind: StepKind;
  readonly file: DataFileName;
  /** The item in its file: `lines[3]`. */
  readonly path: PathSegments;
  /**
   * The item this step is part of (default: its path): once one of its steps is refused,
   * its later steps are not tried (a payment's signatures after its refused proposal).
   */
  readonly item?: PathSegments;
  /** Where a refusal naming no field is placed (default: the item): `extensions[0].lines[1]`. */
  readonly subject?: PathSegments;
  readonly illustrative: Illustrative;
  readonly commandId: string;
  readonly streamId: string;
  readonly actor: Actor;
  readonly effectiveDate: string;
  /** Where this item would sit had it been imported with other content (another requester). */
  readonly earlierForms?: readonly {
    readonly streamId: string;
    readonly commandId: string;
    readonly why: Messages;
  }[];
  /** A refusal's field (`on`, `delegationId`…) as the item's own field; null: the item. */
  readonly fields?: Readonly<Record<string, string | null>>;
  /**
   * The ledger says it already, though not by this step (a plan drafted through the API
   * with the same content): the step is left out rather than refused.
   */
  satisfied?(history: readonly DomainEvent[]): boolean;
  /** Sends the command the API sends for the same thing, to the handlers of `io`. */
  run(io: StepIo): Promise<void>;
}

export type StepBase = Omit<ImportStep, 'run' | 'satisfied'>;

export function onStream<C, E extends DomainEvent, S>(
  base: StepBase,
  decider: Decider<C, E, S>,
  command: C,
  answerId: string,
): ImportStep {
  const step: ImportStep = {
    ...base,
    run: async (io) => {
      await io.commands.execute(
        new DecideOnStreamCommand(io.context(step), base.streamId, decider, command, answerId),
      );
    },
  };
  return step;
}

/** The delegation in force on `date` in a user's stream, as approvals read it. */
export async function authorityFromLog(
  store: EventStore,
  userId: string,
  date: string,
): Promise<Authority | null> {
  const recorded = await store.readStream(streamIdForUser(userId));
  const events = recorded.map((r) => decodeEvent<UserEvent>(r));
  return authorityOn(fold(userDecider, events), date);
}

export function actorOf(person: PersonItem): Actor {
  return { userId: person.id, name: person.name, role: person.role, unit: person.unit ?? null };
}

/** A step's command context: its actor and date, the item it came from, for the audit trail. */
export function importContext(
  setName: string,
  step: ImportStep,
  correlationId: string,
): CommandContext {
  const extra: JsonObject = {
    importedFrom: `${setName}/${step.file}${step.path.length > 0 ? `: ${formatPath(step.path)}` : ''}`,
    ...(step.illustrative === false
      ? {}
      : { illustrative: step.illustrative === true ? true : [...step.illustrative] }),
  };
  return {
    actor: step.actor,
    commandId: step.commandId,
    correlationId,
    causationId: null,
    effectiveDate: step.effectiveDate,
    // A data set transcribes decisions made earlier: they were made on their own date.
    recordedOn: step.effectiveDate,
    extra,
  };
}
