import { ROLES } from '../shared/actor';
import { assertNever, type Decider } from '../shared/decider';
import { authorize, SYSTEM_ACTOR_PREFIX } from '../shared/authorization';
import { DomainError } from '../shared/domain-error';
import { REFERENCE_POLICIES } from './reference.policy';
import {
  requireDate,
  requireDocumentNumbers,
  requireOneOf,
  requireText,
  requireValidity,
} from './field.validation';
import { delegationsOverlap, requireCapacity, sameDelegation } from './user-authority';
import { userErrors } from './user.errors';
import type { Delegation, RegisteredUser, UserCommand, UserEvent, UserState } from './user.events';

type Command<T extends UserCommand['type']> = Extract<UserCommand, { type: T }>;

export function streamIdForUser(userId: string): string {
  return `user-${userId}`;
}

function registerUser(command: Command<'RegisterUser'>, state: UserState): UserEvent[] {
  const { bootstrap = false } = command.data;
  // Whether any admin exists is beyond this stream: the handler allows a bootstrap only then.
  if (bootstrap && command.data.role !== 'admin') throw userErrors.bootstrapOnlyAdmin();
  if (!bootstrap) authorize(REFERENCE_POLICIES.RegisterUser, command.actor);
  requireDate(command.on, 'on');
  const profile = {
    userId: requireText(command.data.userId, 'userId'),
    name: requireText(command.data.name, 'name'),
    role: requireOneOf(command.data.role, ROLES, 'role'),
    unit: command.data.unit === null ? null : requireText(command.data.unit, 'unit'),
  };
  if (profile.userId.startsWith(SYSTEM_ACTOR_PREFIX)) {
    throw new DomainError(
      'USER.RESERVED_ID',
      'validation',
      {
        vi: `userId: "${SYSTEM_ACTOR_PREFIX}…" dành cho các quy trình của sổ`,
        en: `userId: "${SYSTEM_ACTOR_PREFIX}…" is reserved for the ledger's own processes`,
      },
      { field: 'userId' },
    );
  }
  // Officers and accountants work for a unit: a unit-less one would act district-wide.
  if ((profile.role === 'officer' || profile.role === 'accountant') && profile.unit === null) {
    throw new DomainError(
      'USER.UNIT_REQUIRED',
      'validation',
      {
        vi: `unit: ${profile.role === 'officer' ? 'cán bộ nghiệp vụ' : 'kế toán'} phải thuộc một đơn vị`,
        en: `unit: an ${profile.role} must belong to a unit`,
      },
      { field: 'unit' },
    );
  }
  if (state.status !== 'unregistered') {
    const p = state.profile;
    if (p.name === profile.name && p.role === profile.role && p.unit === profile.unit) return [];
    throw userErrors.alreadyRegistered(profile.userId);
  }
  return [
    {
      type: 'UserRegistered',
      data: { ...profile, bootstrap, registeredBy: command.actor, on: command.on },
    },
  ];
}

function delegate(command: Command<'DelegateAuthority'>, state: UserState): UserEvent[] {
  authorize(REFERENCE_POLICIES.DelegateAuthority, command.actor);
  requireDate(command.on, 'on');
  const user = requireActive(state, command.data.userId);
  const { data } = command;
  if (user.profile.role !== 'approver') {
    throw userErrors.notApprover(user.profile.userId, user.profile.role);
  }
  requireValidity(data.validFrom, data.validTo);
  const legalBasis = requireDocumentNumbers(data.legalBasis, 'legalBasis');
  if (legalBasis.length === 0) throw userErrors.legalBasisRequired();
  const delegation: Delegation = {
    delegationId: requireText(data.delegationId, 'delegationId'),
    authority: {
      capacity: requireCapacity(data.capacity),
      title: requireText(data.title, 'title'),
      programParts: data.programParts.map((p, i) => requireText(p, `programParts[${i}]`)),
      units: data.units.map((u, i) => requireText(u, `units[${i}]`)),
      validFrom: data.validFrom,
      validTo: data.validTo,
    },
    legalBasis,
    revokedOn: null,
  };
  const existing = user.delegations.find((d) => d.delegationId === delegation.delegationId);
  if (existing !== undefined) {
    if (sameDelegation(existing, delegation)) return [];
    throw userErrors.delegationExists(delegation.delegationId);
  }
  const clash = user.delegations.find((d) => delegationsOverlap(d, delegation));
  if (clash !== undefined) throw userErrors.delegationOverlaps(clash.delegationId);
  const { delegationId, authority } = delegation;
  const { userId } = user.profile;
  return [
    {
      type: 'AuthorityDelegated',
      data: {
        userId,
        delegationId,
        authority,
        legalBasis,
        delegatedBy: command.actor,
        on: command.on,
      },
    },
  ];
}

function revoke(command: Command<'RevokeAuthority'>, state: UserState): UserEvent[] {
  authorize(REFERENCE_POLICIES.RevokeAuthority, command.actor);
  requireDate(command.on, 'on');
  const user = requireRegistered(state, command.data.userId);
  const { delegationId } = command.data;
  const delegation = user.delegations.find((d) => d.delegationId === delegationId);
  if (delegation === undefined) throw userErrors.delegationNotFound(delegationId);
  const reason = requireText(command.data.reason, 'reason');
  const legalBasis = requireDocumentNumbers(command.data.legalBasis, 'legalBasis');
  if (delegation.revokedOn !== null) return [];
  const { userId } = user.profile;
  return [
    {
      type: 'AuthorityRevoked',
      data: { userId, delegationId, reason, legalBasis, revokedBy: command.actor, on: command.on },
    },
  ];
}

function deactivate(command: Command<'DeactivateUser'>, state: UserState): UserEvent[] {
  authorize(REFERENCE_POLICIES.DeactivateUser, command.actor);
  requireDate(command.on, 'on');
  const user = requireRegistered(state, command.data.userId);
  // An admin locking themself out could leave the ledger with no admin at all.
  if (command.actor.userId === user.profile.userId) throw userErrors.cannotDeactivateSelf();
  const reason = requireText(command.data.reason, 'reason');
  if (user.status === 'deactivated') return [];
  const { userId } = user.profile;
  return [
    {
      type: 'UserDeactivated',
      data: { userId, reason, deactivatedBy: command.actor, on: command.on },
    },
  ];
}

function requireRegistered(state: UserState, userId: string): RegisteredUser {
  if (state.status === 'unregistered' || state.profile.userId !== userId) {
    throw userErrors.notRegistered(userId);
  }
  return state;
}

function requireActive(state: UserState, userId: string): RegisteredUser {
  const user = requireRegistered(state, userId);
  if (user.status === 'deactivated') throw userErrors.deactivated(userId);
  return user;
}

function evolve(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered') {
    const { userId, name, role, unit } = event.data;
    return {
      status: 'active',
      profile: { userId, name, role, unit },
      delegations: [],
      deactivatedOn: null,
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'AuthorityDelegated': {
      const { delegationId, authority, legalBasis } = event.data;
      const delegation = { delegationId, authority, legalBasis, revokedOn: null };
      return { ...state, delegations: [...state.delegations, delegation] };
    }
    case 'AuthorityRevoked': {
      const { delegationId, on } = event.data;
      const delegations = state.delegations.map((d) =>
        d.delegationId === delegationId ? { ...d, revokedOn: on } : d,
      );
      return { ...state, delegations };
    }
    case 'UserDeactivated':
      return { ...state, status: 'deactivated', deactivatedOn: event.data.on };
    default:
      return assertNever(event);
  }
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  name: 'user@1',
  initialState: { status: 'unregistered' },
  evolve,
  decide(command, state) {
    switch (command.type) {
      case 'RegisterUser':
        return registerUser(command, state);
      case 'DelegateAuthority':
        return delegate(command, state);
      case 'RevokeAuthority':
        return revoke(command, state);
      case 'DeactivateUser':
        return deactivate(command, state);
      default:
        return assertNever(command);
    }
  },
};

export type { Delegation, UserCommand, UserEvent, UserProfile, UserState } from './user.events';
