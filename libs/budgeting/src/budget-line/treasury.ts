import { formatVietnameseDate } from '../shared/dates';
import { formatMoney } from '../shared/money';

/*
 * A payment's life at the State Treasury (Kho bạc Nhà nước, KBNN), after the approval that
 * commits its money: the unit sends the payment dossier; the Treasury checks it against
 * the estimate and the norms (Nghị định 11/2020/NĐ-CP) and either pays — a payment order
 * (lệnh chi / ủy nhiệm chi) on a date — or refuses with a reason. Only what it paid is
 * disbursed (giải ngân).
 *
 * The acceptance is recorded as ExpenditureDisbursed carrying `treasury` (the dossier it
 * answers), not as a new event type: every read model, report, export and check that
 * counts disbursement already counts that event, and a payment the unit records directly
 * (POST …/disburse, the simple path) is the same fact with the dossier left out. A new
 * event would have had to be taught to each of them, and an old reader that missed it
 * would under-report what was paid.
 */

/** What a refusal does to the money: kept (the dossier is corrected and sent again) or released. */
export const TREASURY_COMMITMENTS = ['kept', 'released'] as const;
export type TreasuryCommitment = (typeof TREASURY_COMMITMENTS)[number];

/** On an ExpenditureDisbursed: the dossier the Treasury accepted, and when it was sent. */
export interface TreasuryAnswerOf {
  readonly dossier: string;
  readonly sentOn: string;
}

/** The dossier of an expenditure now at the Treasury, awaiting its answer. */
export interface TreasurySubmission {
  readonly dossier: string;
  readonly sentOn: string;
}

/** How the Treasury last answered the expenditure's dossier (a re-sending follows a kept refusal). */
export interface TreasuryAnswer {
  readonly outcome: 'accepted' | 'refused_kept' | 'refused_released';
  /** Null for a payment the unit recorded directly (no dossier sent through the ledger). */
  readonly dossier: string | null;
  readonly on: string;
}

export const TREASURY_COMMITMENT_LABELS: Readonly<
  Record<TreasuryCommitment, { vi: string; en: string }>
> = {
  kept: {
    vi: 'giữ cam kết, đơn vị hoàn thiện hồ sơ gửi lại',
    en: 'commitment kept, the unit corrects and resends',
  },
  released: {
    vi: 'giải phóng cam kết, tiền trở lại dự toán còn lại',
    en: 'commitment released, the money is available again',
  },
};

/** A Treasury step as read models keep it (history entries, the approval trail). */
export interface TreasuryStepView {
  readonly step: 'sent' | 'accepted' | 'refused';
  readonly dossier?: string;
  readonly office?: string | null;
  readonly sentOn?: string;
  readonly paymentOrder?: string;
  readonly paidOn?: string;
  readonly refusedOn?: string;
  readonly commitment?: TreasuryCommitment;
  /** Whole đồng, as a decimal string. */
  readonly releasedAmount?: string;
  readonly reason?: string;
}

/**
 * The step in words, for the CLI's history and the dashboard: "hồ sơ HS-1 gửi KBNN Ba Tơ
 * ngày 14/5/2024", "Kho bạc thanh toán theo lệnh chi UNC-0231 ngày 16/5/2024 (hồ sơ HS-1)".
 */
export function describeTreasuryStep(t: TreasuryStepView, language: 'vi' | 'en'): string {
  const vi = language === 'vi';
  const day = (d: string | undefined) => (d ? (vi ? formatVietnameseDate(d) : d) : '');
  const dossier = t.dossier ?? '';
  switch (t.step) {
    case 'sent': {
      const to = t.office ? (vi ? ` đến ${t.office}` : ` to ${t.office}`) : '';
      return vi
        ? `hồ sơ ${dossier} gửi Kho bạc${to} ngày ${day(t.sentOn)}`
        : `dossier ${dossier} sent to the Treasury${to} on ${day(t.sentOn)}`;
    }
    case 'accepted':
      return vi
        ? `Kho bạc chấp nhận hồ sơ ${dossier}, lệnh chi ${t.paymentOrder ?? ''}, thanh toán ngày ${day(t.paidOn)}`
        : `the Treasury accepted dossier ${dossier}, payment order ${t.paymentOrder ?? ''}, paid on ${day(t.paidOn)}`;
    case 'refused': {
      const commitment = t.commitment ? TREASURY_COMMITMENT_LABELS[t.commitment][language] : '';
      const released =
        t.commitment === 'released' && t.releasedAmount
          ? ` (${formatMoney(BigInt(t.releasedAmount))} đồng)`
          : '';
      return vi
        ? `Kho bạc từ chối hồ sơ ${dossier} ngày ${day(t.refusedOn)}, lý do: ${t.reason ?? ''}; ${commitment}${released}`
        : `the Treasury refused dossier ${dossier} on ${day(t.refusedOn)}, reason: ${t.reason ?? ''}; ${commitment}${released}`;
    }
  }
}
