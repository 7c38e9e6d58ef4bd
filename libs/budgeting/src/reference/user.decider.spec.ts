import type { Actor } from '../shared/actor';
import { admin, approver, officer } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import { authorityOn } from './user-authority';
import { streamIdForUser, userDecider } from './user.decider';
import type { UserCommand, UserEvent } from './user.events';

const given = deciderSpec(userDecider);
type CommandOf<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>;
type EventOf<T extends UserEvent['type']> = Extract<UserEvent, { type: T }>;

const registerApprover: CommandOf<'RegisterUser'> = {
  type: 'RegisterUser',
  actor: admin,
  on: '2024-01-02',
  data: { userId: 'lu-dinh-tich', name: 'Lữ Đình Tích', role: 'approver', unit: null },
};
const approverRegistered: EventOf<'UserRegistered'> = {
  type: 'UserRegistered',
  data: { ...registerApprover.data, bootstrap: false, registeredBy: admin, on: '2024-01-02' },
};

// Scope, dates and the assigning decision are illustrative; the seed shows only the signature.
const delegate = (
  data: Partial<CommandOf<'DelegateAuthority'>['data']> = {},
  actor: Actor = admin,
): CommandOf<'DelegateAuthority'> => ({
  type: 'DelegateAuthority',
  actor,
  on: '2024-01-05',
  data: {
    userId: 'lu-dinh-tich',
    delegationId: 'phan-cong-2024',
    capacity: 'KT. Chủ tịch',
    title: 'Phó Chủ tịch',
    programParts: ['DA6', 'DA7'],
    units: [],
    validFrom: '2024-01-05',
    validTo: '2025-06-30',
    legalBasis: ['12/QĐ-UBND'],
    ...data,
  },
});
const delegated: EventOf<'AuthorityDelegated'> = {
  type: 'AuthorityDelegated',
  data: {
    userId: 'lu-dinh-tich',
    delegationId: 'phan-cong-2024',
    authority: {
      capacity: 'KT. Chủ tịch',
      title: 'Phó Chủ tịch',
      programParts: ['DA6', 'DA7'],
      units: [],
      validFrom: '2024-01-05',
      validTo: '2025-06-30',
    },
    legalBasis: ['12/QĐ-UBND'],
    delegatedBy: admin,
    on: '2024-01-05',
  },
};
const revoke = (delegationId = 'phan-cong-2024'): CommandOf<'RevokeAuthority'> => ({
  type: 'RevokeAuthority',
  actor: admin,
  on: '2024-10-01',
  data: {
    userId: 'lu-dinh-tich',
    delegationId,
    reason: 'Phân công lại',
    legalBasis: ['301/QĐ-UBND'],
  },
});
const revoked: EventOf<'AuthorityRevoked'> = {
  type: 'AuthorityRevoked',
  data: {
    userId: 'lu-dinh-tich',
    delegationId: 'phan-cong-2024',
    reason: 'Phân công lại',
    legalBasis: ['301/QĐ-UBND'],
    revokedBy: admin,
    on: '2024-10-01',
  },
};
const deactivate = (actor: Actor = admin): CommandOf<'DeactivateUser'> => ({
  type: 'DeactivateUser',
  actor,
  on: '2025-07-01',
  data: { userId: 'lu-dinh-tich', reason: 'Nghỉ công tác' },
});
const deactivated: EventOf<'UserDeactivated'> = {
  type: 'UserDeactivated',
  data: { userId: 'lu-dinh-tich', reason: 'Nghỉ công tác', deactivatedBy: admin, on: '2025-07-01' },
};

describe('users and approvers', () => {
  it('live in streams named after the user id', () => {
    expect(streamIdForUser('lu-dinh-tich')).toBe('user-lu-dinh-tich');
  });

  describe('when no user is registered', () => {
    it('lets an admin register one', () => {
      given([]).when(registerApprover).then([approverRegistered]);
    });

    it('refuses anyone else registering users', () => {
      given([])
        .when({ ...registerApprover, actor: approver })
        .thenThrows('AUTH.ROLE_FORBIDDEN', { role: 'approver' });
    });

    it('bootstraps the first admin without an admin actor', () => {
      const first = { userId: 'quan-tri', name: 'Quản trị', role: 'admin', unit: null } as const;
      const cli: Actor = { userId: 'system:cli', name: 'budget CLI', role: 'officer', unit: null };
      given([])
        .when({
          type: 'RegisterUser',
          actor: cli,
          on: '2024-01-01',
          data: { ...first, bootstrap: true },
        })
        .then([
          {
            type: 'UserRegistered',
            data: { ...first, bootstrap: true, registeredBy: cli, on: '2024-01-01' },
          },
        ]);
    });

    it('refuses a bootstrap of anything but an admin', () => {
      given([])
        .when({
          ...registerApprover,
          actor: officer,
          data: { ...registerApprover.data, bootstrap: true },
        })
        .thenThrows('USER.BOOTSTRAP_ONLY_ADMIN');
    });

    it('refuses an unknown role', () => {
      given([])
        .when({
          ...registerApprover,
          data: { ...registerApprover.data, role: 'chairman' as 'admin' },
        })
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'role' });
    });

    it('refuses a delegation to nobody', () => {
      given([]).when(delegate()).thenThrows('USER.NOT_REGISTERED');
    });

    it('has no authority', () => {
      expect(authorityOn(given([]).state, '2024-04-15')).toBeNull();
    });
  });

  describe('when the approver is registered', () => {
    const history = [approverRegistered];

    it('records nothing for the same registration again', () => {
      given(history).when(registerApprover).then([]);
    });

    it('refuses a registration with other content', () => {
      given(history)
        .when({ ...registerApprover, data: { ...registerApprover.data, role: 'auditor' } })
        .thenThrows('USER.ALREADY_REGISTERED');
    });

    it('refuses a change of name, role or unit under the same id', () => {
      for (const change of [
        { name: 'Lữ Đình T.' },
        { role: 'auditor' as const },
        { unit: 'LDTBXH' },
      ]) {
        given(history)
          .when({ ...registerApprover, data: { ...registerApprover.data, ...change } })
          .thenThrows('USER.ALREADY_REGISTERED');
      }
    });

    it('refuses commands about another user than the stream’s', () => {
      const other = { ...revoke(), data: { ...revoke().data, userId: 'nguoi-khac' } };
      given(history).when(other).thenThrows('USER.NOT_REGISTERED');
      given(history)
        .when({ ...deactivate(), data: { ...deactivate().data, userId: 'nguoi-khac' } })
        .thenThrows('USER.NOT_REGISTERED');
    });

    it('records a delegation to sign "KT. Chủ tịch"', () => {
      const state = given(history).when(delegate()).then([delegated]);
      expect(authorityOn(state, '2024-04-15')).toEqual(delegated.data.authority);
    });

    it.each(['TM. Ủy ban nhân dân', 'TL. Chủ tịch', 'TUQ. Chủ tịch', 'Chủ tịch'])(
      'accepts the capacity "%s"',
      (capacity) => {
        const [event] = given([approverRegistered]).when(delegate({ capacity })).events();
        expect(event?.type).toBe('AuthorityDelegated');
      },
    );

    it.each(['Phó Chủ tịch', 'KT Chủ tịch', 'Thay mặt'])(
      'refuses the capacity "%s"',
      (capacity) => {
        given(history)
          .when(delegate({ capacity }))
          .thenThrows('USER.INVALID_CAPACITY', { field: 'capacity' });
      },
    );

    it('refuses a delegation without its deciding document', () => {
      given(history)
        .when(delegate({ legalBasis: [] }))
        .thenThrows('USER.LEGAL_BASIS_REQUIRED', { field: 'legalBasis' });
    });

    it('refuses a delegation ending before it starts', () => {
      given(history)
        .when(delegate({ validTo: '2023-12-31' }))
        .thenThrows('VALIDATION.VALIDITY_RANGE');
    });

    it('refuses a delegation recorded by someone other than an admin', () => {
      given(history).when(delegate({}, officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses to revoke a delegation it does not have', () => {
      given(history).when(revoke('khong-co')).thenThrows('USER.DELEGATION_NOT_FOUND');
    });

    it('is deactivated by another admin', () => {
      given(history).when(deactivate()).then([deactivated]);
    });
  });

  describe('when the user is an officer', () => {
    const officerRegistered: UserEvent = {
      type: 'UserRegistered',
      data: { ...officer, bootstrap: false, registeredBy: admin, on: '2024-01-02' },
    };

    it('refuses a delegation: only approvers hold authority', () => {
      given([officerRegistered])
        .when(delegate({ userId: officer.userId }))
        .thenThrows('USER.NOT_APPROVER', { role: 'officer' });
    });
  });

  describe('when the approver holds a delegation', () => {
    const history = [approverRegistered, delegated];

    it('gives the authority only within its dates', () => {
      const state = given(history).state;
      expect(authorityOn(state, '2024-01-04')).toBeNull();
      expect(authorityOn(state, '2025-06-30')?.capacity).toBe('KT. Chủ tịch');
      expect(authorityOn(state, '2025-07-01')).toBeNull();
    });

    it('records nothing for the same delegation again', () => {
      given(history).when(delegate()).then([]);
    });

    it('refuses other content under the same delegation id', () => {
      given(history)
        .when(delegate({ programParts: ['DA7'] }))
        .thenThrows('USER.DELEGATION_EXISTS');
    });

    it('refuses a second delegation overlapping the first', () => {
      given(history)
        .when(
          delegate({ delegationId: 'phan-cong-2024-b', validFrom: '2024-06-01', validTo: null }),
        )
        .thenThrows('USER.DELEGATION_OVERLAPS');
    });

    it('revokes it: no authority from the revocation date on', () => {
      const state = given(history).when(revoke()).then([revoked]);
      expect(authorityOn(state, '2024-09-30')?.title).toBe('Phó Chủ tịch');
      expect(authorityOn(state, '2024-10-01')).toBeNull();
    });

    it('is no authority once the user is deactivated', () => {
      const state = given(history).when(deactivate()).then([deactivated]);
      expect(authorityOn(state, '2025-06-30')).not.toBeNull();
      expect(authorityOn(state, '2025-07-01')).toBeNull();
    });
  });

  describe('when the approver holds two delegations, one after the other', () => {
    const later = delegate({
      delegationId: 'phan-cong-2025-07',
      validFrom: '2025-07-01',
      validTo: null,
    });
    const history = [
      approverRegistered,
      delegated,
      ...given([approverRegistered, delegated]).when(later).events(),
    ];

    it('revokes the one named, not the first', () => {
      given(history)
        .when(revoke('phan-cong-2025-07'))
        .thenMatches([{ type: 'AuthorityRevoked', data: { delegationId: 'phan-cong-2025-07' } }]);
      given(history).when(revoke('khong-co')).thenThrows('USER.DELEGATION_NOT_FOUND');
    });
  });

  describe('when the delegation was revoked', () => {
    const history = [approverRegistered, delegated, revoked];

    it('records nothing for a second revocation', () => {
      given(history).when(revoke()).then([]);
    });

    it('accepts a new delegation from the revocation date', () => {
      const next = delegate({
        delegationId: 'phan-cong-2024-10',
        validFrom: '2024-10-01',
        programParts: ['DA7'],
      });
      const state = given(history)
        .when(next)
        .then([
          {
            type: 'AuthorityDelegated',
            data: {
              ...delegated.data,
              delegationId: 'phan-cong-2024-10',
              authority: {
                ...delegated.data.authority,
                programParts: ['DA7'],
                validFrom: '2024-10-01',
              },
            },
          },
        ]);
      expect(authorityOn(state, '2024-09-30')?.programParts).toEqual(['DA6', 'DA7']);
      expect(authorityOn(state, '2024-10-01')?.programParts).toEqual(['DA7']);
    });
  });

  describe('when the user is deactivated', () => {
    const history = [approverRegistered, deactivated];

    it('refuses a new delegation', () => {
      given(history).when(delegate()).thenThrows('USER.DEACTIVATED');
    });

    it('records nothing for a second deactivation', () => {
      given(history).when(deactivate()).then([]);
    });
  });

  describe('when an admin deactivates', () => {
    it('refuses their own account', () => {
      const adminRegistered: UserEvent = {
        type: 'UserRegistered',
        data: { ...admin, bootstrap: true, registeredBy: admin, on: '2024-01-01' },
      };
      given([adminRegistered])
        .when({ ...deactivate(), data: { userId: admin.userId, reason: 'x' } })
        .thenThrows('USER.CANNOT_DEACTIVATE_SELF');
    });
  });
});
