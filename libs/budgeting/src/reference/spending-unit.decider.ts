import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { authorize } from '../shared/authorization';
import { REFERENCE_POLICIES } from './reference.policy';
import { registerSignatory, signatoryOf, withSignatory } from './signatory.decide';
import {
  budgetRelationshipCodeOf,
  recordBudgetRelationshipCode,
  withBudgetRelationshipCode,
} from './budget-relationship-code';
import {
  requireDate,
  requireDocumentNumbers,
  requireOneOf,
  requireText,
  requireValidity,
} from './field.validation';
import {
  UNIT_KINDS,
  type SpendingUnit,
  type SpendingUnitCommand,
  type SpendingUnitEvent,
  type SpendingUnitState,
} from './spending-unit.events';

export {
  UNIT_KINDS,
  type SpendingUnit,
  type SpendingUnitCommand,
  type SpendingUnitEvent,
  type SpendingUnitState,
  type UnitKind,
} from './spending-unit.events';

const CODE = /^[A-ZĐ0-9][A-ZĐ0-9_]*$/u;

export function streamIdForSpendingUnit(code: string): string {
  return `unit-${code}`;
}

/** Whether the unit exists on that business date (both ends inclusive). */
export function isUnitActiveOn(state: SpendingUnitState, date: string): boolean {
  if (state.status !== 'registered') return false;
  const { validFrom, validTo } = state.unit;
  return date >= validFrom && (validTo === null || date <= validTo);
}

function register(
  command: Extract<SpendingUnitCommand, { type: 'RegisterSpendingUnit' }>,
  state: SpendingUnitState,
): SpendingUnitEvent[] {
  authorize(REFERENCE_POLICIES.RegisterSpendingUnit, command.actor);
  requireDate(command.on, 'on');
  const unit: SpendingUnit = {
    code: requireCode(command.data.code),
    name: requireText(command.data.name, 'name'),
    kind: requireOneOf(command.data.kind, UNIT_KINDS, 'kind'),
    validFrom: command.data.validFrom,
    validTo: command.data.validTo,
  };
  requireValidity(unit.validFrom, unit.validTo);
  if (state.status === 'registered') {
    if (sameUnit(state.registration, unit)) return [];
    throw new DomainError(
      'UNIT.ALREADY_REGISTERED',
      'conflict',
      {
        vi: `Đơn vị ${unit.code} đã được đăng ký với nội dung khác`,
        en: `Unit ${unit.code} is already registered with other content`,
      },
      { field: 'code', code: unit.code },
    );
  }
  return [
    {
      type: 'SpendingUnitRegistered',
      data: { ...unit, registeredBy: command.actor, on: command.on },
    },
  ];
}

function changeValidity(
  command: Extract<SpendingUnitCommand, { type: 'ChangeUnitValidity' }>,
  state: SpendingUnitState,
): SpendingUnitEvent[] {
  authorize(REFERENCE_POLICIES.ChangeUnitValidity, command.actor);
  requireDate(command.on, 'on');
  const { code, validTo } = command.data;
  if (state.status !== 'registered' || state.unit.code !== code) {
    throw new DomainError(
      'UNIT.NOT_REGISTERED',
      'not_found',
      { vi: `Chưa đăng ký đơn vị ${code}`, en: `Unit ${code} is not registered` },
      { field: 'code', code },
    );
  }
  requireValidity(state.unit.validFrom, validTo);
  const reason = requireText(command.data.reason, 'reason');
  const legalBasis = requireDocumentNumbers(command.data.legalBasis, 'legalBasis');
  if (validTo === state.unit.validTo) return [];
  return [
    {
      type: 'SpendingUnitValidityChanged',
      data: {
        code,
        previousValidTo: state.unit.validTo,
        validTo,
        reason,
        legalBasis,
        changedBy: command.actor,
        on: command.on,
      },
    },
  ];
}

function requireCode(code: string): string {
  if (typeof code !== 'string' || !CODE.test(code)) {
    throw new DomainError(
      'UNIT.INVALID_CODE',
      'validation',
      {
        vi: `code: mã đơn vị "${code}" chỉ gồm chữ in hoa, chữ số và "_" (ví dụ LDTBXH)`,
        en: `code: unit code "${code}" must be capitals, digits and "_" (e.g. LDTBXH)`,
      },
      { field: 'code' },
    );
  }
  return code;
}

function sameUnit(a: SpendingUnit, b: SpendingUnit): boolean {
  return (
    a.code === b.code &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.validFrom === b.validFrom &&
    a.validTo === b.validTo
  );
}

export const spendingUnitDecider: Decider<
  SpendingUnitCommand,
  SpendingUnitEvent,
  SpendingUnitState
> = {
  name: 'spending-unit@1',
  initialState: { status: 'unregistered' },
  evolve(state, event) {
    switch (event.type) {
      case 'SpendingUnitRegistered': {
        const { code, name, kind, validFrom, validTo } = event.data;
        const unit = { code, name, kind, validFrom, validTo };
        return { status: 'registered', registration: unit, unit, signatories: [] };
      }
      case 'SpendingUnitValidityChanged':
        if (state.status !== 'registered') return state;
        return { ...state, unit: { ...state.unit, validTo: event.data.validTo } };
      case 'UnitSignatoryRegistered':
        if (state.status !== 'registered') return state;
        return { ...state, signatories: withSignatory(state.signatories, signatoryOf(event.data)) };
      case 'BudgetRelationshipCodeRecorded':
        if (state.status !== 'registered') return state;
        return {
          ...state,
          budgetRelationshipCodes: withBudgetRelationshipCode(
            state.budgetRelationshipCodes,
            budgetRelationshipCodeOf(event.data),
          ),
        };
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterSpendingUnit':
        return register(command, state);
      case 'ChangeUnitValidity':
        return changeValidity(command, state);
      case 'RegisterUnitSignatory':
        return registerSignatory(command, state);
      case 'RecordBudgetRelationshipCode':
        return recordBudgetRelationshipCode(command, state);
      default:
        return assertNever(command);
    }
  },
};
