import { admin } from '../shared/testing/actors.fixture';
import { MAX_LINE_AMOUNT } from '../shared/money';
import { deciderSpec } from '@app/testing/decider';
import {
  legalDocumentDecider,
  type LegalDocument,
  type LegalDocumentCommand,
  type LegalDocumentEvent,
} from './legal-document.decider';

// Each refusal of a registration names its field; a stated amount is kept, and must be a
// positive amount a line may hold (README, "Mutation testing").
const given = deciderSpec(legalDocumentDecider);

const decision: LegalDocument = {
  number: '30/QĐ-UBND',
  type: 'QĐ',
  issuer: 'UBND huyện Ba Tơ',
  issuedOn: '2024-03-25',
  signerName: 'Lữ Đình Tích',
  signerCapacity: 'KT. Chủ tịch',
  title: 'Giao dự toán kinh phí sự nghiệp năm 2024',
};
const register = (data: Partial<LegalDocument> = {}): LegalDocumentCommand => ({
  type: 'RegisterLegalDocument',
  actor: admin,
  on: '2024-04-10',
  data: { ...decision, ...data },
});
const registered = (data: Partial<LegalDocument> = {}): LegalDocumentEvent => ({
  type: 'LegalDocumentRegistered',
  data: { ...decision, ...data, registeredBy: admin, on: '2024-04-10' },
});

describe('registering a document, field by field', () => {
  it.each([
    ['issuer', { issuer: ' ' }],
    ['signerName', { signerName: '' }],
    ['signerCapacity', { signerCapacity: ' ' }],
    ['title', { title: '' }],
  ] as const)('names %s when it is blank', (field, data) => {
    given([]).when(register(data)).thenThrows('VALIDATION.REQUIRED', { field });
  });

  it('names the date of a registration recorded on a day that does not exist', () => {
    given([])
      .when({ ...register(), on: '2024-02-30' })
      .thenThrows('VALIDATION.DATE', { field: 'on' });
  });

  it('names the year of the number and the year of issue when they differ', () => {
    const error = given([])
      .when(register({ number: '55/2023/TT-BTC', type: 'TT' }))
      .thenThrows('DOCUMENT.NUMBER_MISMATCH', { field: 'issuedOn' });
    expect(error.messages.vi).toContain('(2023 ≠ 2024)');
    expect(error.messages.en).toContain('(2023 ≠ 2024)');
  });

  it('takes a document issued before the ledger’s years, from 2/9/1945', () => {
    // Documents cited as legal basis go back to 2/9/1945 (DOCUMENT_DATES).
    given([])
      .when(register({ number: '01/SL', type: 'CV', issuedOn: '1945-09-02' }))
      .thenMatches([{ type: 'LegalDocumentRegistered', data: { issuedOn: '1945-09-02' } }]);
  });
});

describe('a decision that states its amount', () => {
  it('keeps the amount, so that allocations under it are charged against it', () => {
    const state = given([])
      .when(register({ amount: 2_444_771_300n }))
      .then([registered({ amount: 2_444_771_300n })]);
    expect(state).toMatchObject({ document: { amount: 2_444_771_300n }, charged: 0n });
  });

  it('is the same registration only with the same amount', () => {
    given([registered({ amount: 1_000n })])
      .when(register({ amount: 1_000n }))
      .then([]);
    given([registered({ amount: 1_000n })])
      .when(register({ amount: 1_001n }))
      .thenThrows('DOCUMENT.ALREADY_REGISTERED', { field: 'number' });
    given([registered()])
      .when(register({ amount: 1_000n }))
      .thenThrows('DOCUMENT.ALREADY_REGISTERED', { field: 'number' });
  });

  it.each(['0', '-1'])('refuses an amount of %s đồng, naming the field', (amount) => {
    given([])
      .when(register({ amount: BigInt(amount) }))
      .thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE', { field: 'amount' });
  });

  it('takes one đồng, and refuses more than a line may hold', () => {
    given([])
      .when(register({ amount: 1n }))
      .thenMatches([{ type: 'LegalDocumentRegistered', data: { amount: 1n } }]);
    given([])
      .when(register({ amount: MAX_LINE_AMOUNT + 1n }))
      .thenThrows('VALIDATION.AMOUNT_TOO_LARGE', { field: 'amount' });
  });

  it('states no amount when none is given, or null', () => {
    const [event] = given([])
      .when(register({ amount: null }))
      .events();
    expect(event?.data).not.toHaveProperty('amount');
  });
});
