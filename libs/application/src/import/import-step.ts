import type { CommandBus } from '@nestjs/cqrs';
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
import type { EventStore } from '@app/event-store';
import type { CommandContext } from '../command-executor';
import { decodeEvent, type DomainEvent } from '../event-codec';
import { DecideOnStreamCommand } from '../shared/decide-on-stream';
import type { DataFileName, Illustrative, PersonItem } from './data-set';
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

/** What a step's decision may look at besides its own stream. */
export interface LedgerReader {
  events(streamId: string): readonly DomainEvent[];
  fiscalYearClosed(year: number): boolean;
}

/** What a step needs to record itself for real. */
export interface StepIo {
  readonly commands: CommandBus;
  readonly store: EventStore;
  context(step: ImportStep): CommandContext;
  /** Runs the transfer process on an approved transfer (debit/credit, completion). */
  moveMoney(transferId: string): Promise<void>;
}

export type StepKind =
  | 'document'
  | 'unit'
  | 'signatory'
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
  | 'plan_approval';

/**
 * One command of the import. Its id derives from the data item alone, so importing the
 * same set again finds every step already in the log and records nothing.
 */
export interface ImportStep {
  readonly kind: StepKind;
  readonly file: DataFileName;
  /** The item in its file: `lines[3]`. */
  readonly path: PathSegments;
  /** Where a refusal naming no field is placed (default: the item): `extensions[0].lines[1]`. */
  readonly subject?: PathSegments;
  readonly illustrative: Illustrative;
  readonly commandId: string;
  readonly streamId: string;
  readonly actor: Actor;
  readonly effectiveDate: string;
  /** Streams decide() reads besides its own. */
  readonly reads: readonly string[];
  /** Where this item would sit had it been imported with other content (another requester). */
  readonly earlierForms?: readonly {
    readonly streamId: string;
    readonly commandId: string;
    readonly why: Messages;
  }[];
  /** A refusal's field (`on`, `delegationId`…) as the item's own field; null: the item. */
  readonly fields?: Readonly<Record<string, string | null>>;
  /** Pure: the events the command records on top of `history`; throws DomainError when refused. */
  decide(history: readonly DomainEvent[], ledger: LedgerReader): readonly DomainEvent[];
  /** Records it for real, through the command the API sends for the same thing. */
  run(io: StepIo): Promise<void>;
}

export type StepBase = Omit<ImportStep, 'decide' | 'run' | 'reads'> & { readonly reads?: string[] };

export function onStream<C, E extends DomainEvent, S>(
  base: StepBase,
  decider: Decider<C, E, S>,
  command: C,
  answerId: string,
): ImportStep {
  const step: ImportStep = {
    reads: [],
    ...base,
    decide: (history) => decider.decide(command, fold(decider, history as readonly E[])),
    run: async (io) => {
      await io.commands.execute(
        new DecideOnStreamCommand(io.context(step), base.streamId, decider, command, answerId),
      );
    },
  };
  return step;
}

/** The delegation in force on `date` in a user's stream, as approvals read it. */
export function authorityIn(events: readonly DomainEvent[], date: string): Authority | null {
  return authorityOn(fold(userDecider, events as readonly UserEvent[]), date);
}

export async function authorityFromLog(
  store: EventStore,
  userId: string,
  date: string,
): Promise<Authority | null> {
  const recorded = await store.readStream(streamIdForUser(userId));
  return authorityIn(
    recorded.map((r) => decodeEvent<UserEvent>(r)),
    date,
  );
}

export function actorOf(person: PersonItem): Actor {
  return { userId: person.id, name: person.name, role: person.role, unit: person.unit ?? null };
}
