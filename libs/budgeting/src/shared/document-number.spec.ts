import { refusalOf } from '@app/testing/decider';
import { documentKey, parseDocumentNumber } from './document-number';

describe('document numbers', () => {
  it('reads a decision, a normative act with its year, and lowercase letters in types', () => {
    expect(parseDocumentNumber('699/QĐ-UBND')).toEqual({
      serial: 699,
      year: null,
      type: 'QĐ',
      issuer: 'UBND',
      text: '699/QĐ-UBND',
    });
    expect(parseDocumentNumber(' 55/2023/TT-BTC ')).toEqual({
      serial: 55,
      year: 2023,
      type: 'TT',
      issuer: 'BTC',
      text: '55/2023/TT-BTC',
    });
    expect(parseDocumentNumber('90/QĐ-TTg')).toMatchObject({ type: 'QĐ', issuer: 'TTg' });
    expect(parseDocumentNumber('12/NQ-HĐND-VP2')).toMatchObject({ type: 'NQ', issuer: 'HĐND-VP2' });
    expect(parseDocumentNumber('72/2025/QH15')).toMatchObject({
      year: 2025,
      type: null,
      issuer: 'QH15',
    });
  });

  it('refuses what is not a document number, naming the field', () => {
    for (const text of [
      '',
      'QĐ-UBND',
      '699',
      '699/',
      '699/qđ-UBND',
      '699/QĐ_UBND',
      'x699/QĐ-UBND',
      '699/QĐ-UBND/',
    ]) {
      const error = refusalOf(() => parseDocumentNumber(text, 'decision'));
      expect({ text, code: error.code, details: error.details }).toEqual({
        text,
        code: 'VALIDATION.DOCUMENT_NUMBER',
        details: { field: 'decision' },
      });
      expect(error.kind).toBe('validation');
      expect(error.messages.vi).toMatch(/^decision: /);
      expect(error.messages.en).toMatch(/^decision: /);
    }
    expect(refusalOf(() => parseDocumentNumber(699 as unknown as string)).details).toEqual({
      field: 'number',
    });
  });

  it('identifies a document by issuer, year of issue and number', () => {
    expect(documentKey('699/QĐ-UBND', '2024-03-19')).toBe('UBND:2024:699/QĐ-UBND');
    expect(documentKey(' 55/2023/TT-BTC', '2023-08-15')).toBe('BTC:2023:55/2023/TT-BTC');
  });
});
