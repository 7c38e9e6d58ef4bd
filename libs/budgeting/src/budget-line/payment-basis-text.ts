import { describeClassification, type LineClassification } from '../classification';
import type { PlanActivityRef } from '../plan/activity-spending.decider';
import { CAPACITY_LABELS, type SigningCapacity } from '../reference/signatory';

/*
 * What an auditor reads of a payment beside its money, in words: who signed in which
 * capacity, the budget code it is booked under, the plan activity it spends on. The CLI's
 * history and the dashboard's line page say it the same way.
 */

/** A signature as the history records it (see ExpenditureSignature). */
export interface SignatureView {
  readonly capacity: SigningCapacity;
  readonly name: string;
  readonly title: string;
  readonly specimen?: { readonly number?: string };
}

/** "Chủ tài khoản: X (Trưởng phòng, mẫu chữ ký KBBT-2024-017); Kế toán trưởng: Y (…)". */
export function describeSignatures(
  signatures: readonly SignatureView[],
  lang: 'vi' | 'en',
): string {
  return signatures
    .map((s) => {
      const specimen = s.specimen?.number
        ? lang === 'vi'
          ? `, mẫu chữ ký ${s.specimen.number}`
          : `, specimen ${s.specimen.number}`
        : '';
      return `${CAPACITY_LABELS[s.capacity][lang]}: ${s.name} (${s.title}${specimen})`;
    })
    .join('; ');
}

/**
 * "tiểu mục 6606; chương 622, khoản 398, CTMTQG 0356, nguồn 12": the payment's tiểu mục
 * and its line's codes; null when it has neither (recorded before 0.9.0).
 */
export function describeBudgetCode(
  view: {
    readonly economicCode?: string | null;
    readonly classification?: LineClassification | null;
  },
  lang: 'vi' | 'en',
): string | null {
  const { economicCode, classification } = view;
  if (!economicCode && !classification) return null;
  const vi = lang === 'vi';
  const item = economicCode
    ? `${vi ? 'tiểu mục' : 'tiểu mục (economic code)'} ${economicCode}`
    : vi
      ? 'không ghi tiểu mục'
      : 'no tiểu mục';
  const line = classification
    ? describeClassification(classification)
    : vi
      ? 'dòng chưa phân loại mục lục'
      : 'line not classified';
  return `${item}; ${line}`;
}

/** "DA6.TDA2-pano, kế hoạch LDTBXH 2024 (89/KH-UBND, phiên bản 1)". */
export function describePlanActivity(plan: PlanActivityRef, lang: 'vi' | 'en'): string {
  return lang === 'vi'
    ? `${plan.activityId}, kế hoạch ${plan.leadUnit} ${plan.fiscalYear} (${plan.decision}, phiên bản ${plan.version})`
    : `${plan.activityId}, plan ${plan.leadUnit} ${plan.fiscalYear} (${plan.decision}, version ${plan.version})`;
}
