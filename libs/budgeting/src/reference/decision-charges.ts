import type { Actor } from '../shared/actor';
import { authorize } from '../shared/authorization';
import { DomainError } from '../shared/domain-error';
import { formatMoney, type Money } from '../shared/money';
import { policy } from '../shared/policy';

/*
 * A decision that states its amount (LegalDocument.amount) is charged with every
 * allocation made under it, in the document's own stream: an append with the expected
 * revision, so two allocations racing for the last đồng of a decision cannot both pass.
 * The allocation handler charges before it allocates and releases the charge if the
 * allocation is then refused, so the charges are exactly the allocations recorded.
 */

export interface Charges {
  /** What allocations under the decision took, released charges excluded. */
  readonly charged: Money;
  /** Allocation id → amount charged (0n once released). */
  readonly charges: Readonly<Record<string, Money>>;
}

export const NO_CHARGES: Charges = { charged: 0n, charges: {} };

type Base = { readonly actor: Actor; readonly on: string };
export type ChargeCommand =
  | (Base & {
      readonly type: 'ChargeAllocation';
      readonly data: {
        readonly allocationId: string;
        readonly budgetLineId: string;
        readonly amount: Money;
      };
    })
  | (Base & {
      readonly type: 'ReleaseAllocation';
      readonly data: { readonly allocationId: string; readonly reason: string };
    });

export type ChargeEvent =
  | {
      readonly type: 'AllocationCharged';
      readonly data: {
        readonly allocationId: string;
        readonly budgetLineId: string;
        readonly amount: Money;
      };
    }
  | {
      readonly type: 'AllocationChargeReleased';
      readonly data: {
        readonly allocationId: string;
        readonly amount: Money;
        readonly reason: string;
      };
    };

/** Charging a decision is part of allocating under it: the same people may. */
export const CHARGE_POLICY = policy({
  name: 'ChargeAllocation',
  kind: 'write',
  action: { vi: 'ghi số tiền đã giao theo quyết định', en: 'charge an allocation to its decision' },
  roles: ['admin'],
  scope: 'any',
  doors: ['POST /api/v1/allocations', 'budget import'],
});

interface Registered extends Charges {
  readonly document: { readonly number: string; readonly amount?: Money | null };
}

export function decideCharge(command: ChargeCommand, state: Registered | null): ChargeEvent[] {
  authorize(CHARGE_POLICY, command.actor);
  if (state === null) {
    throw new DomainError('DOCUMENT.NOT_REGISTERED', 'rule', {
      vi: 'Quyết định chưa được đăng ký trong sổ văn bản',
      en: 'The decision is not registered',
    });
  }
  const { allocationId } = command.data;
  const existing = state.charges[allocationId];
  if (command.type === 'ReleaseAllocation') {
    if (existing === undefined || existing === 0n) return [];
    const data = { allocationId, amount: existing, reason: command.data.reason };
    return [{ type: 'AllocationChargeReleased', data }];
  }
  const limit = state.document.amount ?? null;
  if (existing !== undefined || limit === null) return [];
  const { amount, budgetLineId } = command.data;
  if (state.charged + amount > limit) {
    throw new DomainError(
      'DOCUMENT.AMOUNT_EXCEEDED',
      'rule',
      {
        vi: `Vượt số tiền của quyết định ${state.document.number}: đã giao ${formatMoney(state.charged)}, giao thêm ${formatMoney(amount)}, tối đa ${formatMoney(limit)} đồng`,
        en: `Exceeds decision ${state.document.number}: ${state.charged} allocated, ${amount} more, at most ${limit} đồng`,
      },
      { field: 'amount', decision: state.document.number, amount: limit.toString() },
    );
  }
  return [{ type: 'AllocationCharged', data: { allocationId, budgetLineId, amount } }];
}

export function evolveCharges(state: Charges, event: ChargeEvent): Charges {
  const { allocationId, amount } = event.data;
  if (event.type === 'AllocationCharged') {
    return {
      charged: state.charged + amount,
      charges: { ...state.charges, [allocationId]: amount },
    };
  }
  return { charged: state.charged - amount, charges: { ...state.charges, [allocationId]: 0n } };
}
