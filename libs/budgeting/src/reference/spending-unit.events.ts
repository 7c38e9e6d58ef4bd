import type { Actor } from '../shared/actor';
import type { UnitSignatory } from './signatory';
import type { BudgetRelationshipCode } from './budget-relationship-code';

export const UNIT_KINDS = ['lead_agency', 'district_agency', 'commune'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A spending unit (đơn vị sử dụng ngân sách). Validity dates are inclusive. */
export interface SpendingUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export type SpendingUnitCommand =
  | {
      readonly type: 'RegisterSpendingUnit';
      readonly data: SpendingUnit;
      readonly actor: Actor;
      readonly on: string;
    }
  | {
      /** E.g. district agencies ended on 30/6/2025 when the district level was abolished. */
      readonly type: 'ChangeUnitValidity';
      readonly data: {
        readonly code: string;
        readonly validTo: string | null;
        readonly reason: string;
        readonly legalBasis: readonly string[];
      };
      readonly actor: Actor;
      readonly on: string;
    }
  | {
      /** A signatory of the unit's Treasury account, with their specimen-signature registration. */
      readonly type: 'RegisterUnitSignatory';
      readonly data: UnitSignatory & { readonly code: string };
      readonly actor: Actor;
      readonly on: string;
    }
  | {
      /** The unit's budget-relationship code (mã ĐVQHNS) from a date: a first one, or a change. */
      readonly type: 'RecordBudgetRelationshipCode';
      readonly data: BudgetRelationshipCode & { readonly code: string };
      readonly actor: Actor;
      readonly on: string;
    };

export type SpendingUnitEvent =
  | {
      readonly type: 'SpendingUnitRegistered';
      readonly data: SpendingUnit & { readonly registeredBy: Actor; readonly on: string };
    }
  | {
      readonly type: 'SpendingUnitValidityChanged';
      readonly data: {
        readonly code: string;
        readonly previousValidTo: string | null;
        readonly validTo: string | null;
        readonly reason: string;
        readonly legalBasis: readonly string[];
        readonly changedBy: Actor;
        readonly on: string;
      };
    }
  | {
      readonly type: 'UnitSignatoryRegistered';
      readonly data: UnitSignatory & {
        readonly code: string;
        readonly registeredBy: Actor;
        readonly on: string;
      };
    }
  | {
      readonly type: 'BudgetRelationshipCodeRecorded';
      readonly data: BudgetRelationshipCode & {
        readonly code: string;
        readonly recordedBy: Actor;
        readonly on: string;
      };
    };

export type SpendingUnitState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      /** As first registered: a replayed registration is compared with this, not the current unit. */
      readonly registration: SpendingUnit;
      readonly unit: SpendingUnit;
      /** Its account's signatories, in the order registered (none: the single-approval path). */
      readonly signatories: readonly UnitSignatory[];
      /** Its mã ĐVQHNS over time, ordered by validFrom; absent: none recorded. */
      readonly budgetRelationshipCodes?: readonly BudgetRelationshipCode[];
    };
