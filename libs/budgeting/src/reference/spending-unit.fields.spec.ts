import { admin } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import { spendingUnitDecider, type SpendingUnitCommand } from './spending-unit.decider';

// Each refusal of a unit's registration or change of validity names its field (README,
// "Mutation testing"). The unit is built from its events so that this spec holds whatever
// other content a unit comes to carry.
const given = deciderSpec(spendingUnitDecider);

const register: SpendingUnitCommand = {
  type: 'RegisterSpendingUnit',
  actor: admin,
  on: '2024-01-02',
  data: {
    code: 'LDTBXH',
    name: 'Phòng Lao động - Thương binh và Xã hội',
    kind: 'lead_agency',
    validFrom: '2021-01-01',
    validTo: null,
  },
};
const registered = given([]).when(register).events();
const endOn = (reason: string, on = '2025-07-01'): SpendingUnitCommand => ({
  type: 'ChangeUnitValidity',
  actor: admin,
  on,
  data: { code: 'LDTBXH', validTo: '2025-06-30', reason, legalBasis: ['72/2025/QH15'] },
});

describe('a spending unit’s refusals, naming the field', () => {
  it('names the date of a registration recorded on a day that does not exist', () => {
    given([])
      .when({ ...register, on: '2024-02-30' })
      .thenThrows('VALIDATION.DATE', { field: 'on' });
  });

  it('names the date of a change of validity recorded on a day that does not exist', () => {
    given(registered)
      .when(endOn('Kết thúc hoạt động cấp huyện', '2025-13-01'))
      .thenThrows('VALIDATION.DATE', { field: 'on' });
  });

  it('names the reason of a change of validity when it is blank', () => {
    given(registered).when(endOn(' ')).thenThrows('VALIDATION.REQUIRED', { field: 'reason' });
  });
});
