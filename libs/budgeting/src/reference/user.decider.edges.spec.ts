import { admin } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import { userDecider } from './user.decider';
import type { UserCommand } from './user.events';

// Edges of registering a user found by mutation testing (README, "Mutation testing").
const given = deciderSpec(userDecider);
type Register = Extract<UserCommand, { type: 'RegisterUser' }>;

const register = (data: Partial<Register['data']>): Register => ({
  type: 'RegisterUser',
  actor: admin,
  on: '2024-01-02',
  data: {
    userId: 'can-bo-ldtbxh',
    name: 'Cán bộ LĐTBXH',
    role: 'officer',
    unit: 'LDTBXH',
    ...data,
  },
});

describe('registering a user, at the edges', () => {
  it('refuses a user id the ledger keeps for its own processes, naming the field', () => {
    given([])
      .when(register({ userId: 'system:transfers' }))
      .thenThrows('USER.RESERVED_ID', { field: 'userId' });
  });

  it('takes a user id that only holds "system:" further on', () => {
    given([])
      .when(register({ userId: 'ke-toan-system:1' }))
      .thenMatches([{ type: 'UserRegistered', data: { userId: 'ke-toan-system:1' } }]);
  });

  it.each(['officer', 'accountant'] as const)(
    'refuses an %s without a unit, naming the field',
    (role) => {
      const error = given([])
        .when(register({ role, unit: null }))
        .thenThrows('USER.UNIT_REQUIRED', { field: 'unit' });
      expect(error.messages.vi).toContain(role === 'officer' ? 'cán bộ nghiệp vụ' : 'kế toán');
      expect(error.messages.en).toContain(`an ${role} must belong`);
    },
  );

  it('takes an approver without a unit: the district’s approvers act district-wide', () => {
    given([])
      .when(register({ userId: 'lu-dinh-tich', role: 'approver', unit: null }))
      .thenMatches([{ type: 'UserRegistered', data: { role: 'approver', unit: null } }]);
  });

  it.each([
    ['userId', { userId: ' ' }],
    ['name', { name: '' }],
    ['unit', { unit: ' ' }],
  ] as const)('names %s when it is blank', (field, data) => {
    given([]).when(register(data)).thenThrows('VALIDATION.REQUIRED', { field });
  });

  it('names the field of a name holding a control character, or nothing visible', () => {
    given([])
      .when(register({ name: 'Cán bộ\u202eLĐTBXH' }))
      .thenThrows('VALIDATION.CONTROL_CHARACTER', { field: 'name' });
    given([])
      .when(register({ name: '\u200b\u200b' }))
      .thenThrows('VALIDATION.INVISIBLE_TEXT', { field: 'name' });
  });

  it('names the date of a command dated 30/02', () => {
    given([])
      .when({ ...register({}), on: '2024-02-30' })
      .thenThrows('VALIDATION.DATE', {
        field: 'on',
      });
  });
});
