import { documentReferenceKey, parseDocumentReference } from './document-reference';

describe('document references', () => {
  describe('when the number is one the shared parser accepts', () => {
    it('parses it the shared way', () => {
      expect(parseDocumentReference('55/2023/TT-BTC')).toEqual({
        serial: 55,
        year: 2023,
        type: 'TT',
        issuer: 'BTC',
        text: '55/2023/TT-BTC',
      });
    });
  });

  describe('when the type or issuer is written in mixed case', () => {
    it.each([
      ['90/QĐ-TTg', 'QĐ', 'TTg'],
      ['12/TTr-LĐTBXH', 'TTr', 'LĐTBXH'],
    ])('accepts %s', (number, type, issuer) => {
      expect(parseDocumentReference(number)).toMatchObject({ type, issuer, text: number });
    });

    it('keys it as the shared documentKey would', () => {
      expect(documentReferenceKey('90/QĐ-TTg', '2022-01-18')).toBe('TTg:2022:90/QĐ-TTg');
    });
  });

  describe('when the text is not a document number', () => {
    it.each(['', 'QĐ 699', '699/qđ-ubnd', '/KH-UBND'])('refuses "%s"', (text) => {
      expect(() => parseDocumentReference(text)).toThrow(
        expect.objectContaining({ code: 'VALIDATION.DOCUMENT_NUMBER' }) as Error,
      );
    });
  });
});
