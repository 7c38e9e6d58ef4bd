import type { Actor } from '../shared/actor';
import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { authorize } from '../shared/authorization';
import { DOCUMENT_DATES } from '../shared/dates';
import { requireWithinLineBound, type Money } from '../shared/money';
import { REFERENCE_POLICIES } from './reference.policy';
import {
  decideCharge,
  evolveCharges,
  NO_CHARGES,
  type ChargeCommand,
  type ChargeEvent,
  type Charges,
} from './decision-charges';
import { documentReferenceKey } from './document-reference';
import { requireDate, requireDocumentNumber, requireOneOf, requireText } from './field.validation';

/** Kinds of document the ledger cites. Letters (CV) carry no type in their number. */
export const DOCUMENT_TYPES = [
  'QĐ',
  'KH',
  'TTr',
  'BC',
  'TB',
  'CV',
  'TT',
  'NĐ',
  'NQ',
  'CT',
  'HD',
  'Luật',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface LegalDocument {
  readonly number: string;
  readonly type: DocumentType;
  /** The body in full, as printed in the header: "UBND huyện Ba Tơ", "Thủ tướng Chính phủ". */
  readonly issuer: string;
  readonly issuedOn: string;
  readonly signerName: string | null;
  /** "KT. Chủ tịch", "Phó Chủ tịch"…; null when the copy at hand shows no signature. */
  readonly signerCapacity: string | null;
  /** Trích yếu. */
  readonly title: string;
  /**
   * What the decision assigns in total, in đồng, when the copy at hand states it: then
   * allocations under it may never add up to more (null or absent: not stated, not checked).
   */
  readonly amount?: Money | null;
}

export type LegalDocumentCommand =
  | {
      readonly type: 'RegisterLegalDocument';
      readonly data: LegalDocument;
      readonly actor: Actor;
      readonly on: string;
    }
  | ChargeCommand;

export type LegalDocumentEvent =
  | {
      readonly type: 'LegalDocumentRegistered';
      readonly data: LegalDocument & { readonly registeredBy: Actor; readonly on: string };
    }
  | ChargeEvent;

export type LegalDocumentState =
  | { readonly status: 'unregistered' }
  | ({ readonly status: 'registered'; readonly document: LegalDocument } & Charges);

/** `document-UBND-2024-699/QĐ-UBND`: a number is unique only with its issuer and year. */
export function streamIdForLegalDocument(number: string, issuedOn: string): string {
  return `document-${documentReferenceKey(number, issuedOn).replaceAll(':', '-')}`;
}

function register(
  command: Extract<LegalDocumentCommand, { type: 'RegisterLegalDocument' }>,
  state: LegalDocumentState,
): LegalDocumentEvent[] {
  authorize(REFERENCE_POLICIES.RegisterLegalDocument, command.actor);
  requireDate(command.on, 'on', DOCUMENT_DATES);
  const document = normalise(command.data);
  if (state.status === 'registered') {
    if (sameDocument(state.document, document)) return [];
    throw new DomainError(
      'DOCUMENT.ALREADY_REGISTERED',
      'conflict',
      {
        vi: `Văn bản ${document.number} ngày ${document.issuedOn} đã được đăng ký với nội dung khác`,
        en: `Document ${document.number} of ${document.issuedOn} is already registered with other content`,
      },
      { field: 'number', number: document.number },
    );
  }
  return [
    {
      type: 'LegalDocumentRegistered',
      data: { ...document, registeredBy: command.actor, on: command.on },
    },
  ];
}

function normalise(data: LegalDocument): LegalDocument {
  const parsed = requireDocumentNumber(data.number, 'number');
  const type = requireOneOf(data.type, DOCUMENT_TYPES, 'type');
  const issuedOn = requireDate(data.issuedOn, 'issuedOn', DOCUMENT_DATES);
  const amount = data.amount ?? null;
  // Not a mismatch with the number: an amount of nothing or less is no amount at all.
  if (amount !== null && amount <= 0n) {
    throw new DomainError(
      'VALIDATION.AMOUNT_NOT_POSITIVE',
      'validation',
      {
        vi: 'amount: số tiền của quyết định phải lớn hơn 0',
        en: "amount: the decision's amount must be greater than zero",
      },
      { field: 'amount' },
    );
  }
  if (amount !== null) requireWithinLineBound(amount);
  // A letter's number shows the issuing office where other documents show their type.
  if (type !== 'CV' && parsed.type !== null && parsed.type !== type) {
    throw mismatch('type', `${parsed.type} ≠ ${type}`);
  }
  if (parsed.year !== null && String(parsed.year) !== issuedOn.slice(0, 4)) {
    throw mismatch('issuedOn', `${parsed.year} ≠ ${issuedOn.slice(0, 4)}`);
  }
  return {
    number: parsed.text,
    type,
    issuer: requireText(data.issuer, 'issuer'),
    issuedOn,
    signerName: data.signerName === null ? null : requireText(data.signerName, 'signerName'),
    signerCapacity:
      data.signerCapacity === null ? null : requireText(data.signerCapacity, 'signerCapacity'),
    title: requireText(data.title, 'title'),
    ...(amount === null ? {} : { amount }),
  };
}

function mismatch(field: string, difference: string): DomainError {
  return new DomainError(
    'DOCUMENT.NUMBER_MISMATCH',
    'validation',
    {
      vi: `${field}: không khớp với số văn bản (${difference})`,
      en: `${field}: does not match the document number (${difference})`,
    },
    { field },
  );
}

function sameDocument(a: LegalDocument, b: LegalDocument): boolean {
  return (
    a.number === b.number &&
    a.type === b.type &&
    a.issuer === b.issuer &&
    a.issuedOn === b.issuedOn &&
    a.signerName === b.signerName &&
    a.signerCapacity === b.signerCapacity &&
    a.title === b.title &&
    (a.amount ?? null) === (b.amount ?? null)
  );
}

export const legalDocumentDecider: Decider<
  LegalDocumentCommand,
  LegalDocumentEvent,
  LegalDocumentState
> = {
  name: 'legal-document@1',
  initialState: { status: 'unregistered' },
  evolve(state, event) {
    switch (event.type) {
      case 'LegalDocumentRegistered': {
        const { registeredBy: _by, on: _on, ...document } = event.data;
        return { status: 'registered', document, ...NO_CHARGES };
      }
      case 'AllocationCharged':
      case 'AllocationChargeReleased':
        return state.status === 'registered' ? { ...state, ...evolveCharges(state, event) } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterLegalDocument':
        return register(command, state);
      case 'ChargeAllocation':
      case 'ReleaseAllocation':
        return decideCharge(command, state.status === 'registered' ? state : null);
      default:
        return assertNever(command);
    }
  },
};
