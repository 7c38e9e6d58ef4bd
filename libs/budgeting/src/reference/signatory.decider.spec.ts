import { admin, officer } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import { chiefSignatory, headSignatory } from '../budget-line/testing/signatories.fixture';
import { signatoryOn, signsWithTwoSignatures, type UnitSignatory } from './signatory';
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
const register = (s: Partial<UnitSignatory> = {}, actor = admin): SpendingUnitCommand => ({
  type: 'RegisterUnitSignatory',
  actor,
  on: '2024-01-02',
  data: { ...headSignatory, validTo: '2025-06-30', ...s, code: 'LDTBXH' },
});
const registered = (s: UnitSignatory): SpendingUnitEvent => ({
  type: 'UnitSignatoryRegistered',
  data: { ...s, code: 'LDTBXH', registeredBy: admin, on: '2024-01-02' },
});
const head = { ...headSignatory, validTo: '2025-06-30' };
const chief = { ...chiefSignatory, validTo: '2025-06-30' };

describe("a unit's account signatories", () => {
  it('registers the head as account holder, with the specimen registered at the Treasury', () => {
    const state = given([unit])
      .when(register())
      .then([registered(head)]);
    if (state.status !== 'registered') throw new Error('unit not registered');
    expect(signatoryOn(state.signatories, head.personId, 'account_holder', '2024-05-12')).toEqual(
      head,
    );
    expect(signsWithTwoSignatures(state.signatories, '2024-01-01')).toBe(false);
    expect(signsWithTwoSignatures(state.signatories, '2024-01-02')).toBe(true);
  });

  it('records nothing for the same registration again, refuses it with other content', () => {
    given([unit, registered(head)])
      .when(register())
      .then([]);
    given([unit, registered(head)])
      .when(register({ title: 'Quyền Trưởng phòng' }))
      .thenThrows('SIGNATORY.ALREADY_REGISTERED', { field: 'personId' });
  });

  it('ends a registration by registering it again with an end, and the signer no longer signs after it', () => {
    const ended = { ...head, validTo: '2024-08-31' };
    const state = given([unit, registered(head)])
      .when(register({ validTo: '2024-08-31' }))
      .then([registered(ended)]);
    if (state.status !== 'registered') throw new Error('unit not registered');
    expect(state.signatories).toEqual([ended]);
    expect(signatoryOn(state.signatories, head.personId, 'account_holder', '2024-09-01')).toBe(
      null,
    );
  });

  it('refuses the same person in the other capacity over an overlapping period', () => {
    given([unit, registered(head)])
      .when(register({ ...chief, personId: head.personId }))
      .thenThrows('SIGNATORY.BOTH_CAPACITIES', { capacity: 'account_holder' });
  });

  it('lets the person hold the other capacity once the first has ended', () => {
    const ended = { ...head, validTo: '2024-05-31' };
    given([unit, registered(ended)])
      .when(register({ ...chief, personId: head.personId, validFrom: '2024-06-01' }))
      .thenMatches([{ type: 'UnitSignatoryRegistered' }]);
  });

  it('refuses a standing that does not sign in the capacity', () => {
    given([unit])
      .when(register({ standing: 'chief_accountant' }))
      .thenThrows('SIGNATORY.STANDING_MISMATCH', { field: 'standing' });
  });

  it('refuses a signing period that starts before the specimen was registered', () => {
    given([unit])
      .when(register({ specimen: { number: 'KBBT-1', registeredOn: '2024-02-01' } }))
      .thenThrows('SIGNATORY.BEFORE_SPECIMEN', { field: 'validFrom' });
  });

  it("refuses a signing period outside the unit's existence", () => {
    given([unit])
      .when(register({ validTo: null }))
      .thenThrows('SIGNATORY.OUTSIDE_UNIT_VALIDITY');
  });

  it('refuses blank fields, naming each', () => {
    given([unit])
      .when(register({ name: ' ' }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'name' });
    given([unit])
      .when(register({ specimen: { number: '', registeredOn: '2024-01-02' } }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'specimen.number' });
    given([unit])
      .when(register({ capacity: 'treasurer' as 'account_holder' }))
      .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'capacity' });
  });

  it('refuses an unknown unit and anyone but an admin', () => {
    given([]).when(register()).thenThrows('UNIT.NOT_REGISTERED', { code: 'LDTBXH' });
    given([unit]).when(register({}, officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
  });
});
