import type { Messages } from '../shared/domain-error';

/**
 * The two signatures a State Treasury payment order carries (Thông tư 18/2020/TT-BTC on
 * registering and using accounts at the Treasury, under Nghị định 11/2020/NĐ-CP): the
 * first by the account holder (chủ tài khoản: the unit's head, or a deputy whose specimen
 * signature is registered), the second by the chief accountant (kế toán trưởng, or the
 * person in charge of accounting, phụ trách kế toán).
 */
export const SIGNING_CAPACITIES = ['account_holder', 'chief_accountant'] as const;
export type SigningCapacity = (typeof SIGNING_CAPACITIES)[number];

/** How the signatory holds the capacity: the head or a registered deputy; a chief accountant or the person in charge. */
export const SIGNATORY_STANDINGS = ['head', 'deputy', 'chief_accountant', 'in_charge'] as const;
export type SignatoryStanding = (typeof SIGNATORY_STANDINGS)[number];

export const STANDINGS_OF: Readonly<Record<SigningCapacity, readonly SignatoryStanding[]>> = {
  account_holder: ['head', 'deputy'],
  chief_accountant: ['chief_accountant', 'in_charge'],
};

export const CAPACITY_LABELS: Readonly<Record<SigningCapacity, Messages>> = {
  account_holder: { vi: 'Chủ tài khoản', en: 'Account holder' },
  chief_accountant: { vi: 'Kế toán trưởng', en: 'Chief accountant' },
};

/** The specimen-signature registration the Treasury holds for the signatory. */
export interface SpecimenRegistration {
  /** As the Treasury's confirmation numbers it (free text: forms differ by Treasury office). */
  readonly number: string;
  readonly registeredOn: string;
}

/** A signatory of a unit's Treasury account, for a period (both ends inclusive). */
export interface UnitSignatory {
  readonly capacity: SigningCapacity;
  readonly standing: SignatoryStanding;
  /**
   * The person who signs, by the user id that stands for the person: an account's own id,
   * or the id its `--person` names. Any account of that person signs as them.
   */
  readonly personId: string;
  readonly name: string;
  /** As printed under the signature: "Trưởng phòng", "Phó Trưởng phòng", "Kế toán trưởng". */
  readonly title: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly specimen: SpecimenRegistration;
  /** The decision appointing them (bổ nhiệm / giao nhiệm vụ), when registered with it. */
  readonly appointment: string | null;
}

export function signatoryInForce(s: UnitSignatory, day: string): boolean {
  return day >= s.validFrom && (s.validTo === null || day <= s.validTo);
}

/** Whether the unit has any signatory registered in force on the day: then two signatures are required. */
export function signsWithTwoSignatures(list: readonly UnitSignatory[], day: string): boolean {
  return list.some((s) => signatoryInForce(s, day));
}

/** The registration under which `personId` signs in `capacity` on `day`, if any. */
export function signatoryOn(
  list: readonly UnitSignatory[],
  personId: string,
  capacity: SigningCapacity,
  day: string,
): UnitSignatory | null {
  return (
    list.find(
      (s) => s.personId === personId && s.capacity === capacity && signatoryInForce(s, day),
    ) ?? null
  );
}

/** Two periods (inclusive, open ends) share a day. */
export function periodsOverlap(
  a: { readonly validFrom: string; readonly validTo: string | null },
  b: { readonly validFrom: string; readonly validTo: string | null },
): boolean {
  return (
    (a.validTo === null || b.validFrom <= a.validTo) &&
    (b.validTo === null || a.validFrom <= b.validTo)
  );
}

/**
 * The capacity a signature is given in: the one named, else the one the person is
 * registered in on the day (a person never holds both at once), else null.
 */
export function signingCapacityOf(
  list: readonly UnitSignatory[],
  personId: string,
  named: SigningCapacity | null,
  day: string,
): SigningCapacity | null {
  if (named !== null) return named;
  return list.find((s) => s.personId === personId && signatoryInForce(s, day))?.capacity ?? null;
}
