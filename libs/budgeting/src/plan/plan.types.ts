import type { Money } from '../shared/money';

/** What an activity spends on; the same list budget-line expenditures use. */
export const ACTIVITY_CATEGORIES = [
  'travel_allowance',
  'training',
  'communication',
  'printing',
  'meeting',
  'survey',
  'study_tour',
  'other',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** Units a plan counts its outputs in. An output counted in 'xã' is tracked commune by commune. */
export const OUTPUT_UNITS = [
  'cái',
  'ngày',
  'lớp',
  'xã',
  'người',
  'lượt',
  'cuộc',
  'đợt',
  'hội nghị',
  'hộ',
  'bộ',
  'tờ',
] as const;
export type OutputUnit = (typeof OUTPUT_UNITS)[number];

/** A sub-project the plan implements, e.g. DA7.TDA1, with the funds it may use. */
export interface ProgramPart {
  readonly code: string;
  readonly name: string;
  readonly budgetAmount: Money;
}

/** What an activity promises to deliver: 15 panels, a 4-day study tour, every commune reviewed. */
export interface PlannedOutput {
  readonly id: string;
  readonly description: string;
  readonly unit: OutputUnit;
  readonly target: number;
}

export interface PlannedActivity {
  readonly id: string;
  readonly programPart: string;
  readonly name: string;
  readonly category: ActivityCategory;
  /** Null when the plan gives only the part's total, as the Ba Tơ 2024 plan does. */
  readonly plannedAmount: Money | null;
  readonly outputs: readonly PlannedOutput[];
}

/** An activity as a command states it: amount and outputs may be left out. */
export interface ActivityInput {
  readonly id: string;
  readonly programPart: string;
  readonly name: string;
  readonly category: ActivityCategory;
  readonly plannedAmount?: Money;
  readonly outputs?: readonly PlannedOutput[];
}

/** The body of one version of a plan. */
export interface PlanContent {
  readonly title: string;
  /** The documents cited as "Căn cứ". */
  readonly legalBasis: readonly string[];
  /** The decisions whose funds the plan spends (nguồn kinh phí). */
  readonly fundingDecisions: readonly string[];
  readonly parts: readonly ProgramPart[];
  readonly activities: readonly PlannedActivity[];
}
