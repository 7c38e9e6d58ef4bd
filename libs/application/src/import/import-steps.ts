import type { DataSet } from './data-set';
import { extensionSteps } from './extension-steps';
import type { ImportStep } from './import-step';
import { lineSteps } from './line-steps';
import { classificationStep } from './classification-steps';
import { paymentSteps } from './payment-steps';
import { planSteps } from './plan-steps';
import { referenceSteps } from './reference-steps';

export { IMPORT_ACTOR, type ImportStep, type StepIo, type StepKind } from './import-step';

/**
 * Every command of a data set, in the order the ledger needs them: documents and units
 * first (everything cites them), people and their delegations, money on the lines, the
 * deadline extensions of the carry-overs, and the plan last (its approval needs the
 * signer's delegation; the lead agency it names follows it), then the payments, which
 * spend under the plan's activities and are signed by the units' signatories.
 */
export function planImport(set: DataSet): ImportStep[] {
  const people = new Map(set.people.map((p) => [p.id, p]));
  const documentDates = new Map(set.documents.map((d) => [d.number, d.issuedOn]));
  const steps = referenceSteps(set);
  if (set.lines) {
    const ctx = { fiscalYear: set.lines.fiscalYear, people, documentDates };
    set.lines.lines.forEach((line, i) => {
      const moneySteps = lineSteps(line, i, ctx);
      steps.push(...moneySteps);
      // Classified on the date the money landed (every step of an item bears it).
      const on = moneySteps.at(-1)?.effectiveDate;
      const classified = on ? classificationStep(line, i, ctx.fiscalYear, on) : null;
      if (classified) steps.push(classified);
    });
    const documents = new Map(set.documents.map((d) => [d.number, d]));
    const { fiscalYear, extensions = [] } = set.lines;
    extensions.forEach((extension, i) =>
      steps.push(...extensionSteps(extension, i, fiscalYear, documents)),
    );
  }
  if (set.plan) steps.push(...planSteps(set.plan, people));
  if (set.payments) steps.push(...paymentSteps(set.payments, people));
  return steps;
}
