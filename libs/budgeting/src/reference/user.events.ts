import type { Actor, Authority, Role } from '../shared/actor';

export interface UserProfile {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  /** Spending unit code; null for district-wide users. */
  readonly unit: string | null;
}

/** An approver's authority under one delegation decision, with the decision cited. */
export interface Delegation {
  readonly delegationId: string;
  readonly authority: Authority & { readonly validFrom: string };
  readonly legalBasis: readonly string[];
  /** Not in force from this date on (the revoking decision's date). */
  readonly revokedOn: string | null;
}

type WithActor<T> = T & { readonly actor: Actor; readonly on: string };

export type UserCommand =
  | WithActor<{
      readonly type: 'RegisterUser';
      /** `bootstrap` lets the very first admin be created when no admin exists yet. */
      readonly data: UserProfile & { readonly bootstrap?: boolean };
    }>
  | WithActor<{
      readonly type: 'DelegateAuthority';
      readonly data: {
        readonly userId: string;
        readonly delegationId: string;
        readonly capacity: string;
        readonly title: string;
        readonly programParts: readonly string[];
        readonly units: readonly string[];
        readonly validFrom: string;
        readonly validTo: string | null;
        readonly legalBasis: readonly string[];
      };
    }>
  | WithActor<{
      readonly type: 'RevokeAuthority';
      readonly data: {
        readonly userId: string;
        readonly delegationId: string;
        readonly reason: string;
        readonly legalBasis: readonly string[];
      };
    }>
  | WithActor<{
      readonly type: 'DeactivateUser';
      readonly data: { readonly userId: string; readonly reason: string };
    }>;

export type UserEvent =
  | {
      readonly type: 'UserRegistered';
      readonly data: UserProfile & {
        readonly bootstrap: boolean;
        readonly registeredBy: Actor;
        readonly on: string;
      };
    }
  | {
      readonly type: 'AuthorityDelegated';
      readonly data: Omit<Delegation, 'revokedOn'> & {
        readonly userId: string;
        readonly delegatedBy: Actor;
        readonly on: string;
      };
    }
  | {
      readonly type: 'AuthorityRevoked';
      readonly data: {
        readonly userId: string;
        readonly delegationId: string;
        readonly reason: string;
        readonly legalBasis: readonly string[];
        readonly revokedBy: Actor;
        readonly on: string;
      };
    }
  | {
      readonly type: 'UserDeactivated';
      readonly data: {
        readonly userId: string;
        readonly reason: string;
        readonly deactivatedBy: Actor;
        readonly on: string;
      };
    };

export type UserState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'deactivated';
      readonly profile: UserProfile;
      readonly delegations: readonly Delegation[];
      readonly deactivatedOn: string | null;
    };

export type RegisteredUser = Extract<UserState, { status: 'active' | 'deactivated' }>;
