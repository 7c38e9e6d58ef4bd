/**
 * Test-only: the account signatories of Phòng LĐ-TB&XH (names illustrative: the seed
 * names none) and the people behind them.
 */
import type { Actor } from '../../shared/actor';
import { accountant } from '../../shared/testing/actors.fixture';
import type { UnitSignatory } from '../../reference/signatory';

/** The head of the office: an account that decides (approver), confined by the register. */
export const head: Actor = {
  userId: 'truong-phong-ldtbxh',
  name: 'Trưởng phòng LĐ-TB&XH',
  role: 'approver',
  unit: 'LDTBXH',
};
export const deputy: Actor = { ...head, userId: 'pho-phong-ldtbxh', name: 'Phó Trưởng phòng' };
export const chiefAccountant: Actor = accountant;

export const headSignatory: UnitSignatory = {
  capacity: 'account_holder',
  standing: 'head',
  personId: head.userId,
  name: head.name,
  title: 'Trưởng phòng',
  validFrom: '2024-01-02',
  validTo: null,
  specimen: { number: 'KBBT-2024-017', registeredOn: '2024-01-02' },
  appointment: null,
};
export const deputySignatory: UnitSignatory = {
  ...headSignatory,
  standing: 'deputy',
  personId: deputy.userId,
  name: deputy.name,
  title: 'Phó Trưởng phòng',
  specimen: { number: 'KBBT-2024-018', registeredOn: '2024-01-02' },
};
export const chiefSignatory: UnitSignatory = {
  ...headSignatory,
  capacity: 'chief_accountant',
  standing: 'chief_accountant',
  personId: chiefAccountant.userId,
  name: chiefAccountant.name,
  title: 'Kế toán trưởng',
  specimen: { number: 'KBBT-2024-019', registeredOn: '2024-01-02' },
};
export const signatories: readonly UnitSignatory[] = [
  headSignatory,
  deputySignatory,
  chiefSignatory,
];
