import type { Actor, Authority } from '../shared/actor';
import type { Money } from '../shared/money';
import type { PlanContent } from './plan.types';

interface PlanRef {
  readonly fiscalYear: number;
  readonly leadUnit: string;
  readonly version: number;
  readonly on: string;
}

type PlanEventOf<T extends string, D> = { readonly type: T; readonly data: PlanRef & D };

/** Progress as recorded: a count is stored with the target it was measured against. */
export type ProgressReported =
  | { readonly kind: 'count'; readonly delivered: number; readonly target: number }
  | { readonly kind: 'commune'; readonly commune: string; readonly done: boolean };

export type PlanEvent =
  | PlanEventOf<
      'PlanDrafted',
      PlanContent & { readonly totalAmount: Money; readonly draftedBy: Actor }
    >
  | PlanEventOf<'PlanSubmitted', { readonly submittedBy: Actor }>
  | PlanEventOf<
      'PlanApproved',
      {
        readonly number: string;
        readonly issuedOn: string;
        readonly totalAmount: Money;
        readonly legalBasis: readonly string[];
        readonly approvedBy: Actor;
        readonly authority: Authority;
      }
    >
  | PlanEventOf<'PlanRejected', { readonly reason: string; readonly rejectedBy: Actor }>
  | PlanEventOf<
      'PlanAmendmentDrafted',
      PlanContent & {
        readonly amendsVersion: number;
        readonly amendingDecision: string;
        readonly reason: string;
        readonly totalAmount: Money;
        readonly draftedBy: Actor;
      }
    >
  | PlanEventOf<
      'OutputProgressReported',
      {
        readonly activityId: string;
        readonly outputId: string;
        readonly progress: ProgressReported;
        readonly reportedBy: Actor;
      }
    >;
