import type { Actor, Authority } from '../shared/actor';
import type { ActivityInput, ProgramPart } from './plan.types';

/** Every plan command names its plan: one plan per fiscal year and lead unit. */
interface PlanRef {
  readonly fiscalYear: number;
  readonly leadUnit: string;
}

type PlanCommandOf<T extends string, D> = {
  readonly type: T;
  readonly data: PlanRef & D;
  readonly actor: Actor;
  /** Business date the command takes effect (YYYY-MM-DD). */
  readonly on: string;
  /** The business day it is recorded on (see BudgetLineCommand); absent: `on`. */
  readonly recordedOn?: string;
};

/** A progress report: a count so far, or one commune's completion. */
export type ProgressInput =
  | { readonly kind: 'count'; readonly delivered: number }
  | { readonly kind: 'commune'; readonly commune: string; readonly done: boolean };

export type PlanCommand =
  | PlanCommandOf<
      'DraftPlan',
      {
        readonly title: string;
        readonly legalBasis: readonly string[];
        readonly fundingDecisions: readonly string[];
        readonly parts: readonly ProgramPart[];
        readonly activities: readonly ActivityInput[];
      }
    >
  | PlanCommandOf<'SubmitPlan', object>
  | PlanCommandOf<
      'ApprovePlan',
      {
        /** Given only now: the draft reads "Số /KH-UBND, ngày tháng 4 năm 2024". */
        readonly number: string;
        readonly issuedOn: string;
        /** The approver's delegation in force on `on` (authorityOn), null if none. */
        readonly authority: Authority | null;
      }
    >
  | PlanCommandOf<
      'RejectPlan',
      {
        readonly reason: string;
        /** The approver's delegation in force on `on`: rejecting is a decision too. */
        readonly authority?: Authority | null;
      }
    >
  | PlanCommandOf<
      'AmendPlan',
      {
        readonly amendingDecision: string;
        readonly reason: string;
        readonly parts: readonly ProgramPart[];
        readonly activities: readonly ActivityInput[];
        /** Omitted: the funding decisions of the version in force still apply. */
        readonly fundingDecisions?: readonly string[];
      }
    >
  | PlanCommandOf<
      'ReportOutputProgress',
      { readonly activityId: string; readonly outputId: string; readonly progress: ProgressInput }
    >;

export type PlanCommandType = PlanCommand['type'];
