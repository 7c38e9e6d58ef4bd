import { DomainError } from './domain-error';

/**
 * A Vietnamese administrative document number: `699/QĐ-UBND` (serial / type - issuer)
 * or a normative one with its year, `55/2023/TT-BTC`. Unique only with issuer and year,
 * so the key used to identify a document is `issuer:year:number`.
 */
export interface DocumentNumber {
  readonly serial: number;
  readonly year: number | null;
  readonly type: string | null;
  readonly issuer: string;
  readonly text: string;
}

// Types and issuers start with a capital and may hold lowercase letters: 90/QĐ-TTg, 12/TTr-UBND.
const PATTERN =
  /^(\d+)\/(?:(\d{4})\/)?(?:([A-ZĐ][A-Za-zĐđ]*)-)?([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)$/u;

export function parseDocumentNumber(text: string, field = 'number'): DocumentNumber {
  const match = typeof text === 'string' ? PATTERN.exec(text.trim()) : null;
  if (!match) {
    throw new DomainError(
      'VALIDATION.DOCUMENT_NUMBER',
      'validation',
      {
        vi: `${field}: số văn bản không hợp lệ "${text}" (ví dụ 699/QĐ-UBND, 55/2023/TT-BTC)`,
        en: `${field}: invalid document number "${text}" (e.g. 699/QĐ-UBND, 55/2023/TT-BTC)`,
      },
      { field },
    );
  }
  const [, serial, year, type, issuer] = match;
  return {
    serial: Number(serial),
    year: year ? Number(year) : null,
    type: type ?? null,
    issuer: issuer ?? '',
    text: text.trim(),
  };
}

/** The identity of a document: its number is unique per issuer and year of issue. */
export function documentKey(number: string, issuedOn: string): string {
  const parsed = parseDocumentNumber(number);
  return `${parsed.issuer}:${issuedOn.slice(0, 4)}:${parsed.text}`;
}
