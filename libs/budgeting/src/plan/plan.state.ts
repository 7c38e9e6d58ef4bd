import type { Actor, Authority } from '../shared/actor';
import { assertNever } from '../shared/decider';
import type { PlanEvent } from './plan.events';
import type { PlanContent } from './plan.types';

export type PlanStatus = 'draft' | 'submitted' | 'rejected' | 'approved';

export interface PlanApproval {
  readonly number: string;
  readonly issuedOn: string;
  readonly approvedBy: Actor;
  readonly authority: Authority;
}

export interface PlanVersion extends PlanContent {
  readonly version: number;
  /** Null for the first version; every later one cites the decision that amended the plan. */
  readonly amendingDecision: string | null;
  /** Everyone who drafted or submitted this version: none of them may decide on it. */
  readonly preparedBy: readonly string[];
  /** The same, with the person behind each account (segregation compares persons). */
  readonly preparers: readonly { readonly userId: string; readonly personId: string | null }[];
  /** The effective date of its submission: a decision on it may not precede it. */
  readonly submittedOn: string | null;
  readonly approval: PlanApproval | null;
}

export type OutputProgress =
  | { readonly kind: 'count'; readonly delivered: number }
  | { readonly kind: 'commune'; readonly done: readonly string[] };

export type PlanState =
  | { readonly status: 'none' }
  | {
      /** The status of `working`, the latest version. */
      readonly status: PlanStatus;
      readonly fiscalYear: number;
      readonly leadUnit: string;
      readonly working: PlanVersion;
      /** Every approved version, oldest first: the last one is in force. */
      readonly approved: readonly PlanVersion[];
      /** Keyed by `activityId/outputId`, across versions. */
      readonly progress: Readonly<Record<string, OutputProgress>>;
      readonly lastRejection: string | null;
    };

export type ExistingPlan = Exclude<PlanState, { status: 'none' }>;

export const initialPlanState: PlanState = { status: 'none' };

export function progressKey(activityId: string, outputId: string): string {
  return `${activityId}/${outputId}`;
}

export function versionInForce(state: PlanState): PlanVersion | null {
  return state.status === 'none' ? null : (state.approved.at(-1) ?? null);
}

function contentOf(data: PlanContent): PlanContent {
  const { title, legalBasis, fundingDecisions, parts, activities } = data;
  return { title, legalBasis, fundingDecisions, parts, activities };
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  const { fiscalYear, leadUnit, version } = event.data;
  if (event.type === 'PlanDrafted' || event.type === 'PlanAmendmentDrafted') {
    const previous = state.status === 'none' ? null : state;
    // A redraft of the same version keeps its earlier preparers: they shaped it too.
    const same = previous?.working.version === version ? previous.working : null;
    const earlier = same?.preparedBy ?? [];
    const working: PlanVersion = {
      ...contentOf(event.data),
      version,
      amendingDecision: event.type === 'PlanAmendmentDrafted' ? event.data.amendingDecision : null,
      preparedBy: [...new Set([...earlier, event.data.draftedBy.userId])],
      preparers: [...(same?.preparers ?? []), preparer(event.data.draftedBy)],
      submittedOn: null,
      approval: null,
    };
    return {
      status: 'draft',
      fiscalYear,
      leadUnit,
      working,
      approved: previous?.approved ?? [],
      progress: previous?.progress ?? {},
      lastRejection: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PlanSubmitted': {
      const preparedBy = [...new Set([...state.working.preparedBy, event.data.submittedBy.userId])];
      const preparers = [...state.working.preparers, preparer(event.data.submittedBy)];
      const working = { ...state.working, preparedBy, preparers, submittedOn: event.data.on };
      return { ...state, status: 'submitted', working };
    }
    case 'PlanApproved': {
      const { number, issuedOn, approvedBy, authority } = event.data;
      const working = { ...state.working, approval: { number, issuedOn, approvedBy, authority } };
      return { ...state, status: 'approved', working, approved: [...state.approved, working] };
    }
    case 'PlanRejected':
      return { ...state, status: 'rejected', lastRejection: event.data.reason };
    case 'OutputProgressReported': {
      const { activityId, outputId, progress } = event.data;
      const key = progressKey(activityId, outputId);
      return {
        ...state,
        progress: { ...state.progress, [key]: nextProgress(state.progress[key], progress) },
      };
    }
    default:
      return assertNever(event);
  }
}

function preparer(actor: Actor): { userId: string; personId: string | null } {
  return { userId: actor.userId, personId: actor.personId ?? null };
}

function nextProgress(
  current: OutputProgress | undefined,
  reported: Extract<PlanEvent, { type: 'OutputProgressReported' }>['data']['progress'],
): OutputProgress {
  if (reported.kind === 'count') return { kind: 'count', delivered: reported.delivered };
  const done = current?.kind === 'commune' ? current.done : [];
  const others = done.filter((commune) => commune !== reported.commune);
  return { kind: 'commune', done: reported.done ? [...others, reported.commune] : others };
}
