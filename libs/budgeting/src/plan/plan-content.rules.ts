import { MAX_AMOUNT, sumMoney, type Money } from '../shared/money';
import { requireDocumentNumbers, requireOneOf, requireText } from '../reference/field.validation';
import { planErrors } from './plan.errors';
import {
  ACTIVITY_CATEGORIES,
  OUTPUT_UNITS,
  type ActivityInput,
  type PlanContent,
  type PlannedActivity,
  type PlannedOutput,
  type ProgramPart,
} from './plan.types';

/** DA6, DA7.TDA1, DA3.TDA2.ND1: project, then sub-project and content levels. */
const PART_CODE = /^DA\d+(\.[A-Z]+\d+)*$/u;

export interface ContentInput {
  readonly title: string;
  readonly legalBasis: readonly string[];
  readonly fundingDecisions: readonly string[];
  readonly parts: readonly ProgramPart[];
  readonly activities: readonly ActivityInput[];
}

/**
 * Checks and normalises a version's content. The rule that matters most: the activities
 * of a part never plan more than the part's budget (optional amounts count as nothing).
 */
export function validatePlanContent(input: ContentInput): PlanContent {
  const title = requireText(input.title, 'title');
  const legalBasis = requireDocumentNumbers(input.legalBasis, 'legalBasis');
  const fundingDecisions = requireDocumentNumbers(input.fundingDecisions, 'fundingDecisions');
  if (fundingDecisions.length === 0) throw planErrors.fundingDecisionRequired();
  if (input.parts.length === 0) throw planErrors.noParts();
  const parts = input.parts.map(validatePart);
  requireUnique(
    parts.map((p) => p.code),
    'parts',
  );
  const activities = input.activities.map((activity, index) =>
    validateActivity(activity, `activities[${index}]`, parts),
  );
  requireUnique(
    activities.map((a) => a.id),
    'activities',
  );
  for (const part of parts) {
    const planned = plannedFor(activities, part.code);
    if (planned > part.budgetAmount) {
      throw planErrors.activitiesExceedBudget(part.code, part.budgetAmount, planned);
    }
  }
  return { title, legalBasis, fundingDecisions, parts, activities };
}

export function plannedFor(activities: readonly PlannedActivity[], partCode: string): Money {
  return sumMoney(
    activities.filter((a) => a.programPart === partCode).map((a) => a.plannedAmount ?? 0n),
  );
}

export function totalOf(content: PlanContent): Money {
  return sumMoney(content.parts.map((p) => p.budgetAmount));
}

function validatePart(part: ProgramPart, index: number): ProgramPart {
  const field = `parts[${index}]`;
  if (typeof part.code !== 'string' || !PART_CODE.test(part.code)) {
    throw planErrors.invalidPartCode(`${field}.code`, String(part.code));
  }
  return {
    code: part.code,
    name: requireText(part.name, `${field}.name`),
    budgetAmount: requireAmount(part.budgetAmount, `${field}.budgetAmount`),
  };
}

function validateActivity(
  activity: ActivityInput,
  field: string,
  parts: readonly ProgramPart[],
): PlannedActivity {
  if (!parts.some((p) => p.code === activity.programPart)) {
    throw planErrors.unknownPart(`${field}.programPart`, String(activity.programPart));
  }
  const outputs = (activity.outputs ?? []).map((output, index) =>
    validateOutput(output, `${field}.outputs[${index}]`),
  );
  requireUnique(
    outputs.map((o) => o.id),
    `${field}.outputs`,
  );
  return {
    id: requireText(activity.id, `${field}.id`),
    programPart: activity.programPart,
    name: requireText(activity.name, `${field}.name`),
    category: requireOneOf(activity.category, ACTIVITY_CATEGORIES, `${field}.category`),
    plannedAmount:
      activity.plannedAmount === undefined
        ? null
        : requireAmount(activity.plannedAmount, `${field}.plannedAmount`),
    outputs,
  };
}

function validateOutput(output: PlannedOutput, field: string): PlannedOutput {
  if (!Number.isSafeInteger(output.target) || output.target <= 0) {
    throw planErrors.invalidTarget(`${field}.target`);
  }
  return {
    id: requireText(output.id, `${field}.id`),
    description: requireText(output.description, `${field}.description`),
    unit: requireOneOf(output.unit, OUTPUT_UNITS, `${field}.unit`),
    target: output.target,
  };
}

// Guards against a number slipping in from JSON: money is never a float.
function requireAmount(amount: Money, field: string): Money {
  if (typeof amount !== 'bigint' || amount < 0n || amount > MAX_AMOUNT) {
    throw planErrors.invalidAmount(field);
  }
  return amount;
}

function requireUnique(ids: readonly string[], field: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw planErrors.duplicate(field, id);
    seen.add(id);
  }
}
