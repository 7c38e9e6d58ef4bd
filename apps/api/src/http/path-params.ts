import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem';

const YEAR = /^\d{4}$/;
const UNIT = /^[A-Z0-9_-]{2,40}$/;

function refused(field: string, vi: string, en: string): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'VALIDATION.FAILED', { vi, en }, [
    { field, code: 'VALIDATION.PATH_PARAMETER', message: { vi, en } },
  ]);
}

/**
 * A fiscal year in a path: four digits, 2000–2100. ParseIntPipe would read "1e3" as 1000
 * and "2024.0" as 2024.
 */
@Injectable()
export class FiscalYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = YEAR.test(value) ? Number(value) : NaN;
    if (!(year >= 2000 && year <= 2100)) {
      throw refused(
        'year',
        `year: năm ngân sách phải là 4 chữ số từ 2000 đến 2100, nhận "${value.slice(0, 20)}"`,
        `year: a fiscal year is four digits from 2000 to 2100, got "${value.slice(0, 20)}"`,
      );
    }
    return year;
  }
}

/** A spending unit's code in a path (LDTBXH). */
@Injectable()
export class UnitCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UNIT.test(value)) {
      throw refused(
        'unit',
        'unit: mã đơn vị gồm 2–40 chữ in hoa, chữ số, "_" hoặc "-"',
        'unit: a unit code is 2–40 capitals, digits, "_" or "-"',
      );
    }
    return value;
  }
}
