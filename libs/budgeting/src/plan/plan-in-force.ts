import { fundingErrors } from './activity-spending.errors';
import type { PlanState, PlanVersion } from './plan.state';

/**
 * The version of a plan in force on a date: the last approved version whose decision was
 * issued on or before it. An amendment approved on 25/9 governs spending dated from 25/9;
 * spending dated earlier stays under the version it was made under.
 */
export function versionInForceOn(state: PlanState, on: string): PlanVersion | null {
  if (state.status === 'none') return null;
  let found: PlanVersion | null = null;
  for (const version of state.approved) {
    if (version.approval !== null && version.approval.issuedOn <= on) found = version;
  }
  return found;
}

/**
 * Whether an activity's program part covers a budget line's: the same code, or the line
 * is finer (an activity of DA7 may be paid from a DA7.TDA1 line, one of DA7.TDA1 from a
 * DA7.TDA1.ND2 line) — never the other way round.
 */
export function partCovers(activityPart: string, linePart: string): boolean {
  return linePart === activityPart || linePart.startsWith(`${activityPart}.`);
}

/**
 * The transition (README, Choices): once the line's unit has a plan for the line's year
 * in force on the proposal's date, every proposal on its lines names an activity; before
 * that, a proposal naming none is recorded as spending not tied to a plan activity.
 */
export function requireActivityNamed(ownPlan: PlanState, on: string, named: boolean): void {
  if (named || ownPlan.status === 'none') return;
  const inForce = versionInForceOn(ownPlan, on);
  if (inForce?.approval) {
    throw fundingErrors.activityRequired(
      ownPlan.fiscalYear,
      ownPlan.leadUnit,
      inForce.approval.number,
    );
  }
}
