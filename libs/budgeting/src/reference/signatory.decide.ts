import { authorize } from '../shared/authorization';
import { formatVietnameseDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';
import {
  requireDate,
  requireDocumentNumber,
  requireOneOf,
  requireText,
  requireValidity,
} from './field.validation';
import { REFERENCE_POLICIES } from './reference.policy';
import {
  CAPACITY_LABELS,
  periodsOverlap,
  SIGNATORY_STANDINGS,
  SIGNING_CAPACITIES,
  STANDINGS_OF,
  type UnitSignatory,
} from './signatory';
import type {
  SpendingUnitCommand,
  SpendingUnitEvent,
  SpendingUnitState,
} from './spending-unit.events';

type Register = Extract<SpendingUnitCommand, { type: 'RegisterUnitSignatory' }>;

function refuse(
  code: string,
  kind: 'validation' | 'conflict' | 'rule',
  vi: string,
  en: string,
  details: Record<string, string>,
) {
  return new DomainError(code, kind, { vi, en }, details);
}

/** Every field checked and trimmed; a refusal names the field. */
function validated(d: Register['data']): UnitSignatory {
  const capacity = requireOneOf(d.capacity, SIGNING_CAPACITIES, 'capacity');
  const standing = requireOneOf(d.standing, SIGNATORY_STANDINGS, 'standing');
  if (!STANDINGS_OF[capacity].includes(standing)) {
    const allowed = STANDINGS_OF[capacity].join(', ');
    throw refuse(
      'SIGNATORY.STANDING_MISMATCH',
      'validation',
      `standing: "${standing}" không ký với tư cách ${CAPACITY_LABELS[capacity].vi} (chấp nhận: ${allowed})`,
      `standing: "${standing}" does not sign as ${CAPACITY_LABELS[capacity].en} (one of: ${allowed})`,
      { field: 'standing', capacity, allowed },
    );
  }
  requireValidity(d.validFrom, d.validTo);
  const specimen = d.specimen ?? { number: '', registeredOn: '' };
  const registeredOn = requireDate(specimen.registeredOn, 'specimen.registeredOn');
  // The Treasury honours a signature from its registration on, not before.
  if (d.validFrom < registeredOn) {
    throw refuse(
      'SIGNATORY.BEFORE_SPECIMEN',
      'validation',
      `validFrom: chữ ký chỉ có giá trị từ ngày đăng ký mẫu chữ ký tại Kho bạc (${formatVietnameseDate(registeredOn)}), không từ ${formatVietnameseDate(d.validFrom)}`,
      `validFrom: a signature counts from its specimen's registration at the Treasury (${registeredOn}), not from ${d.validFrom}`,
      { field: 'validFrom', registeredOn },
    );
  }
  return {
    capacity,
    standing,
    personId: requireText(d.personId, 'personId'),
    name: requireText(d.name, 'name'),
    title: requireText(d.title, 'title'),
    validFrom: d.validFrom,
    validTo: d.validTo,
    specimen: { number: requireText(specimen.number, 'specimen.number'), registeredOn },
    appointment:
      d.appointment === null || d.appointment === undefined
        ? null
        : requireDocumentNumber(d.appointment, 'appointment').text,
  };
}

const sameKey = (a: UnitSignatory, b: UnitSignatory) =>
  a.capacity === b.capacity && a.personId === b.personId && a.validFrom === b.validFrom;

const sameContent = (a: UnitSignatory, b: UnitSignatory) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Registers a signatory of the unit's Treasury account. The same registration again
 * records nothing; the same person in the other capacity for an overlapping period is
 * refused: the two signatures of a payment are two persons'.
 */
export function registerSignatory(
  command: Register,
  state: SpendingUnitState,
): SpendingUnitEvent[] {
  authorize(REFERENCE_POLICIES.RegisterUnitSignatory, command.actor);
  requireDate(command.on, 'on');
  const code = command.data.code;
  if (state.status !== 'registered' || state.unit.code !== code) {
    throw new DomainError(
      'UNIT.NOT_REGISTERED',
      'not_found',
      { vi: `Chưa đăng ký đơn vị ${code}`, en: `Unit ${code} is not registered` },
      { field: 'code', code },
    );
  }
  const signatory = validated(command.data);
  const existing = state.signatories.find((s) => sameKey(s, signatory));
  if (existing) {
    if (sameContent(existing, signatory)) return [];
    // Only the end may change (a head leaves, a deputy's registration is withdrawn): the
    // new registration replaces the old one, which stays in the log.
    const ends = sameContent({ ...existing, validTo: null }, { ...signatory, validTo: null });
    if (!ends)
      throw refuse(
        'SIGNATORY.ALREADY_REGISTERED',
        'conflict',
        `${signatory.name} đã được đăng ký ký với tư cách ${CAPACITY_LABELS[signatory.capacity].vi} từ ${formatVietnameseDate(signatory.validFrom)} với nội dung khác`,
        `${signatory.name} is already registered to sign as ${CAPACITY_LABELS[signatory.capacity].en} from ${signatory.validFrom} with other content`,
        { field: 'personId', personId: signatory.personId },
      );
  }
  const { unit } = state;
  if (
    signatory.validFrom < unit.validFrom ||
    (unit.validTo !== null && (signatory.validTo === null || signatory.validTo > unit.validTo))
  ) {
    throw refuse(
      'SIGNATORY.OUTSIDE_UNIT_VALIDITY',
      'validation',
      `validFrom: thời hạn ký phải nằm trong thời gian hoạt động của đơn vị ${code} (từ ${formatVietnameseDate(unit.validFrom)}${unit.validTo ? ` đến ${formatVietnameseDate(unit.validTo)}` : ''})`,
      `validFrom: the signing period must lie within unit ${code}'s existence (from ${unit.validFrom}${unit.validTo ? ` to ${unit.validTo}` : ''})`,
      { field: 'validFrom', unitValidFrom: unit.validFrom, unitValidTo: unit.validTo ?? '' },
    );
  }
  const other = state.signatories.find(
    (s) =>
      s.personId === signatory.personId &&
      s.capacity !== signatory.capacity &&
      periodsOverlap(s, signatory),
  );
  if (other) {
    throw refuse(
      'SIGNATORY.BOTH_CAPACITIES',
      'conflict',
      `${signatory.name} đã ký với tư cách ${CAPACITY_LABELS[other.capacity].vi} trong cùng thời gian: hai chữ ký trên chứng từ chi phải của hai người khác nhau`,
      `${signatory.name} already signs as ${CAPACITY_LABELS[other.capacity].en} in the same period: the two signatures of a payment are two different persons'`,
      { field: 'personId', personId: signatory.personId, capacity: other.capacity },
    );
  }
  return [
    {
      type: 'UnitSignatoryRegistered',
      data: { ...signatory, code, registeredBy: command.actor, on: command.on },
    },
  ];
}

/** The signatory as the event records it (without who registered it and when). */
export function signatoryOf(
  data: Extract<SpendingUnitEvent, { type: 'UnitSignatoryRegistered' }>['data'],
): UnitSignatory {
  const { capacity, standing, personId, name, title, validFrom, validTo, specimen, appointment } =
    data;
  return { capacity, standing, personId, name, title, validFrom, validTo, specimen, appointment };
}

/** The register with `s` in it: a registration of the same key (a changed end) replaces it. */
export function withSignatory(
  list: readonly UnitSignatory[],
  s: UnitSignatory,
): readonly UnitSignatory[] {
  return [...list.filter((other) => !sameKey(other, s)), s];
}
