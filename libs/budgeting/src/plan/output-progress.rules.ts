import { requireText } from '../reference/field.validation';
import type { ProgressInput } from './plan.commands';
import type { ProgressReported } from './plan.events';
import { planErrors } from './plan.errors';
import { progressKey, type OutputProgress, type PlanVersion } from './plan.state';
import type { PlanContent, PlannedOutput } from './plan.types';

type Progress = Readonly<Record<string, OutputProgress>>;

/** Outputs counted in communes are reported commune by commune; the rest as a count. */
function tracksCommunes(output: PlannedOutput): boolean {
  return output.unit === 'xã';
}

/** The progress to record against the version in force, or null when nothing changes. */
export function decideProgress(
  version: PlanVersion,
  progress: Progress,
  activityId: string,
  outputId: string,
  input: ProgressInput,
): ProgressReported | null {
  const activity = version.activities.find((a) => a.id === activityId);
  if (activity === undefined) throw planErrors.unknownActivity(activityId);
  const output = activity.outputs.find((o) => o.id === outputId);
  if (output === undefined) throw planErrors.unknownOutput(activityId, outputId);
  const current = progress[progressKey(activityId, outputId)];
  const expected = tracksCommunes(output) ? 'commune' : 'count';
  if (input.kind !== expected) throw planErrors.progressKindMismatch(output.unit, input.kind);

  if (input.kind === 'count') {
    if (!Number.isSafeInteger(input.delivered) || input.delivered < 0) {
      throw planErrors.invalidProgress();
    }
    if (input.delivered > output.target) {
      throw planErrors.progressExceedsTarget('progress.delivered', input.delivered, output.target);
    }
    if (current?.kind === 'count' && current.delivered === input.delivered) return null;
    return { kind: 'count', delivered: input.delivered, target: output.target };
  }

  const commune = requireText(input.commune, 'progress.commune');
  const done = current?.kind === 'commune' ? current.done : [];
  if (done.includes(commune) === input.done) return null;
  if (input.done && done.length + 1 > output.target) {
    throw planErrors.progressExceedsTarget('progress.commune', done.length + 1, output.target);
  }
  return { kind: 'commune', commune, done: input.done };
}

/** An amendment may not set a target below what has already been delivered. */
export function requireTargetsCoverProgress(content: PlanContent, progress: Progress): void {
  content.activities.forEach((activity, a) => {
    activity.outputs.forEach((output, o) => {
      const reached = reachedOf(progress[progressKey(activity.id, output.id)]);
      if (reached > output.target) {
        const field = `activities[${a}].outputs[${o}].target`;
        throw planErrors.targetBelowProgress(field, output.target, reached);
      }
    });
  });
}

export function reachedOf(progress: OutputProgress | undefined): number {
  if (progress === undefined) return 0;
  return progress.kind === 'count' ? progress.delivered : progress.done.length;
}
