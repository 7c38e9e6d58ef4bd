import type { PlanCommand } from './plan.commands';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { officer } from '../shared/testing/actors.fixture';
import { baTo2024Approved, baTo2024Drafted, baTo2024Submitted } from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

// Edges of output progress found by mutation testing (README, "Mutation testing").
const given = deciderSpec(planDecider);
const plan = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;

// Illustrative: one commune to review, the smallest target a commune-tracked output has.
const oneCommune: PlanEvent = {
  ...baTo2024Drafted,
  data: {
    ...baTo2024Drafted.data,
    activities: baTo2024Drafted.data.activities.map((a) =>
      a.id === 'DA7.TDA2-ra-soat'
        ? { ...a, outputs: [{ id: 'xa', description: 'Xã đã rà soát', unit: 'xã', target: 1 }] }
        : a,
    ),
  },
};
const approved = [oneCommune, baTo2024Submitted, baTo2024Approved];

const commune = (name: string, done = true): PlanCommand => ({
  type: 'ReportOutputProgress',
  actor: officer,
  on: '2024-06-30',
  data: {
    ...plan,
    activityId: 'DA7.TDA2-ra-soat',
    outputId: 'xa',
    progress: { kind: 'commune', commune: name, done },
  },
});
const communeDone = (name: string, done = true): PlanEvent => ({
  type: 'OutputProgressReported',
  data: {
    ...plan,
    version: 1,
    on: '2024-06-30',
    activityId: 'DA7.TDA2-ra-soat',
    outputId: 'xa',
    progress: { kind: 'commune', commune: name, done },
    reportedBy: officer,
  },
});

describe('output progress of an output whose target is one commune', () => {
  it('records the first commune done: nothing done yet counts as none', () => {
    given(approved)
      .when(commune('Ba Tơ'))
      .then([communeDone('Ba Tơ')]);
  });

  it('refuses a second commune, naming two reached of one', () => {
    given([...approved, communeDone('Ba Tơ')])
      .when(commune('Ba Vì'))
      .thenThrows('PLAN.PROGRESS_EXCEEDS_TARGET', {
        field: 'progress.commune',
        reached: '2',
        target: '1',
      });
  });

  it('takes the commune back and then takes another', () => {
    const history = [...approved, communeDone('Ba Tơ'), communeDone('Ba Tơ', false)];
    given(history)
      .when(commune('Ba Vì'))
      .then([communeDone('Ba Vì')]);
  });
});
