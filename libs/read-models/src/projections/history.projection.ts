import { CAPACITY_LABELS, type BudgetLineEvent, type BudgetLineEventType } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue } from '../document-store.port';
import {
  lookupState,
  type DocLookup,
  type Projection,
  type ProjectionWrite,
  type StateCodec,
} from '../projection';
import {
  actorOf,
  lineEventOf,
  optStr as optStrOf,
  signatureDoc,
  str as strOf,
  strings as stringsOf,
  type FieldOf,
} from './event-fields';
import {
  BALANCE_COLUMNS,
  ZERO_AMOUNTS,
  amountsFromDoc,
  lineDeltas,
  onMoneyDate,
  positionKey,
  type Amounts,
  type Deltas,
} from './line-deltas';
import { sparseWire } from './balance-snapshots';
import { treasuryFields } from './treasury-fields';
import { advanceFields } from './advance-fields';

export const HISTORY = 'history';
/** The running balance of each line as the history has recorded it so far. */
export const HISTORY_TIPS = 'historyTips';

// A line event's fields, by the names the domain's union gives them.
type Field = FieldOf<BudgetLineEvent>;
const str = (event: RecordedEvent, field: Field) => strOf<BudgetLineEvent>(event, field);
const optStr = (event: RecordedEvent, field: Field) => optStrOf<BudgetLineEvent>(event, field);
const strings = (event: RecordedEvent, field: Field) => stringsOf<BudgetLineEvent>(event, field);

// Every line event: checked against the domain's union, so a renamed event fails here.
const HANDLED = new Set<BudgetLineEventType>([
  'BudgetLineOpened',
  'FundsAllocated',
  'FundsCarriedIn',
  'FundsCarriedOut',
  'FundsTransferredIn',
  'FundsTransferredOut',
  'TransferOutReversed',
  'FundsCancelled',
  'CarryOverLapsed',
  'ExpenditureLapsed',
  'CommitmentRetained',
  'LapseCorrected',
  'FundsReturned',
  'CarryOverDeadlineExtended',
  // No entry of its own: the line's codes, which its later proposals are booked under.
  'BudgetLineClassified',
  'ExpenditureProposed',
  'ExpenditureSigned',
  'ExpenditureApproved',
  'ExpenditureRejected',
  'ExpenditureDisbursed',
  'ExpenditureSentToTreasury',
  'ExpenditureRefusedByTreasury',
  'ExpenditureReversed',
  'AdvanceSettled',
  'AdvanceRecovered',
]);

/** The amount the event is about, for display: the one money field it carries. */
function mainAmount(event: RecordedEvent): string | null {
  for (const field of ['amount', 'committedAmount', 'restoredAmount'] as const satisfies Field[]) {
    const value = event.data[field];
    if (typeof value === 'string') return value;
  }
  return null;
}

function authorityOf(recorded: RecordedEvent): DocumentValue {
  const signed = lineEventOf(recorded);
  // A signature's capacity is the Treasury's: "Chủ tài khoản (Trưởng phòng)".
  if (signed.type === 'ExpenditureSigned') {
    const label = CAPACITY_LABELS[signed.data.capacity]?.vi ?? signed.data.capacity;
    return { capacity: label, title: signed.data.title };
  }
  const authority = recorded.data.authority;
  if (authority && typeof authority === 'object' && !Array.isArray(authority)) {
    return { capacity: authority.capacity ?? null, title: authority.title ?? null };
  }
  return null;
}

/** The decision an event cites: a number, or (an extension's) a citation with its number. */
function decisionOf(event: RecordedEvent): string | null {
  const cited = event.data.decision;
  if (cited && typeof cited === 'object' && !Array.isArray(cited)) {
    return typeof cited.number === 'string' ? cited.number : null;
  }
  return optStr(event, 'decision');
}

/**
 * The signatures an entry carries: a signature its own, the approval of a two-signature
 * unit both (none on single approvals, those before 0.9.0 included).
 */
function signaturesOf(recorded: RecordedEvent): Record<string, DocumentValue> {
  const event = lineEventOf(recorded);
  if (event.type === 'ExpenditureSigned') return { signatures: [signatureDoc(event.data)] };
  if (event.type !== 'ExpenditureApproved' || !event.data.signatures) return {};
  return { signatures: event.data.signatures.map(signatureDoc) };
}

/** What a correction cites: a late entry's names the lapse it reverses in part and its approver. */
function correctionOf(recorded: RecordedEvent): DocumentValue {
  const event = lineEventOf(recorded);
  if (event.type === 'ExpenditureProposed') return event.data.correction ?? null;
  if (event.type !== 'LapseCorrected') return null;
  const { lapse, reason, approvedBy } = event.data;
  return { corrects: lapse, reason, approvedBy };
}

/** What the lapse rules add to an entry: until when a decision keeps money, where it returns. */
function lapseFields(event: RecordedEvent): Record<string, DocumentValue> {
  const out: Record<string, DocumentValue> = {};
  const decision = event.data.decision;
  if (decision && typeof decision === 'object' && !Array.isArray(decision)) out.decision = decision;
  for (const field of ['until', 'toLevel', 'source', 'deadline'] as const satisfies Field[]) {
    const value = optStr(event, field);
    if (value !== null) out[field] = value;
  }
  const ids = strings(event, 'expenditureIds');
  if (ids.length > 0) out.expenditureIds = ids;
  return out;
}

/**
 * What a carry-over, an extension or reallocated carried-over money says of the line's
 * deadline. The lapse events name the
 * deadline they lapsed at (lapseFields), with no basis: they do not set it.
 */
function deadlineOf(recorded: RecordedEvent): Record<string, DocumentValue> {
  const event = lineEventOf(recorded);
  if (event.type === 'CarryOverDeadlineExtended') {
    const { deadline, previousDeadline } = event.data;
    return { deadline, previousDeadline: previousDeadline ?? null };
  }
  if (event.type === 'FundsTransferredIn') {
    // Reallocated carried-over money keeps its deadline: the entry says which, and whose.
    const carried = event.data.carriedDeadline;
    if (!carried) return {};
    const { deadline, deadlineBasis, decision } = carried;
    return { deadline, deadlineBasis, deadlineDecision: decision ?? null };
  }
  if (event.type !== 'FundsCarriedIn') return {};
  // Carry-overs recorded before 0.9.0 state no basis: the default deadline.
  return { deadline: event.data.deadline, deadlineBasis: event.data.deadlineBasis ?? 'default' };
}

/**
 * The spending norm rows a proposal was checked against, and again its approval: the
 * trip's dates and, per item, the row (source, article), rate, quantity and ceiling.
 */
/**
 * What a proposal is booked and spent under: its tiểu mục, its line's codes as classified
 * when it was proposed (kept on the line's tip), and the plan activity it reserved.
 */
function spendingBasisOf(
  recorded: RecordedEvent,
  classification: DocumentValue | null,
): Record<string, DocumentValue> {
  const event = lineEventOf(recorded);
  if (event.type !== 'ExpenditureProposed') return {};
  const { economicCode, plan } = event.data;
  return {
    ...(economicCode ? { economicCode } : {}),
    ...(classification ? { classification } : {}),
    ...(plan ? { plan: { ...plan } } : {}),
  };
}

function normsOf(event: RecordedEvent): Record<string, DocumentValue> {
  const norms = event.data['norms' satisfies Field];
  return norms && typeof norms === 'object' && !Array.isArray(norms) ? { norms } : {};
}

function legalBasisOf(event: RecordedEvent): string[] {
  const own = strings(event, 'legalBasis');
  const decision = decisionOf(event);
  return decision && !own.includes(decision) ? [decision, ...own] : own;
}

/**
 * A line's tip as the history keeps it between events: the running balance as bigints
 * (changed in place by each entry) and the codes the line was last classified under.
 */
interface Tip {
  readonly amounts: Amounts;
  /** Replaced whole by a classification, never changed inside: documents may share it. */
  classification: DocumentValue | null;
}

/** The tip's document: its nonzero columns (absent is zero) and its classification. */
const TIP_CODEC: StateCodec<Tip> = {
  decode: (doc) => ({ amounts: amountsFromDoc(doc), classification: doc.classification ?? null }),
  encode: (tip, id) => ({
    id,
    ...sparseWire(tip.amounts),
    ...(tip.classification ? { classification: tip.classification } : {}),
  }),
};

function addInPlace(amounts: Amounts, deltas: Deltas): void {
  for (const column of BALANCE_COLUMNS) {
    const delta = deltas[column];
    if (delta !== undefined) amounts[column] += delta;
  }
}

/**
 * Every event of a line, with its actor, authority, legal basis, both dates and the
 * balance it left (as recorded, in log order). As-of views re-sum the deltas of the
 * entries they select, in effective-date order.
 */
export const historyProjection: Projection = {
  name: 'history',
  // 2: the lapse rules' events, their decisions and corrections; extensions of deadlines,
  // and each carry-over's deadline and its basis (0.9.0). 3: the norm rows applied (0.9.0).
  // 4: advances, their settlements and recoveries, and the open-advance columns (0.9.0).
  // The Treasury's steps (0.9.0) needed no version of their own: their events are new too.
  // 5: a proposal's tiểu mục, its line's codes and its plan activity (0.9.0).
  // 6: deltas, balances after and tips hold their nonzero columns only (absent is zero;
  // the query answers every column as before): a third fewer bytes for a rebuild to write.
  version: 6,
  collections: {
    [HISTORY]: [['lineId', 'effectiveDate', 'recordedAt']],
    [HISTORY_TIPS]: [],
  },
  handles: HANDLED,
  reads: (event) => [{ collection: HISTORY_TIPS, id: str(event, 'budgetLineId') }],
  codecs: { [HISTORY_TIPS]: TIP_CODEC },
  evolve(lookup: DocLookup, recorded: RecordedEvent): ProjectionWrite[] {
    const event = onMoneyDate(recorded);
    const lineId = str(event, 'budgetLineId');
    const tip: Tip = lookupState<Tip>(lookup, HISTORY_TIPS, lineId) ?? {
      amounts: { ...ZERO_AMOUNTS },
      classification: null,
    };
    const tipWrite: ProjectionWrite = {
      op: 'state',
      collection: HISTORY_TIPS,
      id: lineId,
      state: tip,
    };
    const line = lineEventOf(event);
    if (line.type === 'BudgetLineClassified') {
      tip.classification = { ...line.data.classification };
      return [tipWrite];
    }
    const deltas = lineDeltas(event) ?? {};
    addInPlace(tip.amounts, deltas);
    const balanceAfter = sparseWire(tip.amounts);
    const entry: Doc = {
      id: event.id,
      lineId,
      type: event.type,
      effectiveDate: event.metadata.effectiveDate,
      recordedAt: event.metadata.recordedAt,
      position: positionKey(event.position),
      actor: actorOf(event),
      authority: authorityOf(event),
      legalBasis: legalBasisOf(event),
      amount: mainAmount(event),
      expenditureId: optStr(event, 'expenditureId'),
      transferId: optStr(event, 'transferId'),
      description: optStr(event, 'description'),
      payee: optStr(event, 'payee'),
      category: optStr(event, 'category'),
      voucher: optStr(event, 'voucher'),
      reason: optStr(event, 'reason'),
      correction: correctionOf(event),
      ...lapseFields(event),
      ...deadlineOf(event),
      ...signaturesOf(event),
      ...normsOf(event),
      ...spendingBasisOf(event, tip.classification),
      ...treasuryFields(event),
      ...advanceFields(event),
      // Nonzero columns only (most entries move one or two of the thirteen); readers take
      // an absent column as zero (amountsFromDoc), and the query answers them all.
      deltas: sparseWire(deltas),
      balanceAfter,
    };
    return [{ op: 'put', collection: HISTORY, doc: entry }, tipWrite];
  },
};
