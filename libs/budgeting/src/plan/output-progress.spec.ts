import type { Actor } from '../shared/actor';
import type { PlanCommand, ProgressInput } from './plan.commands';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { auditor, officer } from '../shared/testing/actors.fixture';
import { baTo2024Approved, baTo2024Drafted, baTo2024Submitted } from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

const given = deciderSpec(planDecider);
const plan = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;
const approved = [baTo2024Drafted, baTo2024Submitted, baTo2024Approved];

const report = (
  activityId: string,
  outputId: string,
  progress: ProgressInput,
  actor: Actor = officer,
): PlanCommand => ({
  type: 'ReportOutputProgress',
  actor,
  on: '2024-06-30',
  data: { ...plan, activityId, outputId, progress },
});
const reported = (
  activityId: string,
  outputId: string,
  progress: Extract<PlanEvent, { type: 'OutputProgressReported' }>['data']['progress'],
): PlanEvent => ({
  type: 'OutputProgressReported',
  data: {
    ...plan,
    version: 1,
    on: '2024-06-30',
    activityId,
    outputId,
    progress,
    reportedBy: officer,
  },
});
const panels = (delivered: number) => report('DA6.TDA2-pano', 'pano', { kind: 'count', delivered });

describe('reporting output progress', () => {
  describe('when the plan is approved', () => {
    it('records 8 of the 15 two-sided panels', () => {
      given(approved)
        .when(panels(8))
        .then([reported('DA6.TDA2-pano', 'pano', { kind: 'count', delivered: 8, target: 15 })]);
    });

    it('records days of the study tour', () => {
      given(approved)
        .when(report('DA7.TDA1-hoc-tap-kinh-nghiem', 'so-ngay', { kind: 'count', delivered: 4 }))
        .then([
          reported('DA7.TDA1-hoc-tap-kinh-nghiem', 'so-ngay', {
            kind: 'count',
            delivered: 4,
            target: 4,
          }),
        ]);
    });

    it('refuses more panels than planned', () => {
      given(approved)
        .when(panels(16))
        .thenThrows('PLAN.PROGRESS_EXCEEDS_TARGET', { reached: '16', target: '15' });
    });

    it('records none delivered yet (0)', () => {
      given(approved)
        .when(panels(0))
        .then([reported('DA6.TDA2-pano', 'pano', { kind: 'count', delivered: 0, target: 15 })]);
    });

    it('finds the output named among several of one activity', () => {
      const twoOutputs: PlanEvent = {
        ...baTo2024Drafted,
        data: {
          ...baTo2024Drafted.data,
          activities: baTo2024Drafted.data.activities.map((a) =>
            a.id === 'DA6.TDA2-pano'
              ? {
                  ...a,
                  outputs: [
                    { id: 'pano-nho', description: 'Pano nhỏ', unit: 'cái', target: 2 },
                    ...(a.outputs ?? []),
                  ],
                }
              : a,
          ),
        },
      };
      given([twoOutputs, baTo2024Submitted, baTo2024Approved])
        .when(panels(15))
        .then([reported('DA6.TDA2-pano', 'pano', { kind: 'count', delivered: 15, target: 15 })]);
    });

    it.each([-1, 2.5])('refuses %s delivered', (delivered) => {
      given(approved).when(panels(delivered)).thenThrows('PLAN.INVALID_PROGRESS');
    });

    it('refuses an unknown activity', () => {
      given(approved)
        .when(report('khong-co', 'pano', { kind: 'count', delivered: 1 }))
        .thenThrows('PLAN.UNKNOWN_ACTIVITY', { activityId: 'khong-co' });
    });

    it('refuses an output the activity does not have', () => {
      given(approved)
        .when(report('DA6.TDA2-thi-dua', 'pano', { kind: 'count', delivered: 1 }))
        .thenThrows('PLAN.UNKNOWN_OUTPUT', { outputId: 'pano' });
    });

    it('refuses a commune report for an output counted in pieces', () => {
      given(approved)
        .when(report('DA6.TDA2-pano', 'pano', { kind: 'commune', commune: 'Ba Tơ', done: true }))
        .thenThrows('PLAN.PROGRESS_KIND_MISMATCH');
    });

    it('refuses an auditor reporting', () => {
      given(approved)
        .when(report('DA6.TDA2-pano', 'pano', { kind: 'count', delivered: 1 }, auditor))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });
  });

  describe('when 8 panels were reported', () => {
    const history = [
      ...approved,
      reported('DA6.TDA2-pano', 'pano', { kind: 'count', delivered: 8, target: 15 }),
    ];

    it('records nothing for the same count again', () => {
      given(history).when(panels(8)).then([]);
    });

    it('records a later count', () => {
      given(history)
        .when(panels(15))
        .then([reported('DA6.TDA2-pano', 'pano', { kind: 'count', delivered: 15, target: 15 })]);
    });
  });

  describe('when the annual household review is tracked commune by commune', () => {
    // Illustrative: the seed gives no commune count; three communes keep the example small.
    const reviewByCommune: PlanEvent = {
      ...baTo2024Drafted,
      data: {
        ...baTo2024Drafted.data,
        activities: baTo2024Drafted.data.activities.map((a) =>
          a.id === 'DA7.TDA2-ra-soat'
            ? { ...a, outputs: [{ id: 'xa', description: 'Xã đã rà soát', unit: 'xã', target: 3 }] }
            : a,
        ),
      },
    };
    const commune = (name: string, done = true) =>
      report('DA7.TDA2-ra-soat', 'xa', { kind: 'commune', commune: name, done });
    const communeDone = (name: string, done = true) =>
      reported('DA7.TDA2-ra-soat', 'xa', { kind: 'commune', commune: name, done });
    const history = [reviewByCommune, baTo2024Submitted, baTo2024Approved];

    it('records a commune as done', () => {
      given(history)
        .when(commune('Ba Tơ'))
        .then([communeDone('Ba Tơ')]);
    });

    it('records nothing for taking back a commune that was never done', () => {
      given(history).when(commune('Ba Tơ', false)).then([]);
    });

    it('takes the last planned commune', () => {
      given([...history, communeDone('Ba Tơ'), communeDone('Ba Vì')])
        .when(commune('Ba Dinh'))
        .then([communeDone('Ba Dinh')]);
    });

    it('refuses a count for it', () => {
      given(history)
        .when(report('DA7.TDA2-ra-soat', 'xa', { kind: 'count', delivered: 1 }))
        .thenThrows('PLAN.PROGRESS_KIND_MISMATCH');
    });

    it('refuses a blank commune', () => {
      given(history).when(commune(' ')).thenThrows('VALIDATION.REQUIRED', {
        field: 'progress.commune',
      });
    });

    describe('and every planned commune is done', () => {
      const done = [...history, communeDone('Ba Tơ'), communeDone('Ba Vì'), communeDone('Ba Dinh')];

      it('records nothing for a commune already done', () => {
        given(done).when(commune('Ba Vì')).then([]);
      });

      it('refuses one commune more than planned', () => {
        given(done)
          .when(commune('Ba Xa'))
          .thenThrows('PLAN.PROGRESS_EXCEEDS_TARGET', { reached: '4', target: '3' });
      });

      it('takes a commune back, making room for another', () => {
        const state = given(done)
          .when(commune('Ba Vì', false))
          .then([communeDone('Ba Vì', false)]);
        if (state.status === 'none') throw new Error('unreachable');
        expect(state.progress['DA7.TDA2-ra-soat/xa']).toEqual({
          kind: 'commune',
          done: ['Ba Tơ', 'Ba Dinh'],
        });
      });
    });
  });

  describe('when the plan is not approved yet', () => {
    it('refuses a report', () => {
      given([baTo2024Drafted, baTo2024Submitted])
        .when(panels(1))
        .thenThrows('PLAN.INVALID_STATE', { status: 'submitted' });
    });
  });
});
