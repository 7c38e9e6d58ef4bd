import type {
  ActivitySpendingEvent,
  BudgetLineEvent,
  ExpenditureLocatorEvent,
  FiscalYearEvent,
  JointTripEvent,
  LeadAgencyEvent,
  LegalDocumentEvent,
  PlanEvent,
  SpendingUnitEvent,
  TransferEvent,
  TravellerDaysEvent,
  UserEvent,
  VoucherEvent,
  YearLinesEvent,
} from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, Write } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';
import { storedAs, type StoredEvent } from './event-fields';
import { positionKey } from './line-deltas';

/** One document per output progress report, so progress can be read as of any date. */
export const OUTPUT_REPORTS = 'outputReports';
/** `all`: how many events of the log are marked illustrative, and the first one's times. */
export const ILLUSTRATIVE = 'illustrative';
/** Spending units by code, with their names, for report headers. */
export const UNIT_NAMES = 'unitNames';
export const ILLUSTRATIVE_ALL = 'all';

type DomainEventType = (
  | ActivitySpendingEvent
  | BudgetLineEvent
  | ExpenditureLocatorEvent
  | FiscalYearEvent
  | JointTripEvent
  | LeadAgencyEvent
  | LegalDocumentEvent
  | PlanEvent
  | SpendingUnitEvent
  | TransferEvent
  | TravellerDaysEvent
  | UserEvent
  | VoucherEvent
  | YearLinesEvent
)['type'];

/**
 * Every event type of the domain, named as its unions name them: any of them may carry the
 * importer's `illustrative` mark (metadata.extra.illustrative). A record keyed by every
 * member of the unions, so a new event type that is not listed fails the type check (two
 * were missed while this was a list: UnitSignatoryRegistered, ExpenditureSigned,
 * CarryOverDeadlineExtended, AllocationCharged, AllocationChargeReleased and
 * FiscalYearCloseProposed).
 */
const EVERY_TYPE: Readonly<Record<DomainEventType, true>> = {
  CarryOverDeadlineExtended: true,
  AllocationCharged: true,
  AllocationChargeReleased: true,
  FiscalYearCloseProposed: true,
  ActivitySpendingReleased: true,
  ActivitySpendingGivenBack: true,
  ActivitySpendingReserved: true,
  AdvanceRecovered: true,
  AdvanceSettled: true,
  AuthorityDelegated: true,
  AuthorityRevoked: true,
  BudgetLineClassified: true,
  BudgetLineSealed: true,
  BudgetLineUnsealed: true,
  BudgetLineOpened: true,
  BudgetRelationshipCodeRecorded: true,
  CarryOverLapsed: true,
  CommitmentRetained: true,
  ExpenditureApproved: true,
  ExpenditureDisbursed: true,
  ExpenditureFiled: true,
  ExpenditureLapsed: true,
  ExpenditureProposed: true,
  ExpenditureRefusedByTreasury: true,
  ExpenditureRejected: true,
  ExpenditureReversed: true,
  ExpenditureSentToTreasury: true,
  ExpenditureSigned: true,
  FiscalYearClosed: true,
  FiscalYearLineRegistered: true,
  FiscalYearLinesBackfilled: true,
  FiscalYearLinesSealed: true,
  FiscalYearLinesUnsealed: true,
  FundsAllocated: true,
  FundsCancelled: true,
  FundsCarriedIn: true,
  FundsCarriedOut: true,
  FundsReturned: true,
  FundsTransferredIn: true,
  FundsTransferredOut: true,
  JointTripRecorded: true,
  LapseCorrected: true,
  LeadAgencyDesignated: true,
  LegalDocumentRegistered: true,
  OutputProgressReported: true,
  PlanAmendmentDrafted: true,
  PlanApproved: true,
  PlanDrafted: true,
  PlanRejected: true,
  PlanSubmitted: true,
  SpendingUnitRegistered: true,
  SpendingUnitValidityChanged: true,
  TransferApproved: true,
  TransferCompleted: true,
  TransferFailed: true,
  TransferOutReversed: true,
  TransferRejected: true,
  TransferRequested: true,
  TravellerDaysHeld: true,
  TravellerDaysReleased: true,
  TripDaysClaimed: true,
  TripDaysReleased: true,
  UnitSignatoryRegistered: true,
  UserDeactivated: true,
  UserRegistered: true,
  VoucherClaimed: true,
  VoucherReleased: true,
};
export const DOMAIN_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(EVERY_TYPE));

/** Marked by the importer: `true` (the whole item) or the list of assumed fields. */
export function isIllustrative(event: RecordedEvent): boolean {
  const mark = event.metadata.extra?.illustrative;
  return mark === true || (Array.isArray(mark) && mark.length > 0);
}

type Reported = Extract<StoredEvent<PlanEvent>, { type: 'OutputProgressReported' }>;

function progressDoc(event: Reported): Doc {
  const { fiscalYear, leadUnit, activityId, outputId } = event.data;
  // Read as loosely as before the kinds were typed: a report without a kind is a count.
  const p: { kind?: string; delivered?: unknown; commune?: unknown; done?: unknown } =
    event.data.progress;
  return {
    id: event.id,
    fiscalYear: Number(fiscalYear),
    leadUnit,
    activityId,
    outputId,
    kind: p.kind === 'commune' ? 'commune' : 'count',
    delivered: typeof p.delivered === 'number' ? p.delivered : null,
    commune: typeof p.commune === 'string' ? p.commune : null,
    done: typeof p.done === 'boolean' ? p.done : null,
    effectiveDate: event.metadata.effectiveDate,
    recordedAt: event.metadata.recordedAt,
    position: positionKey(event.position),
  };
}

function markDoc(previous: Doc | null, event: RecordedEvent): Doc {
  const count = typeof previous?.count === 'number' ? previous.count : 0;
  return {
    id: ILLUSTRATIVE_ALL,
    count: count + 1,
    firstRecordedAt: previous?.firstRecordedAt ?? event.metadata.recordedAt,
    firstPosition: previous?.firstPosition ?? positionKey(event.position),
  };
}

/**
 * What reports need that no other read model keeps: output progress as a dated series
 * (the plans view keeps only the latest), spending units' names, and whether the log
 * holds illustrative (example) events, which every report must say in its header.
 */
export const reportingProjection: Projection = {
  name: 'reporting',
  // 2: every event type counted (six types were missing; 0.9.0).
  version: 2,
  collections: {
    [OUTPUT_REPORTS]: [['fiscalYear', 'effectiveDate']],
    [ILLUSTRATIVE]: [],
    [UNIT_NAMES]: [],
  },
  handles: DOMAIN_EVENT_TYPES,
  reads: (event): DocRef[] =>
    isIllustrative(event) ? [{ collection: ILLUSTRATIVE, id: ILLUSTRATIVE_ALL }] : [],
  evolve(lookup: DocLookup, event: RecordedEvent): Write[] {
    const writes: Write[] = [];
    if (isIllustrative(event)) {
      const doc = markDoc(lookup(ILLUSTRATIVE, ILLUSTRATIVE_ALL), event);
      writes.push({ op: 'put', collection: ILLUSTRATIVE, doc });
    }
    const typed = storedAs<PlanEvent | SpendingUnitEvent>(event);
    if (typed.type === 'OutputProgressReported') {
      writes.push({ op: 'put', collection: OUTPUT_REPORTS, doc: progressDoc(typed) });
    }
    if (typed.type === 'SpendingUnitRegistered') {
      const { code } = typed.data;
      const name = typed.data.name ?? code;
      writes.push({ op: 'put', collection: UNIT_NAMES, doc: { id: code, name } });
    }
    return writes;
  },
};
