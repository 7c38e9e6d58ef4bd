import { BUDGET_LINE_POLICIES } from './budget-line/budget-line.policy';
import { FISCAL_YEAR_POLICIES } from './fiscal-year/fiscal-year.policy';
import { JOINT_WORK_POLICIES } from './joint-work/joint-work.policy';
import { PLAN_POLICIES } from './plan/plan.policy';
import { CHARGE_POLICY } from './reference/decision-charges';
import { REFERENCE_POLICIES } from './reference/reference.policy';
import { ROLES } from './shared/actor';
import type { Policy } from './shared/policy';
import { OPERATION_POLICIES, READ_POLICIES } from './shared/read.policy';
import { TRANSFER_POLICIES } from './transfer/transfer.policy';

/** Every policy of the ledger, in the order the README lists them. */
export const ALL_POLICIES: readonly Policy[] = [
  ...Object.values(BUDGET_LINE_POLICIES),
  ...Object.values(FISCAL_YEAR_POLICIES),
  ...Object.values(TRANSFER_POLICIES),
  ...Object.values(PLAN_POLICIES),
  ...Object.values(REFERENCE_POLICIES),
  ...Object.values(JOINT_WORK_POLICIES),
  CHARGE_POLICY,
  ...Object.values(READ_POLICIES),
  ...Object.values(OPERATION_POLICIES),
];

export function policyNamed(name: string): Policy {
  const found = ALL_POLICIES.find((p) => p.name === name);
  if (!found) throw new Error(`no policy named ${name}`);
  return found;
}

const SCOPE_TEXT: Record<Policy['scope'], string> = {
  'own-unit': "officers', accountants' own unit; others any unit",
  district: 'district-wide',
  delegation: "delegation's program parts and units",
  signatory: "the unit's registered signatories (a unit role: own unit)",
  any: '—',
};

/** One row per policy: what the README's authorization table says, derived from the data. */
export function authorizationTable(): string {
  const header = [
    '| command | kind | ' + ROLES.join(' | ') + ' | scope | dates and other rules | doors |',
    '| --- | --- | ' + ROLES.map(() => '---').join(' | ') + ' | --- | --- | --- |',
  ];
  const rows = ALL_POLICIES.map((p) => {
    const roles = ROLES.map((r) => (p.roles.includes(r) ? '✓' : ''));
    const rules = [
      p.scope === 'delegation'
        ? 'delegation in force on the effective date and on the day recorded'
        : p.scope === 'signatory'
          ? 'registered signatory in the capacity on the effective date and on the day recorded'
          : '',
      p.segregation ? 'not by whoever (as a person) prepared it' : '',
      p.notBefore ? `not dated before ${p.notBefore.en}` : '',
      p.dates?.en ?? '',
    ].filter((x) => x !== '');
    const who = p.system ? 'system' : p.kind;
    return `| \`${p.name}\` | ${who} | ${roles.join(' | ')} | ${SCOPE_TEXT[p.scope]} | ${rules.join('; ') || '—'} | ${p.doors.join('<br>')} |`;
  });
  return [...header, ...rows].join('\n');
}
