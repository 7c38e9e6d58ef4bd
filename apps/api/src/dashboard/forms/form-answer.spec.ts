import { apiFieldMap, bodyOf, fieldNames } from './form-def';
import { refusalShown } from './form-answer';
import { classifyLineDef, REGISTER_SIGNATORY, RECORD_TRIP, tripBody } from './reference.forms';

const problem = (body: object) => ({ status: 400, body, replayed: false });
const message = (vi: string) => ({ vi, en: vi });

describe('a refusal placed on a declared form', () => {
  it('shows a nested validation error beside the field that types that path', () => {
    const shown = refusalShown(
      problem({
        code: 'VALIDATION.FAILED',
        errors: [{ field: 'specimen.registeredOn', message: message('ngày không hợp lệ') }],
      }),
      'vi',
      fieldNames(REGISTER_SIGNATORY),
      REGISTER_SIGNATORY.fieldOf,
      apiFieldMap(REGISTER_SIGNATORY),
    );
    expect(shown).toEqual({
      errors: [{ field: 'specimenRegisteredOn', message: 'ngày không hợp lệ' }],
      top: [],
      status: 400,
    });
  });

  it("shows a trip member's error beside that member's row", () => {
    const shown = refusalShown(
      problem({
        code: 'VALIDATION.FAILED',
        errors: [{ field: 'members.1.name', message: message('bắt buộc') }],
      }),
      'vi',
      fieldNames(RECORD_TRIP),
      {},
      apiFieldMap(RECORD_TRIP),
    );
    expect(shown.errors).toEqual([{ field: 'member2Name', message: 'bắt buộc' }]);
  });

  it('places a domain refusal naming the classification inside the line at the flat field', () => {
    const def = classifyLineDef([]);
    const shown = refusalShown(
      problem({
        code: 'BUDGET.CLASSIFICATION_PROGRAM_MISMATCH',
        message: message('mã CTMTQG 9999 không thuộc dự án'),
        details: { field: 'classification.program' },
      }),
      'vi',
      fieldNames(def),
      def.fieldOf,
      apiFieldMap(def),
    );
    expect(shown.errors).toEqual([
      { field: 'program', message: 'mã CTMTQG 9999 không thuộc dự án' },
    ]);
  });

  it('keeps at the top a path no field of the form types', () => {
    const shown = refusalShown(
      problem({ code: 'X', message: message('ngày ghi sổ'), details: { field: 'effectiveDate' } }),
      'vi',
      fieldNames(RECORD_TRIP),
      {},
      apiFieldMap(RECORD_TRIP),
    );
    expect(shown).toMatchObject({ errors: [], top: ['ngày ghi sổ'] });
  });
});

describe("a trip's body", () => {
  it('drops the member rows left empty, keeping the order of the filled ones', () => {
    const body = bodyOf(
      RECORD_TRIP,
      {
        tripId: 'KT-1',
        team: 'Đoàn kiểm tra',
        leadUnit: 'THU',
        from: '12/6/2024',
        to: '13/6/2024',
        orderNumber: '15/QĐ-THU',
        orderIssuedOn: '10/6/2024',
        member2Person: 'a',
        member2Name: 'Nguyễn Văn A',
        member2Unit: 'THU',
        member5Person: 'b',
        member5Name: 'Trần Thị B',
        member5Unit: 'TU_PHAP',
      },
      'vi',
    );
    expect(tripBody(body)).toEqual({
      tripId: 'KT-1',
      team: 'Đoàn kiểm tra',
      leadUnit: 'THU',
      from: '2024-06-12',
      to: '2024-06-13',
      travelOrder: { number: '15/QĐ-THU', issuedOn: '2024-06-10' },
      members: [
        { personId: 'a', name: 'Nguyễn Văn A', unit: 'THU' },
        { personId: 'b', name: 'Trần Thị B', unit: 'TU_PHAP' },
      ],
    });
  });
});
