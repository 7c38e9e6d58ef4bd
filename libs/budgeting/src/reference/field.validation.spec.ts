import { refusalOf } from '@app/testing/decider';
import {
  requireDate,
  requireDocumentNumber,
  requireDocumentNumbers,
  requireOneOf,
  requireText,
  requireValidity,
} from './field.validation';

describe('fields a decider re-checks', () => {
  it('takes text trimmed, and refuses blank or missing text naming the field', () => {
    expect(requireText('  Phòng Tư pháp ', 'name')).toBe('Phòng Tư pháp');
    for (const value of ['', '   ', undefined, null, 7]) {
      expect(refusalOf(() => requireText(value as string, 'name'))).toMatchObject({
        code: 'VALIDATION.REQUIRED',
        details: { field: 'name' },
      });
    }
  });

  it('takes one of the allowed values and lists them when refusing', () => {
    expect(requireOneOf('QĐ', ['QĐ', 'KH'], 'type')).toBe('QĐ');
    const error = refusalOf(() => requireOneOf('qđ', ['QĐ', 'KH'], 'type'));
    expect(error).toMatchObject({
      code: 'VALIDATION.NOT_ALLOWED',
      details: { field: 'type', value: 'qđ', allowed: 'QĐ,KH' },
    });
    expect(error.messages.vi).toContain('(chấp nhận: QĐ, KH)');
    expect(error.messages.en).toContain('(one of: QĐ, KH)');
  });

  it('names the field of a bad date in the refusal', () => {
    expect(requireDate('2024-03-19', 'issuedOn')).toBe('2024-03-19');
    for (const text of ['2024-13-01', '2024-02-30', '19/3/2024']) {
      expect(refusalOf(() => requireDate(text, 'issuedOn'))).toMatchObject({
        code: 'VALIDATION.DATE',
        details: { field: 'issuedOn' },
      });
    }
  });

  it('takes a validity of one day, or open-ended, and refuses an end before the start', () => {
    expect(() => requireValidity('2024-01-01', '2024-01-01')).not.toThrow();
    expect(() => requireValidity('2024-01-01', null)).not.toThrow();
    expect(refusalOf(() => requireValidity('2024-01-02', '2024-01-01'))).toMatchObject({
      code: 'VALIDATION.VALIDITY_RANGE',
      details: { field: 'validTo', validFrom: '2024-01-02', validTo: '2024-01-01' },
    });
    expect(refusalOf(() => requireValidity('2024-01-32', null)).details).toEqual({
      field: 'validFrom',
    });
    expect(refusalOf(() => requireValidity('2024-01-01', '2024-02-30')).details).toEqual({
      field: 'validTo',
    });
  });

  it('checks document numbers one by one, naming the position of a bad one', () => {
    expect(requireDocumentNumber(' 699/QĐ-UBND ', 'decision').text).toBe('699/QĐ-UBND');
    expect(requireDocumentNumbers(['90/QĐ-TTg', ' 30/QĐ-UBND'], 'legalBasis')).toEqual([
      '90/QĐ-TTg',
      '30/QĐ-UBND',
    ]);
    expect(
      refusalOf(() => requireDocumentNumbers(['90/QĐ-TTg', 'Luật 72'], 'legalBasis')),
    ).toMatchObject({ code: 'VALIDATION.DOCUMENT_NUMBER', details: { field: 'legalBasis[1]' } });
  });
});
