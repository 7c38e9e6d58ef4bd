import { admin, officer } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import { budgetRelationshipCodeOn, type BudgetRelationshipCode } from './budget-relationship-code';
import {
  spendingUnitDecider,
  type SpendingUnitCommand,
  type SpendingUnitEvent,
} from './spending-unit.decider';

const given = deciderSpec(spendingUnitDecider);

const unit: SpendingUnitEvent = {
  type: 'SpendingUnitRegistered',
  data: {
    code: 'LDTBXH',
    name: 'Phòng Lao động - Thương binh và Xã hội',
    kind: 'lead_agency',
    validFrom: '2021-01-01',
    validTo: '2025-06-30',
    registeredBy: admin,
    on: '2021-01-01',
  },
};
const record = (
  c: Partial<BudgetRelationshipCode & { code: string }> = {},
  actor = admin,
): SpendingUnitCommand => ({
  type: 'RecordBudgetRelationshipCode',
  actor,
  on: '2024-01-02',
  data: {
    code: 'LDTBXH',
    budgetRelationshipCode: '1040123',
    validFrom: '2021-01-01',
    certificate: null,
    ...c,
  },
});
const recorded = (c: Partial<BudgetRelationshipCode> = {}): SpendingUnitEvent => ({
  type: 'BudgetRelationshipCodeRecorded',
  data: {
    code: 'LDTBXH',
    budgetRelationshipCode: '1040123',
    validFrom: '2021-01-01',
    certificate: null,
    ...c,
    recordedBy: admin,
    on: '2024-01-02',
  },
});

describe("a unit's budget-relationship code (mã ĐVQHNS)", () => {
  it('records the code from a date, with the certificate that assigns it', () => {
    const state = given([unit])
      .when(record({ certificate: '12/GCN-TCKH' }))
      .then([recorded({ certificate: '12/GCN-TCKH' })]);
    if (state.status !== 'registered') throw new Error('unit not registered');
    expect(budgetRelationshipCodeOn(state.budgetRelationshipCodes, '2024-06-30')).toEqual({
      budgetRelationshipCode: '1040123',
      validFrom: '2021-01-01',
      certificate: '12/GCN-TCKH',
    });
    expect(budgetRelationshipCodeOn(state.budgetRelationshipCodes, '2020-12-31')).toBeNull();
  });

  it('changes the code from a later date; the earlier code stays in force before it', () => {
    const state = given([unit, recorded()])
      .when(record({ budgetRelationshipCode: '1040999', validFrom: '2024-07-01' }))
      .then([recorded({ budgetRelationshipCode: '1040999', validFrom: '2024-07-01' })]);
    if (state.status !== 'registered') throw new Error('unit not registered');
    const on = (day: string) =>
      budgetRelationshipCodeOn(state.budgetRelationshipCodes, day)?.budgetRelationshipCode;
    expect(on('2024-06-30')).toBe('1040123');
    expect(on('2024-07-01')).toBe('1040999');
  });

  it('a code recorded out of order still takes its place by date', () => {
    const state = given([
      unit,
      recorded({ budgetRelationshipCode: '1040999', validFrom: '2024-07-01' }),
    ])
      .when(record())
      .then([recorded()]);
    if (state.status !== 'registered') throw new Error('unit not registered');
    expect(
      budgetRelationshipCodeOn(state.budgetRelationshipCodes, '2023-01-01')?.budgetRelationshipCode,
    ).toBe('1040123');
    expect(
      budgetRelationshipCodeOn(state.budgetRelationshipCodes, '2025-01-01')?.budgetRelationshipCode,
    ).toBe('1040999');
  });

  it('records nothing for the same code again, or for the code already in force on the date', () => {
    given([unit, recorded()]).when(record()).then([]);
    given([unit, recorded()])
      .when(record({ validFrom: '2024-01-01' }))
      .then([]);
  });

  it('refuses another code from a date that already has one', () => {
    given([unit, recorded()])
      .when(record({ budgetRelationshipCode: '1040999' }))
      .thenThrows('UNIT.BUDGET_CODE_CONFLICT', { field: 'budgetRelationshipCode' });
  });

  it.each(['104012', '10401234', '104O123', ' 1040123', '', 'ABCDEFG'])(
    'refuses "%s": a mã ĐVQHNS is exactly seven digits',
    (value) => {
      given([unit])
        .when(record({ budgetRelationshipCode: value }))
        .thenThrows('UNIT.INVALID_BUDGET_RELATIONSHIP_CODE', { field: 'budgetRelationshipCode' });
    },
  );

  it("refuses a date outside the unit's existence", () => {
    given([unit])
      .when(record({ validFrom: '2020-12-31' }))
      .thenThrows('UNIT.BUDGET_CODE_OUTSIDE_UNIT_VALIDITY', { field: 'validFrom' });
    given([unit])
      .when(record({ validFrom: '2025-07-01' }))
      .thenThrows('UNIT.BUDGET_CODE_OUTSIDE_UNIT_VALIDITY', { field: 'validFrom' });
  });

  it('refuses a malformed date, an empty certificate, and an unknown unit', () => {
    given([unit])
      .when(record({ validFrom: '2024-13-01' }))
      .thenThrows('VALIDATION.DATE', { field: 'validFrom' });
    given([unit])
      .when(record({ certificate: '  ' }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'certificate' });
    given([]).when(record()).thenThrows('UNIT.NOT_REGISTERED', { field: 'code' });
  });

  it('is the administrator’s: a unit officer is refused', () => {
    given([unit]).when(record({}, officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
  });
});
