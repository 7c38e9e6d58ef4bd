import type { Actor } from '../shared/actor';
import { admin } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import { authorityOn } from './user-authority';
import { userDecider } from './user.decider';
import type { UserCommand, UserEvent } from './user.events';

// Each refusal of a delegation, revocation or deactivation names its field, and a
// revocation ends only the delegation it names (README, "Mutation testing").
const given = deciderSpec(userDecider);
type CommandOf<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>;

const approverRegistered: UserEvent = {
  type: 'UserRegistered',
  data: {
    userId: 'lu-dinh-tich',
    name: 'Lữ Đình Tích',
    role: 'approver',
    unit: null,
    bootstrap: false,
    registeredBy: admin,
    on: '2024-01-02',
  },
};
const delegate = (
  data: Partial<CommandOf<'DelegateAuthority'>['data']> = {},
): CommandOf<'DelegateAuthority'> => ({
  type: 'DelegateAuthority',
  actor: admin,
  on: '2024-01-05',
  data: {
    userId: 'lu-dinh-tich',
    delegationId: 'phan-cong-2024',
    capacity: 'KT. Chủ tịch',
    title: 'Phó Chủ tịch',
    programParts: ['DA6', 'DA7'],
    units: ['LDTBXH', 'YTE'],
    validFrom: '2024-01-05',
    validTo: '2025-06-30',
    legalBasis: ['12/QĐ-UBND'],
    ...data,
  },
});
const revoke = (
  data: Partial<CommandOf<'RevokeAuthority'>['data']> = {},
): CommandOf<'RevokeAuthority'> => ({
  type: 'RevokeAuthority',
  actor: admin,
  on: '2024-10-01',
  data: {
    userId: 'lu-dinh-tich',
    delegationId: 'phan-cong-2024',
    reason: 'Phân công lại',
    legalBasis: ['301/QĐ-UBND'],
    ...data,
  },
});
const deactivate = (reason = 'Nghỉ công tác', actor: Actor = admin): UserCommand => ({
  type: 'DeactivateUser',
  actor,
  on: '2025-07-01',
  data: { userId: 'lu-dinh-tich', reason },
});
const delegated = given([approverRegistered]).when(delegate()).events();

describe('a delegation refused, naming the field', () => {
  it.each([
    ['delegationId', { delegationId: ' ' }],
    ['title', { title: '' }],
    ['programParts[1]', { programParts: ['DA6', ' '] }],
    ['units[1]', { units: ['LDTBXH', ''] }],
  ] as const)('names %s when it is blank', (field, data) => {
    given([approverRegistered]).when(delegate(data)).thenThrows('VALIDATION.REQUIRED', { field });
  });

  it('names the cited document that is not a document number, by its position', () => {
    given([approverRegistered])
      .when(delegate({ legalBasis: ['12/QĐ-UBND', 'Luật 72'] }))
      .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'legalBasis[1]' });
  });

  it('names the date of a delegation recorded on a day that does not exist', () => {
    given([approverRegistered])
      .when({ ...delegate(), on: '2024-02-30' })
      .thenThrows('VALIDATION.DATE', { field: 'on' });
  });

  it('records the units it covers, in order', () => {
    given([approverRegistered])
      .when(delegate())
      .thenMatches([
        { type: 'AuthorityDelegated', data: { authority: { units: ['LDTBXH', 'YTE'] } } },
      ]);
  });
});

describe('a revocation refused, naming the field', () => {
  const history = [approverRegistered, ...delegated];

  it('names a blank reason', () => {
    given(history)
      .when(revoke({ reason: ' ' }))
      .thenThrows('VALIDATION.REQUIRED', { field: 'reason' });
  });

  it('names the cited document that is not a document number', () => {
    given(history)
      .when(revoke({ legalBasis: ['Quyết định 301'] }))
      .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'legalBasis[0]' });
  });

  it('names the date of a revocation recorded on a day that does not exist', () => {
    given(history)
      .when({ ...revoke(), on: '2024-13-01' })
      .thenThrows('VALIDATION.DATE', { field: 'on' });
  });
});

describe('a revocation of one of two delegations', () => {
  const later = delegate({
    delegationId: 'phan-cong-2025-07',
    validFrom: '2025-07-01',
    validTo: null,
  });
  const history = [
    approverRegistered,
    ...delegated,
    ...given([approverRegistered, ...delegated])
      .when(later)
      .events(),
  ];

  it('ends the one it names and leaves the other in force', () => {
    const state = given(history)
      .when(revoke({ delegationId: 'phan-cong-2025-07' }))
      .thenMatches([{ type: 'AuthorityRevoked', data: { delegationId: 'phan-cong-2025-07' } }]);
    expect(authorityOn(state, '2025-06-30')?.validFrom).toBe('2024-01-05');
    expect(authorityOn(state, '2025-07-01')).toBeNull();
  });
});

describe('a deactivation refused, naming the field', () => {
  it('names a blank reason', () => {
    given([approverRegistered])
      .when(deactivate(''))
      .thenThrows('VALIDATION.REQUIRED', { field: 'reason' });
  });

  it('names the date of a deactivation recorded on a day that does not exist', () => {
    given([approverRegistered])
      .when({ ...deactivate(), on: '2025-02-29' })
      .thenThrows('VALIDATION.DATE', { field: 'on' });
  });
});
