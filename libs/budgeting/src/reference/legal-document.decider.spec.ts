import { admin, approver, auditor, officer } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import {
  legalDocumentDecider,
  streamIdForLegalDocument,
  type LegalDocument,
  type LegalDocumentCommand,
  type LegalDocumentEvent,
} from './legal-document.decider';

const given = deciderSpec(legalDocumentDecider);

// Signer of 699/QĐ-UBND is not in the seed: left null.
const carryOver: LegalDocument = {
  number: '699/QĐ-UBND',
  type: 'QĐ',
  issuer: 'Chủ tịch UBND huyện Ba Tơ',
  issuedOn: '2024-03-19',
  signerName: null,
  signerCapacity: null,
  title:
    'Về việc chuyển nguồn kinh phí sự nghiệp các Chương trình mục tiêu quốc gia thuộc ngân sách cấp huyện năm 2023 sang năm 2024',
};
const register = (data: LegalDocument = carryOver, actor = admin): LegalDocumentCommand => ({
  type: 'RegisterLegalDocument',
  actor,
  on: '2024-04-10',
  data,
});
const registered: LegalDocumentEvent = {
  type: 'LegalDocumentRegistered',
  data: { ...carryOver, registeredBy: admin, on: '2024-04-10' },
};

describe('legal documents', () => {
  it('live in streams keyed by issuer, year and number', () => {
    expect(streamIdForLegalDocument('699/QĐ-UBND', '2024-03-19')).toBe(
      'document-UBND-2024-699/QĐ-UBND',
    );
    expect(streamIdForLegalDocument('90/QĐ-TTg', '2022-01-18')).toBe('document-TTg-2022-90/QĐ-TTg');
  });

  describe('when the document is not registered', () => {
    it('registers it', () => {
      given([]).when(register()).then([registered]);
    });

    it('registers the program decision 90/QĐ-TTg, signed by a deputy prime minister', () => {
      const program: LegalDocument = {
        number: '90/QĐ-TTg',
        type: 'QĐ',
        issuer: 'Thủ tướng Chính phủ',
        issuedOn: '2022-01-18',
        signerName: null,
        signerCapacity: 'KT. Thủ tướng',
        title: 'Phê duyệt Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025',
      };
      given([])
        .when(register(program, admin))
        .then([
          {
            type: 'LegalDocumentRegistered',
            data: { ...program, registeredBy: admin, on: '2024-04-10' },
          },
        ]);
    });

    it('refuses a malformed number', () => {
      given([])
        .when(register({ ...carryOver, number: 'QĐ 699' }))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'number' });
    });

    it('refuses a type the number contradicts', () => {
      given([])
        .when(register({ ...carryOver, type: 'KH' }))
        .thenThrows('DOCUMENT.NUMBER_MISMATCH', { field: 'type' });
    });

    it('refuses an issue date in another year than the number carries', () => {
      given([])
        .when(
          register({ ...carryOver, number: '55/2023/TT-BTC', type: 'TT', issuedOn: '2024-08-15' }),
        )
        .thenThrows('DOCUMENT.NUMBER_MISMATCH', { field: 'issuedOn' });
    });

    it('refuses an unknown type', () => {
      given([])
        .when(register({ ...carryOver, type: 'XYZ' as 'QĐ' }))
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'type' });
    });

    it('refuses an impossible issue date', () => {
      given([])
        .when(register({ ...carryOver, issuedOn: '2024-13-01' }))
        .thenThrows('VALIDATION.DATE', { field: 'issuedOn' });
    });

    it('refuses a blank title', () => {
      given([])
        .when(register({ ...carryOver, title: ' ' }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'title' });
    });

    it('refuses an auditor registering', () => {
      given([]).when(register(carryOver, auditor)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it("refuses a unit's officer registering: the register is district-wide reference data", () => {
      given([]).when(register(carryOver, officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });
  });

  describe('when the document is registered', () => {
    it('records nothing for the same content again', () => {
      given([registered]).when(register(carryOver)).then([]);
    });

    it('refuses an approver registering, even the same content', () => {
      given([registered]).when(register(carryOver, approver)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses other content under the same number', () => {
      given([registered])
        .when(register({ ...carryOver, signerName: 'Lữ Đình Tích' }))
        .thenThrows('DOCUMENT.ALREADY_REGISTERED', { field: 'number' });
    });

    it('refuses a change to any field, naming the number', () => {
      const changes: Partial<LegalDocument>[] = [
        { type: 'CV' },
        { issuer: 'UBND huyện Ba Tơ' },
        { issuedOn: '2024-03-20' },
        { signerName: 'Lữ Đình Tích' },
        { signerCapacity: 'KT. Chủ tịch' },
        { title: 'Chuyển nguồn' },
      ];
      for (const change of changes) {
        given([registered])
          .when(register({ ...carryOver, ...change }))
          .thenThrows('DOCUMENT.ALREADY_REGISTERED', { number: '699/QĐ-UBND' });
      }
    });

    it('compares the number as written once trimmed', () => {
      given([registered])
        .when(register({ ...carryOver, number: ' 699/QĐ-UBND ' }))
        .then([]);
    });
  });

  describe('when the number and the type or date disagree', () => {
    it('takes a letter (CV) whatever its number shows, and a number that shows no type', () => {
      given([])
        .when(register({ ...carryOver, type: 'CV' }))
        .thenMatches([{ type: 'LegalDocumentRegistered', data: { type: 'CV' } }]);
      given([])
        .when(
          register({ ...carryOver, number: '72/2025/QH15', type: 'Luật', issuedOn: '2025-06-16' }),
        )
        .thenMatches([{ type: 'LegalDocumentRegistered', data: { number: '72/2025/QH15' } }]);
    });

    it('names both sides of the mismatch', () => {
      const type = given([])
        .when(register({ ...carryOver, type: 'NQ' }))
        .thenThrows('DOCUMENT.NUMBER_MISMATCH', { field: 'type' });
      expect(type.messages.en).toContain('QĐ ≠ NQ');
      const year = given([])
        .when(register({ ...carryOver, number: '55/2023/TT-BTC', type: 'TT' }))
        .thenThrows('DOCUMENT.NUMBER_MISMATCH', { field: 'issuedOn' });
      expect(year.messages.vi).toContain('2023 ≠ 2024');
    });
  });
});
